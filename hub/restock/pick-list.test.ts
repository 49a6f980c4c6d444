import { describe, expect, it } from "vitest";
import type { Package } from "#contract/domain.js";
import { fefoCompare, pickLine } from "./pick-list.js";

const pkg = (label: string, expirationDate: string | undefined, packagedDate: string, quantity = 10): Package => ({
  label,
  itemId: "i",
  quantity,
  unit: "Each",
  location: `Vault ${label.slice(-1)}`,
  status: "active",
  labState: "TestPassed",
  packagedDate,
  ...(expirationDate ? { expirationDate } : {}),
});

describe("FEFO/FIFO order", () => {
  it("takes the soonest expiry first, then the oldest packaged date, then the tag; undated expiry last", () => {
    const list = [
      pkg("T-5", undefined, "2026-01-01"),
      pkg("T-4", "2027-02-01", "2026-01-01"),
      pkg("T-3", "2027-01-01", "2026-06-01"),
      pkg("T-2", "2027-01-01", "2026-05-01"),
      pkg("T-1", "2027-01-01", "2026-05-01"),
    ];
    expect([...list].sort(fefoCompare).map((p) => p.label)).toEqual(["T-1", "T-2", "T-3", "T-4", "T-5"]);
  });
  it("orders by packaged date (FIFO) when nothing expires", () => {
    const list = [pkg("A", undefined, "2026-03-01"), pkg("B", undefined, "2026-01-01")];
    expect([...list].sort(fefoCompare).map((p) => p.label)).toEqual(["B", "A"]);
  });
});

describe("a request's pick list", () => {
  const vault = [
    pkg("P-1", "2027-03-01", "2026-01-01"),
    pkg("P-2", "2027-01-01", "2026-01-01"),
    pkg("P-3", "2027-02-01", "2026-01-01"),
  ];
  const need = { itemId: "i", itemName: "Item", unit: "Each" as const };
  it("takes whole packages in FEFO order until the quantity is covered", () => {
    const line = pickLine({ ...need, quantity: 15 }, vault, new Set());
    expect(line.picks.map((p) => p.label)).toEqual(["P-2", "P-3"]);
    expect(line.picks[0]).toMatchObject({ location: "Vault 2", quantity: 10, expirationDate: "2027-01-01" });
    expect(line.short).toBeUndefined();
  });
  it("leaves out packages another request holds, and says what the vault cannot cover", () => {
    const line = pickLine({ ...need, quantity: 25 }, vault, new Set(["P-2"]));
    expect(line.picks.map((p) => p.label)).toEqual(["P-3", "P-1"]);
    expect(line.short).toBe(5);
  });
  it("picks nothing once the request is covered", () => {
    expect(pickLine({ ...need, quantity: 0 }, vault, new Set()).picks).toEqual([]);
  });
});
