import { describe, expect, it } from "vitest";
import { attributeBySku, type FifoPackage } from "./attribution.js";
import type { DraftLine } from "./sale-line.js";

const line = (receiptId: string, at: string, quantity: number, extra: Partial<DraftLine> = {}): DraftLine => ({
  receiptId,
  lineId: "1",
  completedAt: at,
  businessDay: at.slice(0, 10),
  packageLabel: null,
  sku: "sku-a",
  quantity,
  unit: "Each",
  total: quantity * 10,
  voided: false,
  attributed: false,
  row: 1,
  ...extra,
});
const packages = new Map<string, FifoPackage[]>([
  [
    "sku-a",
    [
      { label: "NEW", quantity: 50, packagedDate: "2026-10-20" },
      { label: "OLD", quantity: 3, packagedDate: "2026-09-01" },
      { label: "MID", quantity: 1, packagedDate: "2026-10-01" },
    ],
  ],
]);

describe("FIFO attribution by SKU", () => {
  it("sells the oldest package with stock left first, in time order, and marks each line attributed", () => {
    const out = attributeBySku(
      [
        line("r3", "2026-11-01T12:00:00Z", 1),
        line("r1", "2026-11-01T10:00:00Z", 2),
        line("r2", "2026-11-01T11:00:00Z", 2),
      ],
      packages,
    );
    expect(out.map((l) => [l.receiptId, l.packageLabel, l.attributed])).toEqual([
      ["r3", "MID", true],
      ["r1", "OLD", true],
      ["r2", "OLD", true],
    ]);
  });

  it("goes to the newest package when all are sold out, and voids use nothing up", () => {
    const out = attributeBySku(
      [
        line("v", "2026-11-01T09:00:00Z", 54, { voided: true }),
        line("a", "2026-11-01T10:00:00Z", 3),
        line("b", "2026-11-01T11:00:00Z", 1),
        line("c", "2026-11-01T12:00:00Z", 50),
        line("d", "2026-11-01T13:00:00Z", 1),
      ],
      packages,
    );
    expect(out.map((l) => l.packageLabel)).toEqual(["OLD", "OLD", "MID", "NEW", "NEW"]);
  });

  it("returns a line to the package its sale went to, and leaves unknown SKUs and tagged lines alone", () => {
    const out = attributeBySku(
      [
        line("s1", "2026-11-01T10:00:00Z", 3),
        line("s2", "2026-11-01T10:30:00Z", 1),
        line("ret", "2026-11-01T11:00:00Z", -1, { returnOf: "s2" }),
        line("x", "2026-11-01T11:00:00Z", 1, { sku: "unknown" }),
        line("t", "2026-11-01T11:00:00Z", 1, { packageLabel: "TAGGED" }),
      ],
      packages,
    );
    expect(out.map((l) => [l.packageLabel, l.attributed])).toEqual([
      ["OLD", true],
      ["MID", true],
      ["MID", true],
      [null, false],
      ["TAGGED", false],
    ]);
  });
});
