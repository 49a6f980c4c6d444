/**
 * Shrinkage and count accuracy over business days `from`..`to`, per day, per category and per
 * employee.
 *
 *   shrink       quantity lost through the ledger's adjustments from counts, waste and
 *                investigations (quantity after < before), valued at the item's average POS price
 *                over the same days (0 when it did not sell)
 *   shrink rate  shrink value ÷ net sales value
 *   accuracy     inventory record accuracy: approved count lines within tolerance ÷ lines counted
 *                (counts.accuracyRows; "no counts recorded" without the counts module)
 */
import type { CountAccuracyRow, CountsService } from "#hub/modules.js";
import type { Kysely } from "kysely";
import type { Database, Db } from "#hub/store/database.js";
import { addDays, dayBounds, localDate } from "#contract/facility-time.js";
import { categoriesOf } from "./day-sales.js";
import { itemSales } from "./sales-reads.js";
import { round, toBaseQuantity } from "./units.js";

/** Where a loss comes from: adjustments with these sources are shrink; sales and receiving are not. */
export const SHRINK_SOURCES = ["count", "waste", "investigation"] as const;

export interface ShrinkGroup {
  key: string;
  shrinkValue: number;
  adjustments: number;
  linesCounted: number;
  withinTolerance: number;
  /** Null when no line was counted. */
  accuracy: number | null;
}

export interface ShrinkDay {
  day: string;
  shrinkValue: number;
  salesValue: number;
  linesCounted: number;
  accuracy: number | null;
}

export interface Shrinkage {
  site: string;
  from: string;
  to: string;
  /** False when no counts module answers here. */
  countsRecorded: boolean;
  salesValue: number;
  shrinkValue: number;
  /** Null when nothing sold. */
  shrinkRate: number | null;
  linesCounted: number;
  accuracy: number | null;
  days: ShrinkDay[];
  byCategory: ShrinkGroup[];
  byEmployee: ShrinkGroup[];
}

interface Acc {
  shrinkValue: number;
  adjustments: number;
  linesCounted: number;
  withinTolerance: number;
}

const empty = (): Acc => ({ shrinkValue: 0, adjustments: 0, linesCounted: 0, withinTolerance: 0 });
const accuracyOf = (a: Acc) => (a.linesCounted ? round(a.withinTolerance / a.linesCounted, 4) : null);
const groups = (m: Map<string, Acc>): ShrinkGroup[] =>
  [...m]
    .map(([key, a]) => ({ key, ...a, shrinkValue: round(a.shrinkValue), accuracy: accuracyOf(a) }))
    .sort((a, b) => b.shrinkValue - a.shrinkValue || a.key.localeCompare(b.key));

function bump(m: Map<string, Acc>, key: string, f: (a: Acc) => void): void {
  const a = m.get(key) ?? empty();
  f(a);
  m.set(key, a);
}

/** Average price per base unit (piece or gram) of each item over the days. */
async function pricesOf(db: Kysely<Database>, site: string, from: string, to: string) {
  const sales = await itemSales(db, site, from, to);
  const totals = new Map<string, { q: number; v: number }>();
  for (const s of sales) {
    const t = totals.get(s.itemId) ?? { q: 0, v: 0 };
    t.q += toBaseQuantity(s.quantity, s.unit);
    t.v += s.value;
    totals.set(s.itemId, t);
  }
  return {
    sales,
    price: (item: string) => {
      const t = totals.get(item);
      return t && t.q > 0 ? t.v / t.q : 0;
    },
  };
}

/** Negative adjustments from counts, waste and investigations between two instants, with the package's item. */
function lossesOf(db: Db, site: string, start: string, end: string) {
  return db
    .selectFrom("adjustments as a")
    .innerJoin("packages as p", (j) => j.onRef("p.site_id", "=", "a.site_id").onRef("p.label", "=", "a.label"))
    .select(["a.at", "a.quantity_before", "a.quantity_after", "a.unit", "a.employee_id", "a.actor", "p.item_id"])
    .where("a.site_id", "=", site)
    .where("a.source_kind", "in", [...SHRINK_SOURCES])
    .where("a.at", ">=", start)
    .where("a.at", "<", end)
    .execute();
}

