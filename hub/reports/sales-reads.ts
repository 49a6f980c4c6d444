/**
 * POS sales as the reports read them (hub/pos's table, written only by its import): net per item
 * and unit over business days, voids left out and returns subtracted, each line's item being its
 * package's (the SKU's when the line names no package the ledger knows).
 */
import { sql } from "kysely";
import type { Db } from "#hub/store/database.js";

/** Net sales of one item in one unit over the days asked. */
export interface ItemSales {
  itemId: string;
  unit: string;
  /** Sold minus returned, in `unit`. */
  quantity: number;
  /** Dollars, the same way. */
  value: number;
  lines: number;
}

/**
 * Net sales per item and unit of `site` on business days `from`..`to` (inclusive). The sum runs in
 * the database over the covering index (migration 1000), grouped by package first so that the join
 * to packages touches each package once rather than each line.
 */
export async function itemSales(db: Db, site: string, from: string, to: string): Promise<ItemSales[]> {
  const byPackage = db
    .selectFrom("pos_sales")
    .select((eb) => [
      "package_label",
      "sku",
      "unit",
      eb.fn.sum<number>("quantity").as("quantity"),
      eb.fn.sum<number>("total").as("total"),
      eb.fn.countAll<number>().as("lines"),
    ])
    .where("site_id", "=", site)
    .where("business_day", ">=", from)
    .where("business_day", "<=", to)
    .where("voided", "=", 0)
    .groupBy(["package_label", "sku", "unit"]);
  const rows = await db
    .selectFrom(byPackage.as("s"))
    .leftJoin("packages as p", (j) => j.on("p.site_id", "=", site).onRef("p.label", "=", "s.package_label"))
    .select((eb) => [
      eb.fn.coalesce("p.item_id", "s.sku").as("item_id"),
      "s.unit",
      eb.fn.sum<number>("s.quantity").as("quantity"),
      eb.fn.sum<number>("s.total").as("total"),
      eb.fn.sum<number>("s.lines").as("lines"),
    ])
    .groupBy([sql`coalesce(p.item_id, s.sku)`, "s.unit"])
    .execute();
  return rows
    .filter((r) => r.item_id !== null)
    .map((r) => ({
      itemId: r.item_id!,
      unit: r.unit,
      quantity: Number(r.quantity),
      value: Number(r.total),
      lines: Number(r.lines),
    }));
}
