/**
 * Where an accepted package goes in the vault: a shelf, and its place on that shelf in
 * FEFO/FIFO order. Pure: the caller passes what the replica knows about the vault.
 */

/** A package already on a shelf (from the replica, or accepted earlier on this manifest). */
export interface ShelvedPackage {
  label: string;
  itemId: string;
  location: string;
  /** ISO dates. */
  packagedDate?: string | undefined;
  expirationDate?: string | undefined;
}

/** The package to place. */
export interface PackageToPlace {
  label: string;
  itemId?: string | undefined;
  category?: string | undefined;
  packagedDate?: string | undefined;
  expirationDate?: string | undefined;
}

/** The chosen shelf and the package's place on it, 1 = front (taken first). */
export interface ShelfPlacement {
  shelf: string;
  position: number;
  /** Packages of the same item on that shelf, this one included. */
  of: number;
  /** Why this shelf: the item is already kept there, its category is, or the default shelf. */
  basis: "same-item" | "same-category" | "default";
}

export interface PlacementInput {
  pkg: PackageToPlace;
  /** Packages in the vault's sellable locations (quarantine excluded by the caller). */
  shelved: readonly ShelvedPackage[];
  /** Category of each item id, when known. */
  categoryOf(itemId: string): string | undefined;
  /** Shelf used when nothing of the item or its category is in the vault yet. */
  defaultShelf: string;
}

/** Far-future sort key: a package with no expiry goes behind those that expire. */
const NO_DATE = "9999-12-31";

/**
 * FEFO first, FIFO second: earliest expiry to the front, then oldest packaged, then label so
 * the order is total. Why expiry first: an expired package cannot be sold at all, an old one can.
 */
export function fefoCompare(
  a: Omit<ShelvedPackage, "location" | "itemId">,
  b: Omit<ShelvedPackage, "location" | "itemId">,
): number {
  const byExpiry = (a.expirationDate ?? NO_DATE).localeCompare(b.expirationDate ?? NO_DATE);
  if (byExpiry !== 0) return byExpiry;
  const byPackaged = (a.packagedDate ?? NO_DATE).localeCompare(b.packagedDate ?? NO_DATE);
  return byPackaged !== 0 ? byPackaged : a.label.localeCompare(b.label);
}

/** The shelf holding the most packages among `list`; ties go to the alphabetically first. */
function busiestShelf(list: readonly ShelvedPackage[]): string | undefined {
  const counts = new Map<string, number>();
  for (const p of list) counts.set(p.location, (counts.get(p.location) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const entry of counts) {
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  }
  return best?.[0];
}

/**
 * Chooses the shelf (the item's own shelf first, then its category's, then the default) and the
 * package's FEFO/FIFO position among the same item's packages there.
 */
export function placePackage(input: PlacementInput): ShelfPlacement {
  const { pkg, shelved } = input;
  const sameItem = pkg.itemId ? shelved.filter((p) => p.itemId === pkg.itemId && p.label !== pkg.label) : [];
  const category = pkg.category ?? (pkg.itemId ? input.categoryOf(pkg.itemId) : undefined);
  const itemShelf = busiestShelf(sameItem);
  const categoryShelf =
    itemShelf || !category ? undefined : busiestShelf(shelved.filter((p) => input.categoryOf(p.itemId) === category));
  const shelf = itemShelf ?? categoryShelf ?? input.defaultShelf;
  const basis = itemShelf ? "same-item" : categoryShelf ? "same-category" : "default";
  const neighbours = sameItem.filter((p) => p.location === shelf);
  const ahead = neighbours.filter((p) => fefoCompare(p, pkg) < 0).length;
  return { shelf, position: ahead + 1, of: neighbours.length + 1, basis };
}

/** "front of 3", "2 of 5", "back of 4": the place in words for the kiosk and the line note. */
export function describePlacement(p: ShelfPlacement): string {
  if (p.of === 1) return `${p.shelf}`;
  const where = p.position === 1 ? "front" : p.position === p.of ? "back" : `position ${p.position}`;
  return `${p.shelf}, ${where} of ${p.of}`;
}
