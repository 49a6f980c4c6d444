import { describe, expect, it } from "vitest";
import type { VaultPackage } from "../vault-kit/package-info.js";
import { idleSplit, split, splitStep, unaccounted, type SplitInput, type SplitState } from "./machine.js";

const bulk: VaultPackage = {
  label: "1A4060300012B7C000004001",
  itemName: "Bulk OG Kush",
  quantity: 448,
  unit: "Grams",
  status: "active",
  location: "Vault A-1",
  weightBased: true,
  tareGrams: 212,
};
const FRESH = ["1A4060300012B7C000009001", "1A4060300012B7C000009002", "1A4060300012B7C000009003"];
const reason = { name: "Waste (Unusable Product)", requiresNote: true, requiresWasteWeight: true };

function run(inputs: SplitInput[], from: SplitState = idleSplit): SplitState {
  return inputs.reduce((s, i) => {
    const r = split(s, i);
    if (!r.ok) throw new Error(r.reason);
    return r.state;
  }, from);
}
const three: SplitInput[] = [
  { kind: "start", splitId: "s-1", employeeId: "emp-001", source: bulk },
  { kind: "tag", label: FRESH[0]!, known: false },
  { kind: "weight", grams: 240 },
  { kind: "tag", label: FRESH[1]!, known: false },
  { kind: "weight", grams: 240 },
  { kind: "tag", label: FRESH[2]!, known: false },
  { kind: "weight", grams: 226 },
  { kind: "finish" },
];

describe("package split machine", () => {
  it("makes three weighed packages, then takes the remainder within the tolerance straight to confirm", () => {
    let s = run(three);
    expect(s.packages.map((p) => [p.label, p.quantity])).toEqual([
      [FRESH[0], 28],
      [FRESH[1], 28],
      [FRESH[2], 14],
    ]);
    expect(splitStep(s)).toBe("remaining");
    s = run([{ kind: "weight", grams: 212 + 377.6 }], s);
    expect(unaccounted(s)).toBe(0.4);
    expect(splitStep(s)).toBe("confirm");
    expect(splitStep(run([{ kind: "confirm" }], s))).toBe("done");
  });

  it("asks for a reason when the difference is beyond the tolerance, and records it", () => {
    let s = run([...three, { kind: "weight", grams: 212 + 370 }]);
    expect(unaccounted(s)).toBe(8);
    expect(splitStep(s)).toBe("difference");
    expect(split(s, { kind: "confirm" })).toMatchObject({ ok: false });
    expect(split(s, { kind: "difference", as: "waste", reason })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("needs a note"),
    });
    s = run([{ kind: "difference", as: "waste", reason, note: "stems" }], s);
    expect(s.difference).toEqual({ quantity: 8, kind: "waste", reason: reason.name, note: "stems" });
    expect(splitStep(s)).toBe("confirm");
  });

  it("refuses the source's own tag, a tag already in use, and more than the source holds", () => {
    const s = run(three.slice(0, 1));
    expect(split(s, { kind: "tag", label: bulk.label, known: true })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("source's own tag"),
    });
    expect(split(s, { kind: "tag", label: FRESH[0]!, known: true })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("already a package"),
    });
    const pending = run([{ kind: "tag", label: FRESH[0]!, known: false }], s);
    expect(split(pending, { kind: "weight", grams: 212 + 500 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("more than source"),
    });
    expect(split(pending, { kind: "finish" })).toMatchObject({ ok: false });
  });

  it("counts a count-based source and allows no difference", () => {
    const jar: VaultPackage = { ...bulk, unit: "Each", quantity: 100, weightBased: false, tareGrams: 0 };
    let s = run([
      { kind: "start", splitId: "s-2", employeeId: "emp-001", source: jar },
      { kind: "tag", label: FRESH[0]!, known: false },
      { kind: "count", units: 10 },
      { kind: "finish" },
      { kind: "count", units: 89 },
    ]);
    expect(splitStep(s)).toBe("difference");
    s = run([{ kind: "cancel" }], s);
    expect(s).toEqual(idleSplit);
  });
});
