import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CountAssignment } from "#contract/counting.js";
import { commandSchemas } from "#contract/messages.js";
import { countStep, initialCountState, type CountInput, type CountState } from "./machine.js";
import { CountMain } from "./views/main.js";

const tag = (i: number) => `1A4060300003C35${String(i).padStart(9, "0")}`;
const dana = { employeeId: "emp-001", name: "Dana Reyes" };

/** Any count the contract lets through: items counted by units or weight, packages, maybe a recount. */
const assignment = fc
  .record({
    packages: fc.integer({ min: 1, max: 12 }),
    weighed: fc.boolean(),
    round: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ packages, weighed, round }): CountAssignment => {
    const lines = Array.from({ length: packages }, (_, i) => ({
      label: tag(i),
      itemId: `item-${i % 3}`,
      location: `Vault ${i % 4}`,
    }));
    return {
      countSessionId: "count-1",
      title: "Cycle count",
      kind: "cycle",
      businessDay: "2026-12-01",
      round,
      items: [0, 1, 2].map((k) => ({
        itemId: `item-${k}`,
        itemName: `Item ${k}`,
        unit: weighed && k === 1 ? "Grams" : "Each",
        countBy: weighed && k === 1 ? "weight" : "units",
        ...(k === 1 ? { containerTareGrams: 30 } : {}),
      })),
      lines,
      ...(round > 1 ? { recount: [{ label: tag(0), countedBy: "emp-009" }] } : {}),
    };
  });

/** Scans, counts (0–60 units) and weighings a coordinator could make. */
const input = fc.oneof(
  fc.integer({ min: 0, max: 14 }).map((i): CountInput => ({ type: "scan", label: tag(i), who: dana, at: 1 })),
  fc
    .record({ i: fc.integer({ min: 0, max: 14 }), q: fc.integer({ min: 0, max: 60 }) })
    .map(({ i, q }): CountInput => ({ type: "enter", label: tag(i), quantity: q, who: dana, at: 2 })),
  fc
    .integer({ min: 0, max: 900 })
    .map((g): CountInput => ({ type: "weight", grams: g, stable: true, who: dana, at: 3 })),
  fc.constant<CountInput>({ type: "submit", who: dana, at: 4, confirmed: false }),
);

describe("no count screen ever carries an expected quantity", () => {
  it("shows only what people counted, whatever they do", () => {
    fc.assert(
      fc.property(assignment, fc.array(input, { maxLength: 25 }), (a, inputs) => {
        commandSchemas.count.shape.payload.parse({ counts: [a] });
        let s: CountState = countStep(initialCountState, { type: "assign", counts: [a] }).state;
        s = countStep(s, { type: "open", countSessionId: a.countSessionId, who: dana }).state;
        for (const i of inputs) {
          s = countStep(s, i).state;
          const html = String(<CountMain view={{ state: s, entry: "", notice: null, signedIn: dana, sound: false }} />);
          expect(html).not.toMatch(/expected|on hand|ledger|should be/i);
          const counted = new Set(Object.values(s.open?.counted ?? {}).map((c) => String(c.quantity)));
          for (const m of html.matchAll(/✓ ([0-9.]+)/g)) expect(counted).toContain(m[1]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