interface Tallies {
  byDay: Map<string, Acc & { salesValue: number }>;
  byCategory: Map<string, Acc>;
  byEmployee: Map<string, Acc>;
}

function tallyLosses(
  t: Tallies,
  losses: Awaited<ReturnType<typeof lossesOf>>,
  ctx: { timeZone: string; price: (item: string) => number; category: (item: string) => string },
) {
  for (const l of losses) {
    const lost = Number(l.quantity_before) - Number(l.quantity_after);
    if (lost <= 0) continue;
    const value = toBaseQuantity(lost, l.unit) * ctx.price(l.item_id);
    const add = (a: Acc) => ((a.shrinkValue += value), a.adjustments++);
    const day = t.byDay.get(localDate(Date.parse(l.at), ctx.timeZone));
    if (day) add(day);
    bump(t.byCategory, ctx.category(l.item_id), add);
    bump(t.byEmployee, l.employee_id ?? l.actor, add);
  }
}

function tallyCounts(t: Tallies, rows: readonly CountAccuracyRow[]) {
  for (const r of rows) {
    const add = (a: Acc) => ((a.linesCounted += 1), (a.withinTolerance += r.withinTolerance ? 1 : 0));
    const day = t.byDay.get(r.businessDay);
    if (day) add(day);
    bump(t.byCategory, r.category, add);
    bump(t.byEmployee, r.employeeId, add);
  }
}

/** Builds the shrinkage and accuracy report of `site` over business days `from`..`to`. */
export async function buildShrinkage(
  db: Kysely<Database>,
  counts: CountsService | undefined,
  site: string,
  opts: { from: string; to: string; timeZone: string },
): Promise<Shrinkage> {
  const [{ sales, price }, items, losses, rows] = await Promise.all([
    pricesOf(db, site, opts.from, opts.to),
    categoriesOf(db, site),
    lossesOf(db, site, dayBounds(opts.from, opts.timeZone).from, dayBounds(opts.to, opts.timeZone).to),
    counts ? counts.accuracyRows(site, opts.from, opts.to) : Promise.resolve([] as CountAccuracyRow[]),
  ]);
  const t: Tallies = { byDay: new Map(), byCategory: new Map(), byEmployee: new Map() };
  for (let d = opts.from; d <= opts.to; d = addDays(d, 1)) t.byDay.set(d, { ...empty(), salesValue: 0 });
  tallyLosses(t, losses, { timeZone: opts.timeZone, price, category: (i) => items.get(i)?.category ?? "uncatalogued" });
  tallyCounts(t, rows);
  for (const [d, v] of await salesByDay(db, site, opts.from, opts.to)) {
    const day = t.byDay.get(d);
    if (day) day.salesValue = v;
  }
  const salesValue = sales.reduce((n, s) => n + s.value, 0);
  const total = empty();
  for (const d of t.byDay.values()) {
    total.shrinkValue += d.shrinkValue;
    total.linesCounted += d.linesCounted;
    total.withinTolerance += d.withinTolerance;
  }
  return {
    site,
    from: opts.from,
    to: opts.to,
    countsRecorded: counts !== undefined,
    salesValue: round(salesValue),
    shrinkValue: round(total.shrinkValue),
    shrinkRate: salesValue > 0 ? round(total.shrinkValue / salesValue, 5) : null,
    linesCounted: total.linesCounted,
    accuracy: accuracyOf(total),
    days: [...t.byDay].map(([day, a]) => ({
      day,
      shrinkValue: round(a.shrinkValue),
      salesValue: round(a.salesValue),
      linesCounted: a.linesCounted,
      accuracy: accuracyOf(a),
    })),
    byCategory: groups(t.byCategory),
    byEmployee: groups(t.byEmployee),
  };
}

/** Net sales value per business day, from the rollup (pricesOf refreshed it). */
async function salesByDay(db: Db, site: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("report_item_days")
    .select((eb) => ["business_day", eb.fn.sum<number>("value").as("v")])
    .where("site_id", "=", site)
    .where("business_day", ">=", from)
    .where("business_day", "<=", to)
    .groupBy("business_day")
    .execute();
  return new Map(rows.map((r) => [r.business_day, Number(r.v)]));
}
