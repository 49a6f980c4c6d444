import { describe, expect, it } from "vitest";
import { defaultCountsConfig } from "./config.js";
import { expectedAtCount, tolerancePct, withinTolerance } from "./tolerance.js";

describe("tolerance", () => {
  it("is ±1 % for A, ±3 % for B, ±5 % for C and ±3 % for anything weighed", () => {
    expect(tolerancePct("A", "units", defaultCountsConfig)).toBe(1);
    expect(tolerancePct("B", "units", defaultCountsConfig)).toBe(3);
    expect(tolerancePct("C", "units", defaultCountsConfig)).toBe(5);
    expect(tolerancePct("A", "weight", defaultCountsConfig)).toBe(3);
    expect(tolerancePct("C", "weight", defaultCountsConfig)).toBe(3);
  });
  it("holds a count at its edge and refuses past it", () => {
    expect(withinTolerance(100, 99, 1)).toBe(true);
    expect(withinTolerance(100, 98.9, 1)).toBe(false);
    expect(withinTolerance(453.6, 440, 3)).toBe(true);
    expect(withinTolerance(453.6, 439.9, 3)).toBe(false);
    // One unit short of 24 is over 1 % (and 3 %) but within 5 %.
    expect(withinTolerance(24, 23, 3)).toBe(false);
    expect(withinTolerance(24, 23, 5)).toBe(true);
  });
  it("expects nothing of nothing", () => {
    expect(withinTolerance(0, 0, 5)).toBe(true);
    expect(withinTolerance(0, 1, 5)).toBe(false);
  });
});

describe("sales during a count", () => {
  const snapshot = { quantity: 24, at: "2026-12-01T17:00:00.000Z" };
  const sales = [
    { at: "2026-12-01T16:59:59.000Z", quantity: 5 },
    { at: "2026-12-01T17:10:00.000Z", quantity: 2 },
    { at: "2026-12-01T17:20:00-00:00", quantity: 1 },
    { at: "2026-12-01T17:25:00.000Z", quantity: -1 },
    { at: "2026-12-01T18:00:00.000Z", quantity: 3 },
  ];
  it("subtracts what sold after the snapshot and before the scan, returns added back", () => {
    expect(expectedAtCount(snapshot, sales, "2026-12-01T17:30:00.000Z")).toBe(22);
    expect(expectedAtCount(snapshot, sales, "2026-12-01T17:05:00.000Z")).toBe(24);
    expect(expectedAtCount(snapshot, sales, "2026-12-01T19:00:00.000Z")).toBe(19);
  });
});
