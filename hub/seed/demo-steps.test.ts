/**
 * The demo's history steps: the packages' history through the ledger, then the same sales through
 * the POS import, so that the reports and reconciliation find the days' sales where the product puts
 * them. On SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLedger } from "#hub/ledger/seed.js";
import { salesOfDay } from "#hub/pos/queries.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { demoHistorySteps, runDemoHistory } from "./demo-steps.js";
import { demoStore } from "./demo-store.js";

const store = demoStore({ packages: 80, days: 5, now: new Date("2026-11-27T18:00:00Z") });
const site = store.site.id;
const timeZone = store.site.timezone;

describe.each(await testDialects())("demo history steps (%s)", (dialect) => {
  let ledger: TestLedger;
  let took: Array<{ step: string; ms: number }>;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedLedger(ledger.db, site, { ...store, packages: [] });
    took = await runDemoHistory({ db: ledger.db, site, timeZone, store });
  }, 60_000);
  afterAll(() => ledger?.dispose());

  it("runs each step in order", () => {
    expect(took.map((t) => t.step)).toEqual(demoHistorySteps.map((s) => s.name));
    expect(took.map((t) => t.step)).toEqual(["ledger", "pos"]);
  });

  it("lands every demo sale line through the POS import, on its facility-local business day", async () => {
    const lines = store.sales.flatMap((s) => s.lines.map((l) => ({ at: s.at, ...l })));
    const day = new Date(lines[0]!.at).toLocaleDateString("en-CA", { timeZone });
    const want = lines.filter((l) => new Date(l.at).toLocaleDateString("en-CA", { timeZone }) === day);
    const got = await salesOfDay(ledger.db, { site, day });
    expect(got).toHaveLength(want.length);
    expect(got.reduce((n, l) => n + l.total, 0)).toBeCloseTo(
      want.reduce((n, l) => n + l.priceCents / 100, 0),
      2,
    );
    const imports = await ledger.db.selectFrom("pos_imports").selectAll().execute();
    expect(imports.map((i) => [i.file, Number(i.imported)])).toEqual([["demo-30-days.csv", lines.length]]);
  });
});
