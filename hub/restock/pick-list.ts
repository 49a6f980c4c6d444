/**
 * The pick list of a restock request: for each item asked for, the vault's packages that cover
 * it, first to take first. FEFO/FIFO: the soonest expiry first (a package without an expiry date
 * after every dated one), then the oldest packaged date, then the tag, so two hubs (or two runs)
 * always give the same order. Only packages that may go to the floor are picked: active, lab
 * passed, in the vault (not on the floor, not in quarantine), and not already on another open
 * request's list.
 */
import type { Package, Unit } from "#contract/domain.js";
import type { RestockLine, RestockPick } from "#contract/restock.js";
import { packageFromRow } from "#hub/ledger/catalog.js";
import { PASSED_LAB } from "#hub/ledger/package-list.js";
import type { Db } from "#hub/store/database.js";

/** Orders two packages first-expiring-first, then first-in-first-out, then by tag. */
export function fefoCompare(
  a: Pick<Package, "label" | "expirationDate" | "packagedDate">,
  b: Pick<Package, "label" | "expirationDate" | "packagedDate">,
): number {
  if (a.expirationDate !== b.expirationDate) {
    if (!a.expirationDate) return 1;
    if (!b.expirationDate) return -1;
    return a.expirationDate < b.expirationDate ? -1 : 1;
  }
  if (a.packagedDate !== b.packagedDate) return a.packagedDate < b.packagedDate ? -1 : 1;
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}

/** What one item of a request still needs. */
export interface ItemNeed {
  itemId: string;
  itemName: string;
  /** Still to pick, in `unit` (asked for, less what was picked). */
  quantity: number;
  unit: Unit;
}

/**
 * The packages covering `need` from `candidates` (any order; those in `taken` are left out), in
 * FEFO/FIFO order: whole packages until the quantity is reached. `short` is what they cannot cover.
 */
export function pickLine(need: ItemNeed, candidates: readonly Package[], taken: ReadonlySet<string>): RestockLine {
  const picks: RestockPick[] = [];
  let covered = 0;
  for (const p of [...candidates].filter((c) => c.itemId === need.itemId && !taken.has(c.label)).sort(fefoCompare)) {
    if (covered >= need.quantity - 1e-9) break;
    picks.push({
      label: p.label,
      location: p.location,
      quantity: p.quantity,
      unit: p.unit,
      packagedDate: p.packagedDate,
      ...(p.expirationDate ? { expirationDate: p.expirationDate } : {}),
    });
    covered += p.quantity;
  }
  const short = need.quantity - covered;
  return {
    itemId: need.itemId,
    itemName: need.itemName,
    quantity: need.quantity,
    unit: need.unit,
    picks,
    ...(short > 1e-9 ? { short: Math.round(short * 1000) / 1000 } : {}),
  };
}

/** Where packages are that are not in the vault: restock never picks from there. */
export interface FloorPlaces {
  floorLocation: string;
  quarantineLocation: string;
}

/** The site's packages of `itemIds` that may be picked: active, lab passed, in the vault, with something in them. */
export async function pickable(
  db: Db,
  site: string,
  itemIds: readonly string[],
  places: FloorPlaces,
): Promise<Package[]> {
  if (itemIds.length === 0) return [];
  const rows = await db
    .selectFrom("packages")
    .selectAll()
    .where("site_id", "=", site)
    .where("item_id", "in", [...new Set(itemIds)])
    .where("status", "=", "active")
    .where("lab_state", "in", [...PASSED_LAB])
    .where("location", "not in", [places.floorLocation, places.quarantineLocation])
    .where("quantity", ">", 0)
    .execute();
  return rows.map(packageFromRow);
}
