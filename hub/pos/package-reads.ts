/**
 * Read-only queries on one site's packages for the import: the unit of tagged lines whose source
 * gives none (Dutchie), and each SKU's packages for FIFO attribution. Nothing here writes.
 */
import type { Unit } from "#contract/domain.js";
import type { FifoPackage } from "./attribution.js";
import type { Db } from "#hub/store/database.js";

const CHUNK = 500;

function chunks<T>(all: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < all.length; i += CHUNK) out.push(all.slice(i, i + CHUNK));
  return out;
}

/** Unit of each package of `site` among `labels`. */
export async function packageUnits(db: Db, site: string, labels: readonly string[]): Promise<Map<string, Unit>> {
  const units = new Map<string, Unit>();
  for (const part of chunks([...new Set(labels)])) {
    const rows = await db
      .selectFrom("packages")
      .select(["label", "unit"])
      .where("site_id", "=", site)
      .where("label", "in", part)
      .execute();
    for (const r of rows) units.set(r.label, r.unit as Unit);
  }
  return units;
}

/** Packages of `site` of each SKU (the site catalog's item id) among `skus`. */
export async function packagesBySku(
  db: Db,
  site: string,
  skus: readonly string[],
): Promise<Map<string, FifoPackage[]>> {
  const bySku = new Map<string, FifoPackage[]>();
  for (const part of chunks([...new Set(skus)])) {
    const rows = await db
      .selectFrom("packages")
      .select(["label", "item_id", "quantity", "packaged_date"])
      .where("site_id", "=", site)
      .where("item_id", "in", part)
      .execute();
    for (const r of rows) {
      const list = bySku.get(r.item_id) ?? [];
      list.push({ label: r.label, quantity: Number(r.quantity), packagedDate: r.packaged_date });
      bySku.set(r.item_id, list);
    }
  }
  return bySku;
}
