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
import { SiteDirectory } from "#hub/sites/directory.js";
import { createSiteStateSystem } from "#hub/statesystem/factory.js";
import { demoFaults } from "./demo-faults.js";
import { simSeedFromDemoStore } from "#hub/statesystem/metrc-sim/seed.js";
import { startMetrcSimulator, type MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import { silentLog } from "#hub/log.js";

const now = new Date("2026-11-27T18:00:00Z");
const store = demoStore({ packages: 80, days: 5, now });
const site = store.site.id;
const timeZone = store.site.timezone;

describe.each(await testDialects())("demo history steps (%s)", (dialect) => {
  let ledger: TestLedger;
  let took: Array<{ step: string; ms: number }>;
  let metrc: MetrcSimulator;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    metrc = await startMetrcSimulator({ port: 0, seed: simSeedFromDemoStore(store) });
    const one = {
      id: site,
      license: store.site.licenseNumber,
      timeZone,
      stateSystem: { kind: "simulator" as const, baseUrl: metrc.url },
    };
    const stateSystem = createSiteStateSystem(one, { simPort: 0 }, { log: silentLog() });
    const sites = new SiteDirectory([one], false);
    await seedLedger(ledger.db, site, { ...store, packages: [] });
    took = await runDemoHistory({
      db: ledger.db,
      site,
      timeZone,
      store,
      now: now.getTime(),
      reconcile: { stateSystem, sites },
    });
  }, 60_000);
  afterAll(async () => {
    await metrc?.stop();
    await ledger?.dispose();
  });

  it("runs each step in order", () => {
    expect(took.map((t) => t.step)).toEqual(demoHistorySteps.map((s) => s.name));
    expect(took.map((t) => t.step)).toEqual(["ledger", "pos", "reconcile", "counts"]);
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
    expect(imports.map((i) => [i.file, Number(i.imported)])).toEqual([["demo-30-days.csv", lines.length + 1]]);
  });

  it("reconciles the three days before today with one seeded fault each, their cases opened, one documented", async () => {
    const faults = demoFaults(store, timeZone, now.getTime())!;
    const runs = await ledger.db
      .selectFrom("reconcile_runs")
      .select(["id", "business_day"])
      .orderBy("business_day")
      .execute();
    expect(runs.map((r) => r.business_day)).toEqual(faults.days);
    const lines = await ledger.db
      .selectFrom("reconcile_lines")
      .select(["business_day as day", "label", "class"])
      .execute();
    expect(lines.map((l) => l.day)).not.toContain(undefined);
    expect(lines).toContainEqual({
      day: faults.unreported.day,
      label: faults.unreported.label,
      class: "sold-not-reported",
    });
    expect(lines).toContainEqual({
      day: faults.overSold.day,
      label: faults.overSold.label,
      class: "quantity-mismatch",
    });
    expect(lines).toContainEqual({ day: faults.mistyped.day, label: faults.mistyped.typed, class: "unknown-tag" });
    expect(lines.length).toBeLessThanOrEqual(6);
    const cases = await ledger.db.selectFrom("inv_cases").select(["label", "class", "root_cause"]).execute();
    expect(cases).toHaveLength(lines.length);
    const documented = cases.find((c) => c.label === faults.overSold.label)!;
    expect(documented.root_cause).toBe("data-entry");
    expect(cases.find((c) => c.label === faults.unreported.label)?.class).toBe("sold-not-reported");
  });

  it("records three approved category counts by the manager, one line a unit short adjusted through the ledger", async () => {
    const manager = store.employees.find((e) => e.role === "manager")!.id;
    const counts = await ledger.db
      .selectFrom("count_sessions")
      .select(["id", "kind", "status", "approved_by", "station_id", "business_day"])
      .where("site_id", "=", site)
      .orderBy("business_day")
      .execute();
    expect(counts.map((c) => c.business_day)).toEqual(demoFaults(store, timeZone, now.getTime())!.days);
    for (const c of counts)
      expect([c.kind, c.status, c.approved_by, c.station_id]).toEqual(["category", "approved", manager, "vault-1"]);
    const lines = await ledger.db
      .selectFrom("count_lines")
      .select(["count_id", "label", "counted", "expected", "decision", "adjustment_id"])
      .where("site_id", "=", site)
      .execute();
    expect(lines.length).toBeGreaterThan(3);
    const short = lines.filter((l) => Number(l.counted) !== Number(l.expected));
    expect(short).toHaveLength(1);
    expect(Number(short[0]!.expected) - Number(short[0]!.counted)).toBe(1);
    expect(short[0]!.decision).toBe("adjust");
    expect(short[0]!.count_id).toBe(counts.at(-1)!.id);
    const adjustment = await ledger.db
      .selectFrom("adjustments")
      .select(["label", "quantity_before", "quantity_after", "reason"])
      .where("id", "=", short[0]!.adjustment_id!)
      .executeTakeFirstOrThrow();
    expect(adjustment.label).toBe(short[0]!.label);
    expect(Number(adjustment.quantity_before) - Number(adjustment.quantity_after)).toBe(1);
    expect(adjustment.reason).toBe("Inventory Count");
    const pkg = await ledger.db
      .selectFrom("packages")
      .select("quantity")
      .where("site_id", "=", site)
      .where("label", "=", short[0]!.label)
      .executeTakeFirstOrThrow();
    expect(Number(pkg.quantity)).toBe(Number(adjustment.quantity_after));
  });
});
