/**
 * Expiry and FIFO. Packages by days to expiry (today being the facility's), and FIFO violations: a
 * package of an item sold while an older package of the same item (packaged earlier) sat in the
 * vault, active, with stock. Each violation names the move that put the newer package on the floor
 * — a restock pick (`restock.pick`, source `restock`) when there was one — since that is where
 * first-in-first-out was broken.
 */
import type { Db } from "#hub/store/database.js";
import { addDays, dayBounds, localDate } from "#contract/facility-time.js";
import { isVault, packageTimelines, type FloorMove } from "./package-timeline.js";
import { round } from "./units.js";

export interface ExpiringPackage {
  label: string;
  item: string;
  location: string;
  quantity: number;
  unit: string;
  expirationDate: string;
  /** Negative once expired. */
  daysToExpiry: number;
}

/** Active packages of `site` with stock and an expiration date, soonest first, up to `withinDays` ahead. */
export async function expiringPackages(
  db: Db,
  site: string,
  opts: { nowMs: number; timeZone: string; withinDays: number },
): Promise<ExpiringPackage[]> {
  const today = localDate(opts.nowMs, opts.timeZone);
  const rows = await db
    .selectFrom("packages")
    .select(["label", "item_id", "location", "quantity", "unit", "expiration_date"])
    .where("site_id", "=", site)
    .where("status", "=", "active")
    .where("quantity", ">", 0)
    .where("expiration_date", "is not", null)
    .where("expiration_date", "<=", addDays(today, opts.withinDays))
    .orderBy("expiration_date")
    .orderBy("label")
    .execute();
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  return rows.map((r) => ({
    label: r.label,
    item: r.item_id,
    location: r.location,
    quantity: Number(r.quantity),
    unit: r.unit,
    expirationDate: r.expiration_date!,
    daysToExpiry: Math.round((Date.parse(`${r.expiration_date!.slice(0, 10)}T00:00:00Z`) - todayMs) / 86_400_000),
  }));
}

export interface FifoViolation {
  item: string;
  /** The newer package that sold. */
  soldLabel: string;
  soldPackagedDate: string;
  /** The oldest package of the item that sat in the vault meanwhile. */
  olderLabel: string;
  olderPackagedDate: string;
  olderExpirationDate: string | null;
  firstSoldAt: string;
  lastSoldAt: string;
  sales: number;
  /** Net quantity sold out of order, in `unit`. */
  quantity: number;
  unit: string;
  /** The move that put the newer package on the floor (null when the ledger has none). */
  pick: FloorMove | null;
}

interface Pkg {
  label: string;
  item: string;
  packagedDate: string;
  expirationDate: string | null;
}

/** The site's packages by label, and each item's packages oldest first (packaged date, then tag). */
async function packagesByItem(db: Db, site: string): Promise<{ pkgs: Map<string, Pkg>; byItem: Map<string, Pkg[]> }> {
  const rows = await db
    .selectFrom("packages")
    .select(["label", "item_id", "packaged_date", "expiration_date"])
    .where("site_id", "=", site)
    .execute();
  const pkgs = new Map<string, Pkg>();
  const byItem = new Map<string, Pkg[]>();
  for (const r of rows) {
    const p = { label: r.label, item: r.item_id, packagedDate: r.packaged_date, expirationDate: r.expiration_date };
    pkgs.set(p.label, p);
    byItem.set(p.item, [...(byItem.get(p.item) ?? []), p]);
  }
  for (const list of byItem.values())
    list.sort((a, b) => a.packagedDate.localeCompare(b.packagedDate) || a.label.localeCompare(b.label));
  return { pkgs, byItem };
}

interface SoldLine {
  package_label: string | null;
  completed_at: string;
  quantity: number;
  unit: string;
}

/** Adds one out-of-order sale to its violation (one per sold package and move onto the floor). */
function record(found: Map<string, FifoViolation>, s: SoldLine, sold: Pkg, older: Pkg, pick: FloorMove | null): void {
  const key = `${sold.label}\u0000${pick?.id ?? ""}`;
  const v = found.get(key);
  if (v) {
    v.lastSoldAt = s.completed_at;
    v.sales++;
    v.quantity = round(v.quantity + Number(s.quantity), 3);
    return;
  }
  found.set(key, {
    item: sold.item,
    soldLabel: sold.label,
    soldPackagedDate: sold.packagedDate,
    olderLabel: older.label,
    olderPackagedDate: older.packagedDate,
    olderExpirationDate: older.expirationDate,
    firstSoldAt: s.completed_at,
    lastSoldAt: s.completed_at,
    sales: 1,
    quantity: Number(s.quantity),
    unit: s.unit,
    pick,
  });
}

/** FIFO violations of `site` on business days `from`..`to`, oldest first. */
export async function fifoViolations(
  db: Db,
  site: string,
  opts: { from: string; to: string; timeZone: string },
): Promise<FifoViolation[]> {
  const end = dayBounds(opts.to, opts.timeZone).to;
  const [{ pkgs, byItem }, sales, timelines] = await Promise.all([
    packagesByItem(db, site),
    db
      .selectFrom("pos_sales")
      .select(["package_label", "completed_at", "quantity", "unit"])
      .where("site_id", "=", site)
      .where("business_day", ">=", opts.from)
      .where("business_day", "<=", opts.to)
      .where("voided", "=", 0)
      .where("quantity", ">", 0)
      .where("package_label", "is not", null)
      .orderBy("completed_at")
      .execute(),
    packageTimelines(db, site, end),
  ]);
  const found = new Map<string, FifoViolation>();
  for (const s of sales) {
    const sold = pkgs.get(s.package_label!);
    if (!sold) continue;
    const older = (byItem.get(sold.item) ?? []).find((q) => {
      if (q.packagedDate >= sold.packagedDate) return false;
      const st = timelines.stateAt(q.label, s.completed_at);
      return st !== undefined && st.status === "active" && st.quantity > 0 && isVault(st.location);
    });
    if (older) record(found, s, sold, older, timelines.floorMoveBefore(sold.label, s.completed_at) ?? null);
  }
  return [...found.values()];
}
