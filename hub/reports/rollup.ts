/**
 * The daily sales rollup: net POS sales per site, business day, item and unit, so that a year of
 * a chain's sales (millions of lines) is read as a few thousand rows per store.
 *
 *   pos_imports not yet rolled up ─▶ the days their lines are on (index pos_sales_import_day)
 *     ─▶ those days' rows of report_item_days replaced by a fresh aggregate of pos_sales (a month of days
 *        per transaction; a site's first rollup takes every day it has)
 *     ─▶ the imports marked rolled up
 *
 * Every read of sales through sales-reads.ts refreshes the site's rollup first, so a report never
 * misses an import: the import writes only its own tables, and a void reported later carries its
 * import's id on the line it voids, so its day is rolled up again. A line's item is its package's
 * at the time its day is rolled up (the SKU when the ledger does not know the package).
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";

type Trx = Parameters<Parameters<typeof inTransaction>[1]>[0];

/**
 * Days per transaction. A site's first rollup goes a month at a time, so that no write holds the
 * ledger long (SQLite has one writer: station events wait behind it).
 */
const DAYS_PER_TRANSACTION = 31;

async function rollDays(trx: Trx, site: string, days: readonly string[]): Promise<void> {
  await trx
    .deleteFrom("report_item_days")
    .where("site_id", "=", site)
    .where("business_day", "in", [...days])
    .execute();
  // Grouped by package first, so that the join to packages touches each package once a day, not each line.
  await sql`insert into report_item_days (site_id, business_day, item_id, unit, quantity, value, lines)
    select ${site}, s.business_day, coalesce(p.item_id, s.sku), s.unit, sum(s.quantity), sum(s.total), sum(s.lines)
    from (select business_day, package_label, sku, unit, sum(quantity) as quantity, sum(total) as total, count(*) as lines
          from pos_sales where site_id = ${site} and voided = 0 and business_day in (${sql.join(days)})
          group by business_day, package_label, sku, unit) s
    left join packages p on p.site_id = ${site} and p.label = s.package_label
    where coalesce(p.item_id, s.sku) is not null
    group by s.business_day, coalesce(p.item_id, s.sku), s.unit`.execute(trx);
}

/** The days whose rows must be rebuilt for imports `ids`: every day of the site on its first rollup. */
async function daysToRoll(db: Kysely<Database>, site: string, ids: readonly string[]): Promise<string[]> {
  const any = await db
    .selectFrom("report_rolled_imports")
    .select("import_id")
    .where("site_id", "=", site)
    .limit(1)
    .execute();
  const q = db.selectFrom("pos_sales").select("business_day").distinct();
  // An import lands under one site: its id alone finds its lines (from the index only).
  const rows = await (
    any.length === 0 ? q.where("site_id", "=", site) : q.where("import_id", "in", [...ids])
  ).execute();
  return rows.map((r) => r.business_day).sort();
}

async function refresh(db: Kysely<Database>, site: string, at: string): Promise<void> {
  const fresh = await db
    .selectFrom("pos_imports as i")
    .leftJoin("report_rolled_imports as r", (j) =>
      j.onRef("r.site_id", "=", "i.site_id").onRef("r.import_id", "=", "i.id"),
    )
    .select("i.id")
    .where("i.site_id", "=", site)
    .where("r.import_id", "is", null)
    .execute();
  if (fresh.length === 0) return;
  const ids = fresh.map((f) => f.id);
  const days = await daysToRoll(db, site, ids);
  for (let i = 0; i < days.length; i += DAYS_PER_TRANSACTION)
    await inTransaction(db, (trx) => rollDays(trx, site, days.slice(i, i + DAYS_PER_TRANSACTION)));
  // Marked last: a refresh cut short rolls the same days again next time (each day's rows are replaced whole).
  await db
    .insertInto("report_rolled_imports")
    .values(ids.map((id) => ({ site_id: site, import_id: id, rolled_at: at })))
    .onConflict((oc) => oc.columns(["site_id", "import_id"]).doNothing())
    .execute();
}

const running = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * Brings `site`'s rollup up to every import landed so far. Refreshes of one site on one database
 * handle run one after the other (two reports asked at once wait for the same work).
 */
export function refreshRollup(db: Kysely<Database>, site: string, at = new Date().toISOString()): Promise<void> {
  let bySite = running.get(db);
  if (!bySite) running.set(db, (bySite = new Map()));
  const next = (bySite.get(site) ?? Promise.resolve()).catch(() => undefined).then(() => refresh(db, site, at));
  bySite.set(site, next);
  return next;
}
