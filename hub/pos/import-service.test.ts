import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { importSales, type ImportRequest } from "./import-service.js";
import { ColumnMappingSchema } from "./mapping.js";
import { netSalesOfDay, recentImports, salesOfDay } from "./queries.js";
import { saveMapping } from "./store.js";
import { fixedClock, fixture, seedPosCatalog, SITE, T1, T2, T9, TZ } from "#hub/testing/pos-kit.js";

const HEAD = "receipt_id,line_id,completed_at,package_label,sku,quantity,unit,total,voided";

describe.each(await testDialects())("POS import (%s)", (dialect) => {
  let ledger: TestLedger;
  const db = () => ledger.db;
  const run = (req: Partial<ImportRequest> & Pick<ImportRequest, "text">) =>
    importSales(
      { db: ledger.db, timeZone: TZ, ledgerSite: SITE, clock: fixedClock },
      { format: "csv", site: SITE, file: "sales.csv", actor: "emp-001", ...req },
    );
  const count = async (t: "pos_sales" | "pos_imports" | "audit_entries") =>
    Number(
      (
        await db()
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedPosCatalog(ledger.db);
  });
  afterAll(async () => ledger.dispose());
  beforeEach(async () => {
    for (const t of ["pos_sales", "pos_imports", "pos_mappings", "audit_entries"] as const)
      await db().deleteFrom(t).execute();
  });

  it("lands a CSV file once: a second import of it, or of its lines in another file, changes nothing", async () => {
    const first = await run({ text: fixture("sales.csv") });
    expect(first).toEqual({ file: "sales.csv", format: "csv", rows: 7, imported: 7, alreadyImported: 0, errors: [] });
    expect([await count("pos_sales"), await count("pos_imports"), await count("audit_entries")]).toEqual([7, 1, 1]);
    expect(await run({ text: fixture("sales.csv") })).toMatchObject({ imported: 0, alreadyImported: 7, errors: [] });
    const lines = fixture("sales.csv").trim().split("\n");
    const other = [HEAD, lines[6], lines[2]].join("\n");
    expect(await run({ text: other, file: "resent.csv" })).toMatchObject({ rows: 2, imported: 0, alreadyImported: 2 });
    expect([await count("pos_sales"), await count("pos_imports"), await count("audit_entries")]).toEqual([7, 1, 1]);
    const [entry] = await listAudit(ledger.db);
    expect(entry).toMatchObject({
      actor: "emp-001",
      action: "pos.import",
      subject: "sales.csv",
      detail: { imported: 7, site: SITE, format: "csv" },
    });
  });

  it("lands a well-formed tag the ledger does not know: finding it is the reconciliation's job", async () => {
    const text = [
      HEAD,
      "R-7001,1,2026-11-01T12:00:00-08:00,1A4060300012B7C000999999,,1,Each,18.00,false",
      `R-7001,2,2026-11-01T12:00:00-08:00,,acc-papers,1,Each,2.00,false`,
    ].join("\n");
    expect(await run({ text })).toMatchObject({ imported: 2, errors: [] });
    const day = await salesOfDay(db(), { site: SITE, day: "2026-11-01" });
    expect(day.map((s) => [s.packageLabel, s.sku, s.attributed])).toEqual([
      ["1A4060300012B7C000999999", null, false],
      [null, "acc-papers", false],
    ]);
  });

  it("lands a file once when two imports of it race", async () => {
    const [a, b] = await Promise.all([
      run({ text: fixture("sales.csv") }),
      run({ text: fixture("sales.csv"), file: "copy.csv" }),
    ]);
    expect([a.imported + b.imported, a.alreadyImported + b.alreadyImported]).toEqual([7, 7]);
    expect([await count("pos_sales"), await count("pos_imports"), await count("audit_entries")]).toEqual([7, 1, 1]);
  });

  it("refuses a file with bad rows whole, reporting each row's number and reason", async () => {
    const report = await run({ text: fixture("bad-sales.csv"), file: "bad-sales.csv" });
    expect(report.imported).toBe(0);
    expect(report.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(report.errors[0]!.reason).toContain("is not a METRC tag");
    expect(report.errors[4]!.reason).toBe("receipt R-3001 line 1 is also on row 2");
    expect(await count("pos_sales")).toBe(0);
    expect(await count("audit_entries")).toBe(0);
  });

  it("refuses a file whose line contradicts the one stored, and lands none of its new lines", async () => {
    await run({ text: fixture("sales.csv") });
    const text = [
      HEAD,
      `R-9001,1,2026-11-01T12:00:00-08:00,${T1},,1,Each,18.00,false`,
      `R-2001,1,2026-10-31T10:05:12-07:00,${T1},item-001,3,Each,36.00,false`,
    ].join("\n");
    const report = await run({ text, file: "edited.csv" });
    expect(report.errors).toEqual([
      { row: 3, reason: "receipt R-2001 line 1 was imported before with quantity 2, this file says 3" },
    ]);
    expect(await count("pos_sales")).toBe(7);
  });

  it("nets voids and returns out of the day, and lands a void reported after the sale", async () => {
    await run({ text: fixture("sales.csv") });
    expect(await netSalesOfDay(db(), { site: SITE, day: "2026-10-31" })).toEqual([
      { packageLabel: T1, sku: "item-001", unit: "Each", quantity: 3, total: 54, lines: 2 },
      { packageLabel: T9, sku: "item-009", unit: "Grams", quantity: 3.5, total: 25.5, lines: 1 },
    ]);
    // Nov 1: +1 (01:30 PDT), voided 01:30 PST left out, +1 attributed by SKU, -1 returned.
    expect(await netSalesOfDay(db(), { site: SITE, day: "2026-11-01" })).toEqual([
      { packageLabel: T1, sku: "item-001", unit: "Each", quantity: 1, total: 18, lines: 3 },
    ]);
    const voidLater = [HEAD, `R-2003,1,2026-11-01T01:30:00-07:00,${T1},,1,Each,18.00,true`].join("\n");
    expect(await run({ text: voidLater, file: "voids.csv" })).toMatchObject({
      imported: 1,
      alreadyImported: 0,
      errors: [],
    });
    expect((await netSalesOfDay(db(), { site: SITE, day: "2026-11-01" }))[0]).toMatchObject({ quantity: 0, total: 0 });
    expect(await run({ text: fixture("sales.csv") })).toMatchObject({ imported: 0, alreadyImported: 7, errors: [] });
  });

  it("stores the instant and the store's business day: a 23:40 sale belongs to its evening", async () => {
    await run({ text: fixture("sales.csv") });
    const oct31 = await salesOfDay(db(), { site: SITE, day: "2026-10-31" });
    expect(oct31.map((s) => `${s.receiptId}@${s.completedAt}`)).toContain("R-2002@2026-11-01T06:40:00.000Z");
    const nov1 = await salesOfDay(db(), { site: SITE, day: "2026-11-01" });
    expect(nov1.map((s) => s.receiptId)).toEqual(["R-2003", "R-2004", "R-2006", "R-2005"]);
  });

  it("attributes Flowhub lines to their SKU's packages oldest first, marked attributed", async () => {
    const report = await run({ format: "flowhub", text: fixture("flowhub-orders.json"), file: "orders.json" });
    expect(report).toMatchObject({ rows: 7, imported: 6, errors: [] });
    const lines = [
      ...(await salesOfDay(db(), { site: SITE, day: "2026-10-31" })),
      ...(await salesOfDay(db(), { site: SITE, day: "2026-11-01" })),
    ];
    const by = new Map(lines.map((l) => [l.lineId, l]));
    expect(by.get("l-1")).toMatchObject({ packageLabel: T1, attributed: true, quantity: 2 });
    expect(by.get("l-2")).toMatchObject({ packageLabel: T9, attributed: true, unit: "Grams" });
    expect(by.get("l-3")).toMatchObject({ packageLabel: T2, attributed: true });
    expect(by.get("l-6")).toMatchObject({ packageLabel: T2, voided: true });
    expect(by.get("l-7")).toMatchObject({ packageLabel: T1, quantity: -1, returnOf: "fh-sale-1001" });
    expect(by.get("l-4")).toMatchObject({ packageLabel: null, sku: "acc-lighter", attributed: false });
    expect(await run({ format: "flowhub", text: fixture("flowhub-orders.json"), file: "orders.json" })).toMatchObject({
      imported: 0,
      alreadyImported: 6,
    });
  });

  it("takes a Dutchie line's unit from its package", async () => {
    expect(await run({ format: "dutchie", text: fixture("dutchie-transactions.json"), file: "tx.json" })).toMatchObject(
      { rows: 8, imported: 6, errors: [] },
    );
    const day = await salesOfDay(db(), { site: SITE, day: "2026-10-31" });
    expect(day.map((s) => [s.lineId, s.unit])).toEqual([
      ["1", "Each"],
      ["2", "Grams"],
      ["4", "Each"],
      ["5", "Each"],
    ]);
  });

  it("keeps sites apart: rows carry the site, and a line landed for one site refuses another", async () => {
    expect(await run({ text: fixture("sales.csv"), site: "store-2" })).toMatchObject({ imported: 7 });
    expect(await salesOfDay(db(), { site: SITE, day: "2026-10-31" })).toEqual([]);
    expect((await salesOfDay(db(), { site: "store-2", day: "2026-10-31" })).length).toBe(3);
    const again = await run({ text: fixture("sales.csv"), site: SITE });
    expect(again.errors[0]!.reason).toContain('site "store-2", this file says "green-leaf-oakland"');
    expect((await recentImports(db(), { site: "store-2" })).map((i) => i.imported)).toEqual([7]);
    expect(await recentImports(db(), { site: SITE })).toEqual([]);
  });

  it("reads CSV through a saved mapping, keyed apart from other sources", async () => {
    await saveMapping(
      db(),
      ColumnMappingSchema.parse(JSON.parse(fixture("cova-mapping.json"))),
      "emp-005",
      "2026-11-01T00:00:00Z",
    );
    expect(await run({ text: fixture("cova-sales.csv"), mapping: "Cova sales lines", file: "cova.csv" })).toMatchObject(
      { rows: 5, imported: 5, errors: [] },
    );
    const stored = await db().selectFrom("pos_sales").select("source").distinct().execute();
    expect(stored).toEqual([{ source: "csv:Cova sales lines" }]);
    expect(await run({ text: fixture("cova-sales.csv"), mapping: "Treez" })).toMatchObject({
      errors: [{ row: 0, reason: 'no saved column mapping is named "Treez"' }],
    });
    expect(await run({ format: "dutchie", text: "[]", mapping: "Cova sales lines" })).toMatchObject({
      errors: [{ row: 0, reason: expect.stringContaining("applies to CSV files") }],
    });
  });
});
