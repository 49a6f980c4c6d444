/**
 * One business day with a difference of every class, read from the tables the other modules fill
 * (POS sales, the state system's packages and receipts, the ledger and its movements, receiving),
 * with counts' figures: each found once with its figures, nothing else flagged, on SQLite and
 * PostgreSQL. The day is the one daylight-saving time ends, with a sale late in the evening
 * (UTC already the next day), a sale in the repeated hour, a voided line and a return.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import { listAudit } from "#hub/ledger/audit.js";
import { silentLog } from "#hub/log.js";
import type { InvestigationsService, Variance } from "#hub/modules.js";
import { openTestLedger, testDialects, TEST_SITE, type TestLedger } from "#hub/testing/ledger.js";
import {
  fixedCounts,
  insertPosSales,
  ledgerPackage,
  RECON_TZ,
  seedLedgerPackages,
  seedReceipt,
  seedStatePackages,
  seedStateReceipts,
} from "#hub/testing/reconcile-kit.js";
import { reconcileDay } from "./service.js";
import { runsOfDay, storedRun } from "./run-store.js";

const tag = (n: number) => `1A4060300012B7C0000040${String(n).padStart(2, "0")}`;
const [A, B, C, D, E, G, H, I, J, K, L, M, N, P] = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 16].map(tag) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
/** A's tag with one character changed: no such package. */
const F = A.slice(0, 20) + "9" + A.slice(21);
const DAY = "2026-11-01";

async function seed(db: TestLedger["db"]): Promise<void> {
  const site = TEST_SITE;
  const held = [A, B, C, D, E, G, H, I, K, L, M, N, P].map((l) => ledgerPackage(l, { quantity: 8 }));
  held.push(ledgerPackage(J, { quantity: 10, unit: "Grams", itemId: "item-009" }));
  await seedLedgerPackages(db, site, held);
  await seedStatePackages(db, site, [
    ...[A, B, C, D, E, I, K, L, M, N, P].map((label) => ({ label })),
    { label: J, unit: "Grams" },
    { label: H, status: "inactive" as const },
  ]);
  await insertPosSales(db, site, [
    { receiptId: "r1", at: "2026-11-01T19:00:00.000Z", day: DAY, label: A, quantity: 2 },
    { receiptId: "r2", at: "2026-11-02T07:30:00.000Z", day: DAY, label: A, quantity: 1 },
    { receiptId: "r3", at: "2026-11-01T08:30:00.000Z", day: DAY, label: A, quantity: 1 },
    { receiptId: "r3b", at: "2026-11-01T09:30:00.000Z", day: DAY, label: A, quantity: 1 },
    { receiptId: "r4", at: "2026-11-01T20:00:00.000Z", day: DAY, label: A, quantity: 5, voided: true },
    { receiptId: "r5", at: "2026-11-01T20:10:00.000Z", day: DAY, label: B, quantity: 1 },
    { receiptId: "r6", at: "2026-11-01T20:20:00.000Z", day: DAY, label: D, quantity: 3 },
    { receiptId: "r7", at: "2026-11-01T20:30:00.000Z", day: DAY, label: E, quantity: 3.5, unit: "Grams" },
    { receiptId: "r8", at: "2026-11-01T20:40:00.000Z", day: DAY, label: F, quantity: 1 },
    { receiptId: "r9", at: "2026-11-01T20:00:00.000Z", day: DAY, label: M, quantity: 1 },
    { receiptId: "r10", at: "2026-11-01T18:00:00.000Z", day: DAY, label: N, quantity: 2 },
    { receiptId: "r10-ret", at: "2026-11-01T22:00:00.000Z", day: DAY, label: N, quantity: -2 },
    { receiptId: "r0", at: "2026-11-01T06:30:00.000Z", day: "2026-10-31", label: C, quantity: 1 },
  ]);
  await seedStateReceipts(db, site, [
    { id: "s1", local: "2026-11-01T12:00:00.000", lines: [{ label: A, quantity: 2, unit: "Each", totalAmount: 20 }] },
    { id: "s2", local: "2026-11-01T23:30:00.000", lines: [{ label: A, quantity: 1, unit: "Each", totalAmount: 10 }] },
    { id: "s3", local: "2026-11-01T01:30:00.000", lines: [{ label: A, quantity: 1, unit: "Each", totalAmount: 10 }] },
    { id: "s3b", local: "2026-11-01T01:30:00.000", lines: [{ label: A, quantity: 1, unit: "Each", totalAmount: 10 }] },
    {
      id: "s4",
      local: "2026-11-01T12:10:00.000",
      lines: [{ label: B, quantity: 1, unit: "Each", totalAmount: 10 }],
      voided: true,
    },
    { id: "s5", local: "2026-11-01T12:15:00.000", lines: [{ label: C, quantity: 1, unit: "Each", totalAmount: 10 }] },
    {
      id: "s6",
      local: "2026-11-01T12:20:00.000",
      lines: [
        { label: D, quantity: 2, unit: "Each", totalAmount: 20 },
        { label: E, quantity: 3.5, unit: "Each", totalAmount: 30 },
      ],
    },
    { id: "s9", local: "2026-11-01T12:00:00.000", lines: [{ label: M, quantity: 1, unit: "Each", totalAmount: 10 }] },
    { id: "s0", local: "2026-10-31T23:30:00.000", lines: [{ label: C, quantity: 1, unit: "Each", totalAmount: 10 }] },
  ]);
  // M was quarantined from 10:00 to 14:00 local (18:00Z–22:00Z); the sale at 12:00 local fell inside.
  const by = { actor: "emp-001", employeeId: "emp-001" };
  await recordPackageChanges(db, site, [
    {
      label: M,
      to: { status: "quarantine", location: "Quarantine" },
      at: "2026-11-01T18:00:00.000Z",
      why: "test.hold",
      by,
    },
  ]);
  await recordPackageChanges(db, site, [
    {
      label: M,
      to: { status: "active", location: "Sales Floor" },
      at: "2026-11-01T22:00:00.000Z",
      why: "test.release",
      by,
    },
  ]);
  await seedReceipt(db, site, {
    manifest: "0000123456",
    label: L,
    shipped: 10,
    received: 8,
    decidedAt: "2026-11-01T17:00:00.000Z",
  });
}

