/**
 * Each section of the reports on a small store with known figures (hub/testing/report-kit.ts),
 * the counts and investigations sections from fake services and without them; on SQLite and on
 * PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import {
  BULK,
  fakeCounts,
  fakeInvestigations,
  KIT_DAY,
  KIT_NOW,
  KIT_SITE,
  KIT_TZ,
  NEW,
  OLD,
  seedReportKit,
} from "#hub/testing/report-kit.js";
import { buildEndOfDay } from "./end-of-day.js";
import { expiringPackages, fifoViolations } from "./fifo.js";
import { putReorderSetting } from "./reorder-settings.js";
import { buildShrinkage } from "./shrinkage.js";
import { buildVelocity, velocityCsv } from "./velocity.js";

describe.each(await testDialects())("report sections (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedReportKit(ledger.db);
  }, 60_000);
  afterAll(() => ledger?.dispose());

  it("gives the day's sales, receiving, variances, counts, door and state-system queue", async () => {
    const r = await buildEndOfDay(
      { db: ledger.db, nowMs: KIT_NOW, counts: fakeCounts, investigations: fakeInvestigations },
      KIT_SITE,
      KIT_DAY,
      KIT_TZ,
    );
    expect(r.sales).toEqual({
      units: 3,
      grams: 7,
      value: 220,
      receipts: 2,
      byCategory: [{ category: "flower", units: 3, grams: 7, value: 220 }],
    });
    expect(r.receiving).toEqual({
      manifests: 2,
      manifestsRejected: 1,
      packagesAccepted: 2,
      packagesRejected: 2,
      packagesUnexpected: 1,
    });
    expect(r.variances).toEqual({ recorded: true, opened: 2, resolved: 1, open: 3, escalated: 1 });
    expect(r.counts).toEqual({ recorded: true, sessions: 1, linesCounted: 3, linesOutOfTolerance: 1, accuracy: 2 / 3 });
    expect(r.door).toEqual({ sessions: 2, alarms: 1, openedWithoutSignIn: 1 });
    expect(r.stateSystem).toEqual({
      queued: 2,
      confirmed: 1,
      pending: 1,
      failed: 1,
      asOf: new Date(KIT_NOW).toISOString(),
    });
  });

  it("says no counts recorded and zero variances without those modules", async () => {
    const r = await buildEndOfDay({ db: ledger.db, nowMs: KIT_NOW }, KIT_SITE, KIT_DAY, KIT_TZ);
    expect(r.counts).toEqual({ recorded: false, sessions: 0, linesCounted: 0, linesOutOfTolerance: 0, accuracy: 1 });
    expect(r.variances).toEqual({ recorded: false, opened: 0, resolved: 0, open: 0, escalated: 0 });
  });

  it("names the restock pick behind a FIFO violation, and the older package left in the vault", async () => {
    const v = await fifoViolations(ledger.db, KIT_SITE, { from: KIT_DAY, to: KIT_DAY, timeZone: KIT_TZ });
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({
      item: "item-a",
      soldLabel: NEW,
      olderLabel: OLD,
      sales: 2,
      quantity: 3,
      unit: "Each",
    });
    expect(v[0]!.pick).toMatchObject({
      reason: "restock.pick",
      sourceKind: "restock",
      sourceRef: "RQ-7",
      employeeId: "emp-002",
      from: "Vault A-2",
    });
  });

  it("lists packages by days to expiry in the facility's today", async () => {
    const p = await expiringPackages(ledger.db, KIT_SITE, { nowMs: KIT_NOW, timeZone: KIT_TZ, withinDays: 30 });
    expect(p.map((x) => [x.label, x.daysToExpiry])).toEqual([
      [OLD, 28],
      [NEW, 28],
    ]);
  });

  it("values shrink at the item's POS price, per category and employee, with accuracy from the counts", async () => {
    const s = await buildShrinkage(ledger.db, fakeCounts, KIT_SITE, {
      from: "2026-11-01",
      to: KIT_DAY,
      timeZone: KIT_TZ,
    });
    // One Blue Dream wasted; it sold at $150 for 3.
    expect(s.shrinkValue).toBe(50);
    expect(s.salesValue).toBe(220);
    expect(s.shrinkRate).toBeCloseTo(50 / 220, 5);
    expect(s.linesCounted).toBe(4);
    expect(s.accuracy).toBe(0.75);
    expect(s.days.map((d) => [d.day, d.shrinkValue, d.accuracy])).toEqual([
      ["2026-11-01", 0, 1],
      [KIT_DAY, 50, 0.6667],
    ]);
    expect(s.byEmployee.map((g) => [g.key, g.shrinkValue, g.linesCounted])).toEqual([
      ["emp-001", 50, 2],
      ["emp-002", 0, 2],
    ]);
  });

  it("suggests a reorder from lead time and safety days, an item's own setting over its vendor's", async () => {
    const nowMs = Date.parse("2026-11-03T20:00:00Z");
    // The POS import reads packages and never writes them: on hand is the ledger's 400 g.
    const before = await buildVelocity(ledger.db, KIT_SITE, { days: 7, nowMs, timeZone: KIT_TZ });
    const bulk = before.items.find((i) => i.item === "item-b")!;
    expect(bulk).toMatchObject({ unit: "Grams", sold: 7, unitsPerDay: 1, onHand: 400, daysOfSupply: 400 });
    expect(bulk.reorder).toMatchObject({ due: false, leadTimeDays: 7, safetyDays: 3, point: 10 });
    expect(bulk.slowMover).toBe(true);
    await putReorderSetting(
      ledger.db,
      KIT_SITE,
      { scope: "vendor", ref: "Ridge", leadTimeDays: 300, safetyDays: 50 },
      "emp-005",
      "2026-11-03T20:00:00Z",
    );
    await putReorderSetting(
      ledger.db,
      KIT_SITE,
      { scope: "item", ref: "item-b", leadTimeDays: 380, safetyDays: 20 },
      "emp-005",
      "2026-11-03T20:00:00Z",
    );
    const after = await buildVelocity(ledger.db, KIT_SITE, { days: 7, nowMs, timeZone: KIT_TZ });
    expect(after.items.find((i) => i.item === "item-b")!.reorder).toEqual({
      point: 400,
      quantity: 14,
      due: true,
      leadTimeDays: 380,
      safetyDays: 20,
    });
    expect((await listAudit(ledger.db)).filter((e) => e.action === "reports.reorder-setting")).toHaveLength(2);
    const csv = velocityCsv(after).split("\r\n");
    expect(csv[0]).toMatch(/^site,item,name,category,brand,unit,sold,units_per_day,on_hand,/);
    expect(csv.find((l) => l.includes(",item-b,"))).toContain(",Grams,7,1,400,");
    expect(BULK).toHaveLength(24);
  });
});
