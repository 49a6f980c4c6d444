import { describe, expect, it } from "vitest";
import type { VaultPackage } from "../vault-kit/package-info.js";
import { idleWaste, waste, wasteStep, type WasteInput, type WasteState } from "./machine.js";

const bulk: VaultPackage = {
  label: "1A4060300012B7C000004001",
  itemName: "Bulk OG Kush",
  quantity: 20,
  unit: "Grams",
  status: "active",
  location: "Vault A-1",
  weightBased: true,
  tareGrams: 212,
};
const jar: VaultPackage = {
  ...bulk,
  label: "1A4060300012B7C000004002",
  unit: "Each",
  quantity: 12,
  weightBased: false,
  tareGrams: 0,
};
const wasteReason = { name: "Waste (Unusable Product)", requiresNote: true, requiresWasteWeight: true };

function run(inputs: WasteInput[], from: WasteState = idleWaste): WasteState {
  return inputs.reduce((s, i) => {
    const r = waste(s, i);
    if (!r.ok) throw new Error(r.reason);
    return r.state;
  }, from);
}
const start = (pkg = bulk): WasteInput => ({ kind: "start", wasteId: "w-1", employeeId: "emp-001", pkg });

describe("waste machine", () => {
  it("walks package → weigh (tare off) → reason → witness → done", () => {
    let s = run([start()]);
    expect(wasteStep(s)).toBe("weigh");
    s = run([{ kind: "weight", grams: 215.4 }], s);
    expect(s.weighing).toEqual({ grossGrams: 215.4, tareGrams: 212, netGrams: 3.4 });
    expect(s.quantity).toBe(3.4);
    expect(wasteStep(s)).toBe("reason");
    s = run([{ kind: "reason", reason: wasteReason, note: "Mould", method: "Grinder" }], s);
    expect(wasteStep(s)).toBe("witness");
    s = run([{ kind: "witnessed", witnessId: "emp-005", witnessName: "Alex Moreno" }], s);
    expect(wasteStep(s)).toBe("done");
    expect(s.witness).toEqual({ id: "emp-005", name: "Alex Moreno" });
  });

  it("refuses the one wasting it as the witness", () => {
    const s = run([
      start(),
      { kind: "weight", grams: 215.4 },
      { kind: "reason", reason: wasteReason, note: "x", method: "Grinder" },
    ]);
    expect(waste(s, { kind: "witnessed", witnessId: "emp-001", witnessName: "Dana" })).toEqual({
      ok: false,
      reason: "the witness must be a second employee, not the one wasting it",
    });
  });

  it("refuses a note or method the state requires, an empty scale, and more than the package holds", () => {
    const weighed = run([start(), { kind: "weight", grams: 215.4 }]);
    expect(waste(weighed, { kind: "reason", reason: wasteReason, method: "Grinder" })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("needs a note"),
    });
    expect(waste(weighed, { kind: "reason", reason: wasteReason, note: "Mould" })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("waste method"),
    });
    const started = run([start()]);
    expect(waste(started, { kind: "weight", grams: 211 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("nothing on the scale"),
    });
    expect(waste(started, { kind: "weight", grams: 240 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("more than package"),
    });
  });

  it("asks a count-based item how many units, after weighing the waste", () => {
    const s = run([start(jar), { kind: "weight", grams: 7.1 }]);
    expect(wasteStep(s)).toBe("units");
    expect(waste(s, { kind: "units", units: 13 })).toMatchObject({ ok: false });
    expect(waste(s, { kind: "units", units: 1.5 })).toMatchObject({ ok: false });
    expect(run([{ kind: "units", units: 2 }], s).quantity).toBe(2);
  });

  it("weighs again from the start of the weighing, and cancels only until witnessed", () => {
    const s = run([start(), { kind: "weight", grams: 215.4 }, { kind: "reweigh" }]);
    expect(wasteStep(s)).toBe("weigh");
    const done = run(
      [
        { kind: "weight", grams: 214 },
        { kind: "reason", reason: { ...wasteReason, requiresNote: false, requiresWasteWeight: false } },
        { kind: "witnessed", witnessId: "emp-005", witnessName: "A" },
      ],
      s,
    );
    expect(waste(done, { kind: "cancel" })).toMatchObject({ ok: false });
    expect(run([{ kind: "next" }], done)).toEqual(idleWaste);
  });
});