const counts = fixedCounts(
  [
    { label: I, quantity: 5, unit: "Each", countedAt: "2026-11-01T16:00:00.000Z", countId: "count-1" },
    { label: J, quantity: 10.2, unit: "Grams", countedAt: "2026-11-01T16:00:00.000Z", countId: "count-1" },
    { label: P, quantity: 8, unit: "Each", countedAt: "2026-11-01T16:00:00.000Z", countId: "count-1" },
  ],
  { countId: "count-1", countedAt: "2026-11-01T16:00:00.000Z", labels: [A, B, C, D, E, G, H, I, J, L, M, N, P] },
);

describe.each(await testDialects())("a business day's reconciliation (%s)", (dialect) => {
  let ledger: TestLedger;
  const opened: Variance[][] = [];
  const investigations: InvestigationsService = {
    open: async (variances) => {
      opened.push([...variances]);
      return variances.map((v) => ({ caseId: `case-${v.label.slice(-2)}-${v.class}`, joined: false }));
    },
    daySummary: async () => ({ opened: 0, resolved: 0, open: 0, escalated: 0 }),
  };
  const deps = () => ({
    db: ledger.db,
    log: silentLog(),
    clock: { now: () => Date.parse("2026-11-02T14:00:00Z") },
    counts,
    investigations,
  });
  const request = { site: TEST_SITE, timeZone: RECON_TZ, day: DAY, trigger: "cli" as const, actor: "emp-005" };

  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seed(ledger.db);
  });
  afterAll(async () => ledger?.dispose());

  it("finds each difference once, classified, with its figures, and nothing else", async () => {
    const { report } = await reconcileDay(deps(), request);
    expect(report.lines.map((l) => [l.class, l.label])).toEqual([
      ["sold-not-reported", B],
      ["reported-not-sold", C],
      ["quantity-mismatch", D],
      ["unit-mismatch", E],
      ["unknown-tag", G],
      ["unknown-tag", F],
      ["not-in-vault", K],
      ["not-in-state", H],
      ["physical-short", I],
      ["physical-over", J],
      ["receiving-mismatch", L],
      ["sold-while-unsellable", M],
    ]);
    const line = (cls: string, label: string) => report.lines.find((l) => l.class === cls && l.label === label)!;
    expect(line("sold-not-reported", B)).toMatchObject({ pos: 1, state: null, ledger: 8, physical: null });
    expect(line("reported-not-sold", C)).toMatchObject({ pos: null, state: 1 });
    expect(line("quantity-mismatch", D)).toMatchObject({ pos: 3, state: 2 });
    expect(line("unit-mismatch", E).fix).toContain("Grams");
    expect(line("unknown-tag", F)).toMatchObject({ pos: 1, state: null, ledger: null });
    expect(line("unknown-tag", F).fix).toContain(A);
    expect(line("unknown-tag", G)).toMatchObject({ pos: null, ledger: 8 });
    expect(line("physical-short", I)).toMatchObject({ ledger: 8, physical: 5 });
    expect(line("physical-over", J)).toMatchObject({ ledger: 10, physical: 10.2 });
    expect(line("receiving-mismatch", L).fix).toMatch(/shipped 10 Each, the vault received 8 Each/);
    expect(line("sold-while-unsellable", M)).toMatchObject({ pos: 1, state: 1 });
    expect(line("sold-while-unsellable", M).fix).toContain("quarantined");
    expect(report.summary).toMatchObject({ "unknown-tag": 2, "not-in-vault": 1, "sold-while-unsellable": 1 });
    expect(Object.values(report.summary).reduce((a, b) => a + b, 0)).toBe(12);
  });

  it("hands every line to investigations and keeps each line's case", async () => {
    const { report } = await reconcileDay(deps(), request);
    const last = opened.at(-1)!;
    expect(last).toHaveLength(12);
    expect(last[0]).toMatchObject({
      site: TEST_SITE,
      businessDay: DAY,
      source: { kind: "reconciliation", ref: report.runId },
    });
    const stored = await storedRun(ledger.db, { site: TEST_SITE, day: DAY });
    expect(stored!.runId).toBe(report.runId);
    expect(stored!.lines[0]!.caseId).toBe(`case-${B.slice(-2)}-sold-not-reported`);
    expect(stored!.report).toEqual(report);
  });

  it("keeps every run; the latest is the day's; each is in the audit trail", async () => {
    const runs = await runsOfDay(ledger.db, TEST_SITE, DAY);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect((await storedRun(ledger.db, { site: TEST_SITE, day: DAY }))!.runId).toBe(runs[0]!.runId);
    const audit = (await listAudit(ledger.db)).filter((e) => e.action === "reconcile.run");
    expect(audit.map((e) => (e.detail as { runId: string }).runId).sort()).toEqual(runs.map((r) => r.runId).sort());
    expect(audit[0]).toMatchObject({ actor: "emp-005", subject: `${TEST_SITE}/${DAY}` });
  });

  it("without counts nothing is physical; the evening before reads only its own sales", async () => {
    const { report } = await reconcileDay({ ...deps(), counts: undefined }, request);
    expect(report.lines.some((l) => ["physical-short", "physical-over", "not-in-vault"].includes(l.class))).toBe(false);
    const before = await reconcileDay({ ...deps(), counts: undefined }, { ...request, day: "2026-10-31" });
    expect(before.report.lines.filter((l) => l.label === C)).toEqual([]);
  });
});
