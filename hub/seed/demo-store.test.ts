import { describe, expect, it } from "vitest";
import { classifyBarcode } from "#contract/barcode.js";
import { ItemSchema, PackageSchema } from "#contract/domain.js";
import { verifyPin } from "#contract/pin.js";
import { demoStore } from "./demo-store.js";

describe("demo store", () => {
  const now = new Date("2026-11-27T12:00:00Z");
  const store = demoStore({ now });

  it("has about 40 items across the five main categories, each schema-valid", () => {
    expect(store.items.length).toBeGreaterThanOrEqual(38);
    for (const item of store.items) expect(ItemSchema.safeParse(item).success).toBe(true);
    const categories = new Set(store.items.map((i) => i.category));
    for (const c of ["flower", "pre-roll", "vape", "edible", "concentrate"]) expect(categories).toContain(c);
  });

  it("has 500 packages with unique, strict 24-character tags that classify as METRC tags", () => {
    expect(store.packages).toHaveLength(500);
    expect(new Set(store.packages.map((p) => p.label)).size).toBe(500);
    for (const p of store.packages) {
      expect(PackageSchema.safeParse(p).success).toBe(true);
      expect(classifyBarcode(p.label)).toMatchObject({ kind: "metrc-tag", form: "strict" });
    }
  });

  it("keeps failed-lab packages out of sellable locations", () => {
    for (const p of store.packages.filter((x) => x.labState !== "TestPassed")) expect(p.location).toBe("Quarantine");
  });

  it("has 30 days of sales from sales-floor packages only", () => {
    const localDay = (iso: string) => new Date(iso).toLocaleDateString("en-CA", { timeZone: store.site.timezone });
    const days = new Set(store.sales.map((s) => localDay(s.at)));
    expect(days.size).toBe(30);
    const floor = new Set(store.packages.filter((p) => p.location === "Sales Floor").map((p) => p.label));
    for (const s of store.sales) for (const l of s.lines) expect(floor.has(l.label)).toBe(true);
  });

  it("is deterministic and gives employees working PIN hashes", () => {
    const again = demoStore({ now });
    expect(again.packages).toEqual(store.packages);
    const dana = store.employees[0]!;
    expect(verifyPin(dana.pin, dana.pinHash)).toBe(true);
  });
});
