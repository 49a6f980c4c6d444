/**
 * The test: a generated month for one store (the POS month: a sale at 23:45 whose UTC day
 * is already the next, the day daylight-saving time ends with two sales at 01:30, voids, returns)
 * with a seeded fault of every class and a mistyped tag, imported through each POS format (Dutchie,
 * Flowhub, the Vaultline CSV, a mapped Cova CSV) and reconciled day by day: each fault is found on
 * its day and classified right, nothing else is flagged, and a re-import changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import { silentLog } from "#hub/log.js";
import { importSales, type ImportRequest } from "#hub/pos/import-service.js";
import { ColumnMappingSchema } from "#hub/pos/mapping.js";
import { toCovaCsv, toDutchie, toFlowhub, toGenericCsv, type Month } from "#hub/pos/month-kit.js";
import { saveMapping } from "#hub/pos/store.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { fixedClock, fixture } from "#hub/testing/pos-kit.js";
import {
  fixedCounts,
  RECON_TZ,
  seedLedgerPackages,
  seedReceipt,
  seedStatePackages,
  seedStateReceipts,
} from "#hub/testing/reconcile-kit.js";
import { expectedOn, faultyMonth } from "#hub/testing/reconcile-month.js";
import { reconcileDay } from "./service.js";

const fm = faultyMonth();

type Case = {
  name: string;
  format: ImportRequest["format"];
  mapping?: string;
  render: (m: Month) => string;
  tags: boolean;
};
const cases: Case[] = [
  { name: "dutchie", format: "dutchie", render: toDutchie, tags: true },
  { name: "flowhub", format: "flowhub", render: toFlowhub, tags: false },
  { name: "csv", format: "csv", render: toGenericCsv, tags: true },
  { name: "cova", format: "csv", mapping: "Cova sales lines", render: toCovaCsv, tags: true },
];

describe.each(await testDialects())("a month with a fault of every class, through each POS format (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await saveMapping(
      ledger.db,
      ColumnMappingSchema.parse(JSON.parse(fixture("cova-mapping.json"))),
      "test",
      "2026-10-01T00:00:00Z",
    );
  });
  afterAll(async () => ledger?.dispose());

  async function seedSite(site: string, c: Case): Promise<void> {
    const db = ledger.db;
    await seedLedgerPackages(db, site, fm.ledger);
    await seedStatePackages(db, site, fm.state);
    await seedStateReceipts(db, site, c.tags ? fm.receipts : fm.flowhubReceipts);
    await seedReceipt(db, site, fm.receiving);
    const by = { actor: "emp-001", employeeId: "emp-001" };
    await recordPackageChanges(db, site, [
      {
        label: fm.hold.label,
        to: { status: "quarantine", location: "Quarantine" },
        at: fm.hold.from,
        why: "test.hold",
        by,
      },
    ]);
    await recordPackageChanges(db, site, [
      {
        label: fm.hold.label,
        to: { status: "active", location: "Sales Floor" },
        at: fm.hold.to,
        why: "test.release",
        by,
      },
    ]);
  }

  async function reconcileMonth(site: string): Promise<Map<string, string[]>> {
    const deps = { db: ledger.db, log: silentLog(), clock: fixedClock, counts: fixedCounts(fm.figures, fm.fullCount) };
    const found = new Map<string, string[]>();
    for (const day of fm.days) {
      const { report } = await reconcileDay(deps, { site, timeZone: RECON_TZ, day, trigger: "cli", actor: "test" });
      found.set(day, report.lines.map((l) => `${l.class} ${l.label}`).sort());
    }
    return found;
  }

  it.each(cases)(
    "$name",
    async (c) => {
      const site = `site-${c.name}`;
      await seedSite(site, c);
      const importFile = (text: string) =>
        importSales(
          { db: ledger.db, timeZone: RECON_TZ, ledgerSite: site, clock: fixedClock },
          { format: c.format, mapping: c.mapping, site, file: `${c.name}-month`, text, actor: "test" },
        );
      const text = c.render(fm.posMonth);
      expect(await importFile(text)).toMatchObject({ imported: fm.posMonth.lines.length, errors: [] });

      const faults = c.tags ? [...fm.faults, fm.mistyped] : fm.faults;
      const found = await reconcileMonth(site);
      for (const day of fm.days) expect(found.get(day), `${c.name} ${day}`).toEqual(expectedOn(faults, day));
      const everyClass = new Set([...found.values()].flat().map((l) => l.split(" ")[0]));
      expect(everyClass.size).toBe(11);

      expect(await importFile(text)).toMatchObject({ imported: 0, alreadyImported: fm.posMonth.lines.length });
      expect(await reconcileMonth(site)).toEqual(found);
    },
    120_000,
  );

  it("the month carries what the issue asks for", () => {
    const ats = fm.month.lines.map((l) => l.at);
    expect(ats).toContain("2026-11-01T06:45:00.000Z");
    expect(ats).toEqual(expect.arrayContaining(["2026-11-01T08:30:00.000Z", "2026-11-01T09:30:00.000Z"]));
    expect(fm.month.lines.some((l) => l.voided)).toBe(true);
    expect(fm.month.lines.some((l) => l.quantity < 0)).toBe(true);
    expect(fm.ledger.some((p) => p.label === fm.mistyped.label)).toBe(false);
    expect(fm.mistyped.label).toHaveLength(24);
  });
});
