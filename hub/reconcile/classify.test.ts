/** Each class from the facts that make it, and the facts that do not (rounding, voids netted, one line per label and class). */
import { describe, expect, it } from "vitest";
import { classifyDay, countTolerance, summarize } from "./classify.js";
import type { DayFacts } from "./facts.js";

const A = "1A4060300012B7C000003001";
const B = "1A4060300012B7C000003777";
const empty: DayFacts = {
  pos: new Map(),
  state: new Map(),
  unknownSold: new Set(),
  unknownVault: [],
  notInState: [],
  notInVault: [],
  unsellable: [],
  receiving: [],
  physical: [],
  activeLabels: [],
};
const net = (entries: Array<[string, string, number]>) => {
  const m = new Map<string, Map<string, number>>();
  for (const [label, unit, n] of entries) m.set(label, new Map([...(m.get(label) ?? []), [unit, n]]));
  return m;
};
const classes = (facts: Partial<DayFacts>) => classifyDay({ ...empty, ...facts }).map((l) => [l.class, l.label]);

describe("sales classes", () => {
  it("sold-not-reported: sold in the POS only", () => {
    const [line] = classifyDay({ ...empty, pos: net([[A, "Each", 2]]) });
    expect(line).toMatchObject({ class: "sold-not-reported", label: A, pos: 2, state: null });
    expect(line!.fix).toContain("report the sale to METRC");
  });

  it("reported-not-sold: in the state system's receipts only", () => {
    expect(classifyDay({ ...empty, state: net([[A, "Grams", 3.5]]) })[0]).toMatchObject({
      class: "reported-not-sold",
      pos: null,
      state: 3.5,
    });
  });

  it("quantity-mismatch: both, other quantities; the same within rounding is no difference", () => {
    expect(classifyDay({ ...empty, pos: net([[A, "Each", 3]]), state: net([[A, "Each", 2]]) })[0]).toMatchObject({
      class: "quantity-mismatch",
      pos: 3,
      state: 2,
    });
    expect(classes({ pos: net([[A, "Grams", 0.1 + 0.2]]), state: net([[A, "Grams", 0.3]]) })).toEqual([]);
  });

  it("unit-mismatch: both, other units (whatever the quantities)", () => {
    const [line] = classifyDay({ ...empty, pos: net([[A, "Grams", 3.5]]), state: net([[A, "Each", 3.5]]) });
    expect(line).toMatchObject({ class: "unit-mismatch" });
    expect(line!.fix).toContain("in Grams, METRC recorded Each");
  });

  it("a sale returned the same day, in neither source, is no difference", () => {
    expect(classes({ pos: net([[A, "Each", 0]]) })).toEqual([]);
  });

  it("unknown-tag: a POS tag the state system does not know, with the likely intended package in the fix", () => {
    const typo = "1A4060300012B7C000003778";
    const [line] = classifyDay({
      ...empty,
      pos: net([[typo, "Each", 1]]),
      unknownSold: new Set([typo]),
      activeLabels: [A, B],
    });
    expect(line).toMatchObject({ class: "unknown-tag", label: typo, pos: 1 });
    expect(line!.fix).toContain(B);
  });
});

describe("on-hand, receiving and unsellable classes", () => {
  it("unknown-tag for a vault tag, not-in-vault, not-in-state", () => {
    expect(
      classes({
        unknownVault: [{ label: A, ledger: 4 }],
        notInVault: [{ label: B, ledger: 2 }],
        notInState: [{ label: "X".repeat(24), ledger: 1 }],
      }),
    ).toEqual([
      ["unknown-tag", A],
      ["not-in-vault", B],
      ["not-in-state", "X".repeat(24)],
    ]);
  });

  it("physical-short and physical-over beyond the count's tolerance, with the books then and the count", () => {
    const lines = classifyDay({
      ...empty,
      physical: [
        { label: A, counted: 3, book: 5, unit: "Each" },
        { label: B, counted: 12.5, book: 12, unit: "Grams" },
        { label: "C".repeat(24), counted: 12.04, book: 12, unit: "Grams" },
      ],
    });
    expect(lines.map((l) => [l.class, l.label, l.ledger, l.physical])).toEqual([
      ["physical-short", A, 5, 3],
      ["physical-over", B, 12, 12.5],
    ]);
    expect(countTolerance(12, "Grams")).toBeCloseTo(0.06);
    expect(countTolerance(12, "Each")).toBeLessThan(0.001);
  });

  it("receiving-mismatch when the vault received another quantity or unit than shipped", () => {
    const r = { manifest: "0000123", shipped: 10, shippedUnit: "Each", received: 10, receivedUnit: "Each" };
    const lines = classifyDay({
      ...empty,
      receiving: [
        { ...r, label: A, received: 8 },
        { ...r, label: B },
        { ...r, label: "C".repeat(24), receivedUnit: "Grams" },
      ],
    });
    expect(lines.map((l) => l.label)).toEqual([A, "C".repeat(24)]);
    expect(lines[0]!.fix).toContain("Manifest 0000123 shipped 10 Each, the vault received 8 Each");
  });

  it("sold-while-unsellable names why, beside the sales comparison of the same package", () => {
    const lines = classifyDay({
      ...empty,
      pos: net([[A, "Each", 1]]),
      state: net([[A, "Each", 1]]),
      unsellable: [{ label: A, why: "failed-lab", quantity: 1 }],
    });
    expect(lines).toEqual([expect.objectContaining({ class: "sold-while-unsellable", label: A, pos: 1, state: 1 })]);
    expect(lines[0]!.fix).toContain("lab test had failed");
  });
});

describe("a run's lines", () => {
  it("one per label and class, in class order then label, and a summary naming every class", () => {
    const lines = classifyDay({
      ...empty,
      pos: net([[A, "Each", 1]]),
      unknownSold: new Set([A]),
      unknownVault: [
        { label: A, ledger: 1 },
        { label: B, ledger: 1 },
      ],
      notInVault: [{ label: A, ledger: 1 }],
    });
    expect(lines.map((l) => [l.class, l.label])).toEqual([
      ["unknown-tag", A],
      ["unknown-tag", B],
      ["not-in-vault", A],
    ]);
    const summary = summarize(lines);
    expect(Object.keys(summary)).toHaveLength(11);
    expect(summary).toMatchObject({ "unknown-tag": 2, "not-in-vault": 1, "sold-not-reported": 0 });
  });
});
