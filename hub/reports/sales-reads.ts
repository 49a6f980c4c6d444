/**
 * POS sales as the reports read them (hub/pos's table, written only by its import): net per item
 * and unit over business days, voids left out and returns subtracted, each line's item being its
 * package's (the SKU's when the line names no package the ledger knows), from the daily rollup
 * (rollup.ts), refreshed first.
 */
import type { Kysely } from "kysely";
import type { Database } from "#hub/store/database.js";
import { refreshRollup } from "./rollup.js";

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

/** Net sales per item and unit of `site` on business days `from`..`to` (inclusive). */
export async function itemSales(db: Kysely<Database>, site: string, from: string, to: string): Promise<ItemSales[]> {
  await refreshRollup(db, site);
  const rows = await db
    .selectFrom("report_item_days")
    .select((eb) => [
      "item_id",
      "unit",
      eb.fn.sum<number>("quantity").as("quantity"),
      eb.fn.sum<number>("value").as("value"),
      eb.fn.sum<number>("lines").as("lines"),
    ])
    .where("site_id", "=", site)
    .where("business_day", ">=", from)
    .where("business_day", "<=", to)
    .groupBy(["item_id", "unit"])
    .execute();
  return rows.map((r) => ({
    itemId: r.item_id,
    unit: r.unit,
    quantity: Number(r.quantity),
    value: Number(r.value),
    lines: Number(r.lines),
  }));
}
