/**
 * Known answers on the generated month (hub/pos/month-kit.ts: the demo store's 30 days around the
 * day daylight-saving time ends, 2026-11-01 in Oakland), its packages entered through the ledger
 * with their history and its sales through the POS import. Each answer is worked out here from the
 * month's own lines, independently of the report's queries; on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLedger } from "#hub/ledger/seed.js";
import { importSales } from "#hub/pos/import-service.js";
import { generatedMonth, localDay, MONTH_TZ, toGenericCsv } from "#hub/pos/month-kit.js";
import { seedDemoHistory } from "#hub/seed/demo-history.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { buildEndOfDay } from "./end-of-day.js";
import { fifoViolations } from "./fifo.js";
import { buildVelocity } from "./velocity.js";

const month = generatedMonth();
const { store } = month;
const SITE = store.site.id;
const NOW = Date.parse("2026-11-16T20:00:00Z");
const itemOf = new Map(store.packages.map((p) => [p.label, p.itemId]));
const categoryOf = new Map(store.items.map((i) => [i.id, i.category]));
const r2 = (n: number) => Math.round(n * 100) / 100;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

function expectedDay(day: string) {
  const lines = month.lines.filter((l) => !l.voided && localDay(l.at) === day);
  const cats = new Map<string, { units: number; grams: number; value: number }>();
  for (const l of lines) {
    const c = cats.get(categoryOf.get(l.sku)!) ?? { units: 0, grams: 0, value: 0 };
    if (l.unit === "Grams") c.grams += l.quantity;
    else c.units += l.quantity;
    c.value += l.total;
    cats.set(categoryOf.get(l.sku)!, c);
  }
  const sum = (k: "units" | "grams" | "value") => [...cats.values()].reduce((n, c) => n + c[k], 0);
  return { lines, cats, units: r3(sum("units")), grams: r3(sum("grams")), value: r2(sum("value")) };
}

/** Net sold per item over local days from..to, in pieces or grams. */
function expectedSold(from: string, to: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of month.lines) {
    const d = localDay(l.at);
    if (l.voided || d < from || d > to) continue;
    out.set(l.sku, (out.get(l.sku) ?? 0) + l.quantity);
  }
  return out;
}

describe.each(await testDialects())("reports on the generated month (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedLedger(ledger.db, SITE, { ...store, packages: [] }, "2026-07-01T00:00:00Z");
    await seedDemoHistory(ledger.db, SITE, store);
    const report = await importSales(
      { db: ledger.db, timeZone: MONTH_TZ, ledgerSite: SITE, clock: { now: () => NOW } },
      { format: "csv", site: SITE, file: "month.csv", text: toGenericCsv(month), actor: "test" },
    );
    expect(report.errors).toEqual([]);
  }, 120_000);
  afterAll(() => ledger?.dispose());

  const eod = (day: string) => buildEndOfDay({ db: ledger.db, nowMs: NOW }, SITE, day, MONTH_TZ);

  it("totals the day daylight-saving time ends (25 hours, both 01:30s) by category", async () => {
    const want = expectedDay("2026-11-01");
    expect(want.lines.some((l) => l.receiptId === "DST-PDT-0130")).toBe(true);
    expect(want.lines.some((l) => l.receiptId === "DST-PST-0130")).toBe(true);
    const r = await eod("2026-11-01");
    expect(Object.keys(r)).toEqual([
      "date",
      "site",
      "sales",
      "receiving",
      "variances",
      "counts",
      "door",
      "stateSystem",
    ]);
    expect(r.sales.value).toBeCloseTo(want.value, 2);
    expect(r.sales.units).toBeCloseTo(want.units, 3);
    expect(r.sales.grams).toBeCloseTo(want.grams, 3);
    expect(r.sales.byCategory.map((c) => c.category).sort()).toEqual([...want.cats.keys()].sort());
    for (const c of r.sales.byCategory) expect(c.value).toBeCloseTo(want.cats.get(c.category)!.value, 2);
    expect(r.counts).toMatchObject({ recorded: false, linesCounted: 0 });
    expect(r.variances).toMatchObject({ recorded: false, opened: 0 });
  });

  it("puts the 23:45 sale of Oct 31 (UTC already Nov 1) on Oct 31, and every other day's total right", async () => {
    for (const day of ["2026-10-31", "2026-11-02", "2026-11-15"]) {
      const want = expectedDay(day);
      const r = await eod(day);
      expect(r.sales.value, day).toBeCloseTo(want.value, 2);
      expect(r.sales.units, day).toBeCloseTo(want.units, 3);
    }
    const late = month.lines.find((l) => l.receiptId === "LATE-1031")!;
    expect(localDay(late.at)).toBe("2026-10-31");
  });

  it("gives velocity and days of supply over 7 and 30 complete days (the 30 spanning the DST change)", async () => {
    const onHand = new Map<string, number>();
    for (const p of store.packages)
      if (p.status === "active") onHand.set(p.itemId, (onHand.get(p.itemId) ?? 0) + p.quantity);
    for (const [days, from] of [
      [7, "2026-11-09"],
      [30, "2026-10-17"],
    ] as const) {
      const v = await buildVelocity(ledger.db, SITE, { days, nowMs: NOW, timeZone: MONTH_TZ });
      expect([v.from, v.to]).toEqual([from, "2026-11-15"]);
      const sold = expectedSold(from, "2026-11-15");
      expect(v.items.filter((i) => i.sold !== 0).length).toBe([...sold.values()].filter((q) => r3(q) !== 0).length);
      for (const i of v.items) {
        const perDay = Math.max(0, sold.get(i.item) ?? 0) / days;
        expect(i.unitsPerDay, `${days}d ${i.item}`).toBeCloseTo(r3(perDay), 3);
        expect(i.onHand, i.item).toBeCloseTo(onHand.get(i.item) ?? 0, 2);
        if (perDay > 0) expect(i.daysOfSupply, i.item).toBeCloseTo((onHand.get(i.item) ?? 0) / perDay, 0);
        else expect(i.daysOfSupply).toBeNull();
      }
    }
  });

  it("finds each FIFO violation: a newer package sold while an older one of its item sat on a vault shelf", async () => {
    const vault = (loc: string) => loc.startsWith("Vault");
    const DAY = 86_400_000;
    const want = new Set<string>();
    for (const l of month.lines) {
      const d = localDay(l.at);
      if (l.voided || l.quantity <= 0 || d < "2026-11-09" || d > "2026-11-15") continue;
      const sold = store.packages.find((p) => p.label === l.label)!;
      const older = store.packages.some(
        (q) =>
          q.itemId === sold.itemId &&
          q.packagedDate < sold.packagedDate &&
          q.status === "active" &&
          vault(q.location) &&
          Date.parse(q.packagedDate) + DAY + 16 * 3_600_000 <= Date.parse(l.at),
      );
      if (older) want.add(l.label);
    }
    const found = await fifoViolations(ledger.db, SITE, { from: "2026-11-09", to: "2026-11-15", timeZone: MONTH_TZ });
    expect(want.size).toBeGreaterThan(0);
    expect(new Set(found.map((f) => f.soldLabel))).toEqual(want);
    for (const f of found) {
      expect(itemOf.get(f.olderLabel)).toBe(f.item);
      expect(f.olderPackagedDate < f.soldPackagedDate).toBe(true);
      expect(f.pick?.reason).toBe("restock");
    }
  });
});
