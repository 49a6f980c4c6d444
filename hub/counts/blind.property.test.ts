import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newId } from "#contract/ids.js";
import { commandSchemas } from "#contract/messages.js";
import { assignmentOf } from "./command.js";
import type { CountLinesTable, CountSessionsTable } from "./tables.js";

/** A quantity no label, id or date of the test contains: 7 digits and two odd decimals. */
const quantity = fc.integer({ min: 1_000_000, max: 9_999_999 }).map((n) => n + 0.37);

const session = (round: number): CountSessionsTable => ({
  site_id: "default",
  id: newId(),
  kind: "full",
  title: "Full count",
  category: null,
  business_day: "2026-12-01",
  station_id: "vault-1",
  status: round > 1 ? "recount" : "counting",
  round,
  snapshot_at: "2026-12-01T17:00:00.000Z",
  created_by: "emp-mgr",
  created_at: "2026-12-01T17:00:00.000Z",
  counted_at: null,
  approved_by: null,
  approved_at: null,
  accuracy: null,
  updated_at: "2026-12-01T17:00:00.000Z",
});

const line = (
  i: number,
  q: { snapshot: number; expected: number; counted: number },
  recount: boolean,
): CountLinesTable => ({
  site_id: "default",
  count_id: "c",
  label: `1A4060300003C35${String(i).padStart(9, "0")}`,
  item_id: `item-${i % 5}`,
  item_name: `Item ${i % 5}`,
  category: "flower",
  class: "A",
  location: "Vault A-1",
  unit: i % 2 ? "Grams" : "Each",
  count_by: i % 2 ? "weight" : "units",
  unit_weight_grams: null,
  container_tare_grams: i % 2 ? 212 : null,
  snapshot_quantity: q.snapshot,
  unexpected: 0,
  counted: q.counted,
  counted_at: null,
  counted_by: "emp-001",
  method: "scan",
  found: 1,
  gross_grams: null,
  tare_grams: null,
  counted_round: 1,
  first_counted: q.counted,
  first_counted_by: "emp-001",
  expected: q.expected,
  sold_since_snapshot: q.snapshot - q.expected,
  within_tolerance: recount ? 0 : 1,
  tolerance_pct: 1,
  seen_round: 1,
  needs_recount: recount ? 1 : 0,
  recount_refused: null,
  decision: null,
  adjustment_id: null,
  submission_id: null,
  case_id: null,
});

describe("no count command ever carries an expected quantity", () => {
  it("holds for any ledger figures, first counts and recounts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ snapshot: quantity, expected: quantity, counted: quantity, recount: fc.boolean() }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 4 }),
        (figures, round) => {
          const lines = figures.map((f, i) => line(i, f, f.recount));
          const cmd = commandSchemas.count.parse({
            id: newId(),
            name: "count",
            at: "2026-12-01T17:00:00.000Z",
            payload: { counts: [assignmentOf(session(round), lines, new Map())] },
          });
          const text = JSON.stringify(cmd);
          for (const f of figures)
            for (const v of [f.snapshot, f.expected, f.counted]) expect(text).not.toContain(String(v));
          expect(text).not.toMatch(/"(quantity|expected[A-Za-z]*|counted|firstCounted|snapshot[A-Za-z]*|onHand)":/);
        },
      ),
      { numRuns: 200 },
    );
  });
});
