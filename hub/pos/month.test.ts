/**
 * A generated month through each format: every business day's net per package (per SKU for
 * Flowhub, whose lines are attributed) matches what was sold, the late-evening sale and both
 * 01:30 sales of the day daylight-saving time ends land on the store's day, voids and returns net
 * out, a second import changes nothing, and a mistyped tag refuses the file naming its row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertItems, upsertPackages } from "#hub/ledger/catalog.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { importSales, type ImportRequest } from "./import-service.js";
import { ColumnMappingSchema } from "./mapping.js";
import {
  dutchieIds,
  expectedNet,
  generatedMonth,
  localDay,
  mistype,
  MONTH_TZ,
  toCovaCsv,
  toDutchie,
  toFlowhub,
  toGenericCsv,
  type Month,
} from "./month-kit.js";
import { netSalesOfDay, salesOfDay } from "./queries.js";
import { saveMapping } from "./store.js";
import { fixedClock, fixture } from "#hub/testing/pos-kit.js";

const month = generatedMonth();
const days = [...new Set(month.lines.map((l) => localDay(l.at)))].sort();
const MISTYPED = 1234;
const dutchie = dutchieIds(month);

type Case = {
  name: string;
  format: ImportRequest["format"];
  mapping?: string;
  render: (m: Month) => string;
  key: "label" | "sku";
  mistypedRow?: number;
  receipt?: (id: string) => string;
};
const cases: Case[] = [
  { name: "csv", format: "csv", render: toGenericCsv, key: "label", mistypedRow: MISTYPED + 2 },
  {
    name: "dutchie",
    format: "dutchie",
    render: toDutchie,
    key: "label",
    mistypedRow: MISTYPED + 1,
    receipt: (id) => String(dutchie.get(id)),
  },
  { name: "flowhub", format: "flowhub", render: toFlowhub, key: "sku" },
  {
    name: "cova",
    format: "csv",
    mapping: "Cova sales lines",
    render: toCovaCsv,
    key: "label",
    mistypedRow: MISTYPED + 2,
  },
];

describe.each(await testDialects())("a generated month through each format (%s)", (dialect) => {
  let ledger: TestLedger;
  const run = (c: Case, text: string) =>
    importSales(
      { db: ledger.db, timeZone: MONTH_TZ, ledgerSite: TEST_SITE, clock: fixedClock },
      { format: c.format, mapping: c.mapping, site: `site-${c.name}`, file: `${c.name}-month`, text, actor: "test" },
    );

  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await upsertItems(ledger.db, TEST_SITE, month.store.items, "2026-10-01T00:00:00Z");
    await upsertPackages(ledger.db, TEST_SITE, month.store.packages, "2026-10-01T00:00:00Z");
    await saveMapping(
      ledger.db,
      ColumnMappingSchema.parse(JSON.parse(fixture("cova-mapping.json"))),
      "test",
      "2026-10-01T00:00:00Z",
    );
  });
  afterAll(async () => ledger.dispose());

  it.each(cases)(
    "$name",
    async (c) => {
      if (c.mistypedRow !== undefined) {
        const refused = await run(c, c.render(mistype(month, MISTYPED)));
        expect(refused.errors).toEqual([
          { row: c.mistypedRow, reason: expect.stringContaining("a METRC tag has 24 characters, this has 23") },
        ]);
        expect(
          await ledger.db
            .selectFrom("pos_sales")
            .select("receipt_id")
            .where("site_id", "=", `site-${c.name}`)
            .limit(1)
            .execute(),
        ).toEqual([]);
      }
      const text = c.render(month);
      expect(await run(c, text)).toEqual({
        file: `${c.name}-month`,
        format: c.format,
        rows: month.lines.length,
        imported: month.lines.length,
        alreadyImported: 0,
        errors: [],
      });

      const expected = expectedNet(month, c.key);
      const site = `site-${c.name}`;
      for (const day of days) {
        const got = new Map<string, number>();
        for (const n of await netSalesOfDay(ledger.db, { site, day })) {
          const k = (c.key === "label" ? n.packageLabel : n.sku)!;
          got.set(k, Math.round(((got.get(k) ?? 0) + n.quantity) * 1e6) / 1e6);
        }
        const want = [...(expected.get(day) ?? new Map<string, number>())].filter(([, q]) => q !== 0).sort();
        expect([...got].filter(([, q]) => q !== 0).sort(), `${c.name} ${day}`).toEqual(want);
      }

      const receipt = c.receipt ?? ((id: string) => id);
      const oct31 = await salesOfDay(ledger.db, { site, day: "2026-10-31" });
      expect(oct31.find((s) => s.receiptId === receipt("LATE-1031"))?.completedAt).toBe("2026-11-01T06:45:00.000Z");
      const dst = [receipt("DST-PDT-0130"), receipt("DST-PST-0130")];
      const nov1 = (await salesOfDay(ledger.db, { site, day: "2026-11-01" })).filter((s) => dst.includes(s.receiptId));
      expect(nov1.map((s) => s.receiptId).sort()).toEqual([...dst].sort());
      if (c.name !== "cova")
        expect(nov1.map((s) => s.completedAt).sort()).toEqual(["2026-11-01T08:30:00.000Z", "2026-11-01T09:30:00.000Z"]);
      if (c.key === "sku") expect(oct31.every((s) => s.attributed && s.packageLabel !== null)).toBe(true);

      expect(await run(c, text)).toMatchObject({ imported: 0, alreadyImported: month.lines.length, errors: [] });
    },
    60_000,
  );
});
