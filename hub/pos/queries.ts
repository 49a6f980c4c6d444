/**
 * What the POS said was sold, for the dashboard, the API and reconciliation: one site's lines of
 * a business day, their net per package (voids count for nothing, returns subtract), and the
 * imports that landed them.
 */
import type { Db } from "#hub/store/database.js";

/** A stored sale line as the API shows it. */
export interface StoredSale {
  source: string;
  receiptId: string;
  lineId: string;
  siteId: string;
  completedAt: string;
  businessDay: string;
  packageLabel: string | null;
  sku: string | null;
  quantity: number;
  unit: string;
  total: number;
  voided: boolean;
  returnOf: string | null;
  attributed: boolean;
}

/** Net sales of one package (or SKU without package) and unit on a day. */
export interface NetSale {
  packageLabel: string | null;
  sku: string | null;
  unit: string;
  /** Sold minus returned, voids left out. */
  quantity: number;
  /** Dollars, the same way. */
  total: number;
  lines: number;
}

export interface ImportSummary {
  id: string;
  siteId: string;
  file: string;
  format: string;
  mapping: string | null;
  rows: number;
  imported: number;
  alreadyImported: number;
  actor: string;
  importedAt: string;
}

/** Lines of `site` on business day `day` (YYYY-MM-DD), in time order. */
export async function salesOfDay(db: Db, q: { site: string; day: string }): Promise<StoredSale[]> {
  const rows = await db
    .selectFrom("pos_sales")
    .selectAll()
    .where("site_id", "=", q.site)
    .where("business_day", "=", q.day)
    .orderBy("completed_at")
    .orderBy("receipt_id")
    .orderBy("line_id")
    .execute();
  return rows.map((r) => ({
    source: r.source,
    receiptId: r.receipt_id,
    lineId: r.line_id,
    siteId: r.site_id,
    completedAt: r.completed_at,
    businessDay: r.business_day,
    packageLabel: r.package_label,
    sku: r.sku,
    quantity: Number(r.quantity),
    unit: r.unit,
    total: Number(r.total),
    voided: Number(r.voided) === 1,
    returnOf: r.return_of,
    attributed: Number(r.attributed) === 1,
  }));
}

/** Net quantity and value per package (SKU when no package) and unit of `site` on `day`. */
export async function netSalesOfDay(db: Db, q: { site: string; day: string }): Promise<NetSale[]> {
  const rows = await db
    .selectFrom("pos_sales")
    .select((eb) => [
      "package_label",
      "sku",
      "unit",
      eb.fn.sum<number>("quantity").as("quantity"),
      eb.fn.sum<number>("total").as("total"),
      eb.fn.countAll<number>().as("lines"),
    ])
    .where("site_id", "=", q.site)
    .where("business_day", "=", q.day)
    .where("voided", "=", 0)
    .groupBy(["package_label", "sku", "unit"])
    .execute();
  const byKey = new Map<string, NetSale>();
  for (const r of rows) {
    // A tagged line's SKU may be given or not: the package is the key.
    const key = r.package_label ? `p:${r.package_label}:${r.unit}` : `s:${r.sku}:${r.unit}`;
    const prev = byKey.get(key);
    const net = {
      packageLabel: r.package_label,
      sku: prev?.sku ?? r.sku,
      unit: r.unit,
      quantity: (prev?.quantity ?? 0) + Number(r.quantity),
      total: (prev?.total ?? 0) + Number(r.total),
      lines: (prev?.lines ?? 0) + Number(r.lines),
    };
    byKey.set(key, net);
  }
  return [...byKey.values()]
    .map((n) => ({ ...n, quantity: Math.round(n.quantity * 1e6) / 1e6, total: Math.round(n.total * 100) / 100 }))
    .sort((a, b) => (a.packageLabel ?? `~${a.sku}`).localeCompare(b.packageLabel ?? `~${b.sku}`));
}

/** The latest imports of `site` (or of `sites`; every site with neither), newest first. */
export async function recentImports(
  db: Db,
  q: { site?: string | undefined; sites?: readonly string[] | undefined; limit?: number },
): Promise<ImportSummary[]> {
  if (q.sites && q.sites.length === 0) return [];
  let query = db
    .selectFrom("pos_imports")
    .selectAll()
    .orderBy("imported_at", "desc")
    .limit(q.limit ?? 20);
  if (q.site) query = query.where("site_id", "=", q.site);
  if (q.sites) query = query.where("site_id", "in", [...q.sites]);
  return (await query.execute()).map((r) => ({
    id: r.id,
    siteId: r.site_id,
    file: r.file,
    format: r.format,
    mapping: r.mapping,
    rows: Number(r.rows),
    imported: Number(r.imported),
    alreadyImported: Number(r.already_imported),
    actor: r.actor,
    importedAt: r.imported_at,
  }));
}
