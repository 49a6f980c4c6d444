/**
 * The daily rollup follows every import: a later file adding a line to a day already rolled up,
 * and a void reported after the sale, both change the reports; a file already imported changes
 * nothing. On SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSales } from "#hub/pos/import-service.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { BULK, KIT_DAY, KIT_NOW, KIT_SITE, KIT_TZ, NEW, seedReportKit } from "#hub/testing/report-kit.js";
import { daySales } from "./day-sales.js";

const HEAD = "receipt_id,line_id,completed_at,package_label,sku,quantity,unit,total,voided";

describe.each(await testDialects())("sales rollup (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedReportKit(ledger.db);
  }, 60_000);
  afterAll(() => ledger?.dispose());

  const load = async (file: string, lines: string[]) => {
    const r = await importSales(
      { db: ledger.db, timeZone: KIT_TZ, ledgerSite: KIT_SITE, clock: { now: () => KIT_NOW } },
      { format: "csv", site: KIT_SITE, file, text: [HEAD, ...lines].join("\n"), actor: "test" },
    );
    expect(r.errors).toEqual([]);
  };

  it("takes a later file's lines and voids into a day already rolled up", async () => {
    expect((await daySales(ledger.db, KIT_SITE, KIT_DAY)).value).toBe(220);
    await load("later.csv", [`R9,1,2026-11-02T15:00:00-08:00,${BULK},item-b,3.5,g,35.00,false`]);
    expect(await daySales(ledger.db, KIT_SITE, KIT_DAY)).toMatchObject({ value: 255, grams: 10.5, receipts: 3 });
    // The same sale reported again, now voided: the void lands on the stored line.
    await load("voids.csv", [`R1,1,2026-11-02T10:15:00-08:00,${NEW},item-a,2,ea,100.00,true`]);
    expect(await daySales(ledger.db, KIT_SITE, KIT_DAY)).toMatchObject({ value: 155, units: 1 });
    await load("later-again.csv", [`R9,1,2026-11-02T15:00:00-08:00,${BULK},item-b,3.5,g,35.00,false`]);
    expect((await daySales(ledger.db, KIT_SITE, KIT_DAY)).value).toBe(155);
  });
});
