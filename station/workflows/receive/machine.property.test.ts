import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyBarcode } from "#contract/barcode.js";
import { labStates } from "#contract/domain.js";
import { rejectReasons, type Manifest, type ManifestLine } from "#contract/receiving.js";
import { receive, startReceiving, type ReceiveInput, type ReceiveRules, type ReceivingState } from "./machine.js";

const rules: ReceiveRules = {
  tolerance: { pct: 1, grams: 0.5 },
  quarantineLocation: "Quarantine",
  emptyBelowGrams: 2,
  confirmBelowPct: 50,
};
const tag = (i: number) => `1A4060300012B7C${String(i).padStart(9, "0")}`;
const coa = { lab: "Lab", testedAt: "2026-11-02", thc: "20%", cbd: "1%", overallPassed: true };

const lineArb = (i: number) =>
  fc
    .record({
      // Mostly passing packages, so that accepting is reached; every other lab state now and then.
      labState: fc.oneof(
        { weight: 4, arbitrary: fc.constant("TestPassed" as const) },
        { weight: 1, arbitrary: fc.constantFrom(...labStates) },
      ),
      hasCoa: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      weightBased: fc.boolean(),
    })
    .map(({ labState, hasCoa, weightBased }): ManifestLine => ({
      label: tag(i),
      itemId: `item-${i % 3}`,
      itemName: `Item ${i}`,
      labState,
      coa: hasCoa ? coa : null,
      weightBased,
      quantity: weightBased ? 100 : 10,
      unit: weightBased ? "Grams" : "Each",
      containerTareGrams: weightBased ? 20 : undefined,
    }));

const manifestArb = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i))))
  .map((lines): Manifest => ({ manifestNumber: "M-1", shipperName: "S", shipperLicense: "L", arrival: null, lines }));

/** Labels 0–7: some on the manifest, some not; plus codes that are not tags. */
const codeArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 7 }).map(tag) },
  { weight: 1, arbitrary: fc.constantFrom("1A4060300012B7C0000", "EMP-0001", "0123") },
);
const labelArb = fc.integer({ min: 0, max: 5 }).map(tag);
const inputArb: fc.Arbitrary<Omit<ReceiveInput, "at">> = fc.oneof(
  codeArb.map((code) => ({ type: "scan" as const, scanId: "s", code, classification: classifyBarcode(code) })),
  fc
    .record({ grams: fc.double({ min: 0, max: 200, noNaN: true }), stable: fc.boolean() })
    .map((w) => ({ type: "weight" as const, ...w })),
  labelArb.map((label) => ({ type: "select" as const, label })),
  labelArb.map((label) => ({ type: "reweigh" as const, label })),
  fc
    .record({
      label: labelArb,
      decision: fc.constantFrom("accept" as const, "accept-corrected" as const, "reject" as const),
      // Any number, and often one within reason (half to all of the 10 Each or 100 g shipped).
      quantity: fc.option(
        fc.oneof(
          fc.double({ min: -5, max: 200, noNaN: true }),
          fc.double({ min: 5, max: 10, noNaN: true }),
          fc.double({ min: 50, max: 100, noNaN: true }),
        ),
        { nil: undefined },
      ),
      confirmed: fc.option(fc.boolean(), { nil: undefined }),
      reason: fc.option(fc.constantFrom(...rejectReasons), { nil: undefined }),
    })
    .map((d) => ({ type: "decide" as const, ...d, placement: { location: "Vault A-1", text: "Vault A-1" } })),
  fc.constant({ type: "complete" as const }),
);

/** Runs per property: enough that accepting, correcting and completing each happen many times. */
const RUNS = 500;
const inputsArb = fc.array(inputArb, { minLength: 10, maxLength: 80 });

function runAll(manifest: Manifest, inputs: Array<Omit<ReceiveInput, "at">>): ReceivingState {
  let s = startReceiving({ receivingId: "r", manifest, employeeId: "e", at: 0 });
  inputs.forEach((input, i) => {
    s = receive(s, { ...input, at: i + 1 } as ReceiveInput, rules).state;
  });
  return s;
}

describe("receiving, for any sequence of scans, readings and taps", () => {
  it("never accepts a package that failed the lab gate, was not scanned, is unexpected, is off weight, or more than was shipped", () => {
    fc.assert(
      fc.property(manifestArb, inputsArb, (manifest, inputs) => {
        const s = runAll(manifest, inputs);
        for (const label of s.order) {
          const p = s.lines[label]!;
          const d = p.decision;
          if (!d || d.decision === "reject") {
            if (d) expect(d.location).toBe("Quarantine");
            continue;
          }
          expect(p.line).toBeDefined();
          expect(p.scans).toBeGreaterThan(0);
          expect(p.line!.labState).toBe("TestPassed");
          expect(p.line!.coa?.overallPassed).toBe(true);
          expect(d.receivedQuantity).toBeGreaterThan(0);
          expect(d.receivedQuantity).toBeLessThanOrEqual(p.line!.quantity);
          if (p.line!.weightBased) expect(p.weight).toBeDefined();
          if (d.decision === "accept" && p.weight) expect(["ok", "uncomparable"]).toContain(p.weight.verdict);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("reaches accepted, corrected, rejected and completed outcomes often enough to mean something", () => {
    const seen = { accept: 0, "accept-corrected": 0, reject: 0, completed: 0 };
    fc.assert(
      fc.property(manifestArb, inputsArb, (manifest, inputs) => {
        const s = runAll(manifest, inputs);
        if (s.status === "completed") seen.completed++;
        for (const l of s.order) {
          const d = s.lines[l]!.decision;
          if (d) seen[d.decision]++;
        }
      }),
      { numRuns: RUNS, seed: 42 },
    );
    expect(Math.min(seen.accept, seen["accept-corrected"], seen.reject), JSON.stringify(seen)).toBeGreaterThan(5);
    expect(seen.completed, JSON.stringify(seen)).toBeGreaterThan(0);
  });

  it("counts n of N within bounds, completes only with every line decided, and replays to the same state", () => {
    fc.assert(
      fc.property(manifestArb, inputsArb, (manifest, inputs) => {
        const s = runAll(manifest, inputs);
        const scanned = manifest.lines.filter((l) => (s.lines[l.label]?.scans ?? 0) > 0).length;
        expect(scanned).toBeLessThanOrEqual(manifest.lines.length);
        if (s.status === "completed") expect(s.order.every((l) => s.lines[l]!.decision)).toBe(true);
        expect(runAll(manifest, JSON.parse(JSON.stringify(inputs)) as typeof inputs)).toEqual(s);
      }),
      { numRuns: RUNS },
    );
  });
});
