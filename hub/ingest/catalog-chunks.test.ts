import { describe, expect, it } from "vitest";
import { CatalogPayload } from "#contract/messages.js";
import { catalogChunks } from "./catalog-chunks.js";

const item = {
  id: "item-1",
  name: "Blue Dream 3.5 g",
  category: "flower" as const,
  unit: "Each" as const,
  weightBased: false,
};
const pkg = (n: number) => ({
  label: `1A4060300002199${String(n).padStart(9, "0")}`,
  itemId: "item-1",
  quantity: 4,
  unit: "Each" as const,
  location: "Vault A-1",
  status: "active" as const,
  labState: "TestPassed" as const,
  packagedDate: "2026-10-01",
});

describe("catalog chunks", () => {
  it("keeps a small catalog in one command", () => {
    const catalog = { mode: "replace" as const, items: [item], packages: [pkg(1), pkg(2)] };
    expect(catalogChunks(catalog)).toEqual([catalog]);
  });

  it("splits a large vault into parts under the limit: replace first, then upserts, nothing lost or reordered", () => {
    const packages = Array.from({ length: 10_000 }, (_, i) => pkg(i));
    const removedLabels = Array.from({ length: 50 }, (_, i) => pkg(20_000 + i).label);
    const parts = catalogChunks({ mode: "replace", items: [item], packages, removedLabels }, 64 * 1024);
    expect(parts.length).toBeGreaterThan(10);
    for (const p of parts) {
      expect(Buffer.byteLength(JSON.stringify(p))).toBeLessThanOrEqual(64 * 1024);
      expect(CatalogPayload.safeParse(p).success).toBe(true);
    }
    expect(parts.map((p) => p.mode)).toEqual(["replace", ...parts.slice(1).map(() => "upsert")]);
    expect(parts[0]?.items).toEqual([item]);
    expect(parts.flatMap((p) => p.packages)).toEqual(packages);
    expect(parts.flatMap((p) => p.removedLabels ?? [])).toEqual(removedLabels);
  });

  it("sends an empty replace as one command (the vault is empty)", () => {
    expect(catalogChunks({ mode: "replace", items: [], packages: [] })).toEqual([
      { mode: "replace", items: [], packages: [] },
    ]);
  });
});
