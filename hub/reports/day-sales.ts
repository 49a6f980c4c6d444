/**
 * The sales section of the end-of-day report: net units (pieces), grams (items sold by weight) and
 * value of one business day, in total and by category, from the POS import (voids out, returns
 * subtracted).
 */
import type { Db } from "#hub/store/database.js";
import { itemSales } from "./sales-reads.js";
import { isWeightUnit, round, toBaseQuantity } from "./units.js";

export interface CategorySales {
  category: string;
  /** Pieces of items sold by the unit. */
  units: number;
  /** Grams of items sold by weight. */
  grams: number;
  /** Dollars. */
  value: number;
}

export interface SalesSection {
  /** Pieces of items sold by the unit (net). */
  units: number;
  /** Grams of items sold by weight (net). */
  grams: number;
  /** Dollars (net). */
  value: number;
  /** Receipts with at least one line not voided. */
  receipts: number;
  byCategory: CategorySales[];
}

/** Category of each item id of the site; lines whose item the catalog does not know are "uncatalogued". */
export async function categoriesOf(
  db: Db,
  site: string,
): Promise<Map<string, { category: string; brand: string | null; name: string; weightBased: boolean }>> {
  const rows = await db
    .selectFrom("items")
    .select(["id", "category", "brand", "name", "weight_based"])
    .where("site_id", "=", site)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { category: r.category, brand: r.brand, name: r.name, weightBased: Number(r.weight_based) === 1 },
    ]),
  );
}

/** The sales section of `site` on business day `day`. */
export async function daySales(db: Db, site: string, day: string): Promise<SalesSection> {
  const [sales, items, receipts] = await Promise.all([
    itemSales(db, site, day, day),
    categoriesOf(db, site),
    db
      .selectFrom("pos_sales")
      .select((eb) => eb.fn.count<number>("receipt_id").distinct().as("n"))
      .where("site_id", "=", site)
      .where("business_day", "=", day)
      .where("voided", "=", 0)
      .executeTakeFirst(),
  ]);
  const byCategory = new Map<string, CategorySales>();
  for (const s of sales) {
    const category = items.get(s.itemId)?.category ?? "uncatalogued";
    const c = byCategory.get(category) ?? { category, units: 0, grams: 0, value: 0 };
    if (isWeightUnit(s.unit)) c.grams += toBaseQuantity(s.quantity, s.unit);
    else c.units += s.quantity;
    c.value += s.value;
    byCategory.set(category, c);
  }
  const list = [...byCategory.values()]
    .map((c) => ({ category: c.category, units: round(c.units, 3), grams: round(c.grams, 3), value: round(c.value) }))
    .sort((a, b) => b.value - a.value || a.category.localeCompare(b.category));
  return {
    units: round(
      list.reduce((n, c) => n + c.units, 0),
      3,
    ),
    grams: round(
      list.reduce((n, c) => n + c.grams, 0),
      3,
    ),
    value: round(list.reduce((n, c) => n + c.value, 0)),
    receipts: Number(receipts?.n ?? 0),
    byCategory: list,
  };
}
