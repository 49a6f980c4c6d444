/**
 * The packages list: every package the ledger holds, filtered and paged by label, for the
 * dashboard's /packages and GET /api/packages. Keyset paging (`after` = the last label shown)
 * keeps page 200 as cheap as page 1 among thousands of packages.
 */
import type { Package } from "#contract/domain.js";

type LabState = Package["labState"];
import type { Db } from "#hub/store/database.js";
import { packageFromRow } from "./catalog.js";

/** Lab states that let a package be sold (METRC LabTestingState). */
export const PASSED_LAB: readonly LabState[] = ["TestPassed", "RetestPassed"];

export interface PackageFilter {
  /** An item id, or part of an item's name (any case). */
  item?: string | undefined;
  location?: string | undefined;
  status?: Package["status"] | undefined;
  labState?: LabState | undefined;
  /** Packages whose expiration date is on or before this day (YYYY-MM-DD). */
  expiresBy?: string | undefined;
  /** What the POS may sell: active, passed lab (so neither quarantined nor on hold). */
  sellable?: boolean | undefined;
  /** Only these sites' packages (the login's, or the one `?site=` names); every site when undefined. */
  sites?: readonly string[] | undefined;
}

export interface PackageListing {
  pkg: Package;
  /** The item's name; null when the catalog does not hold the item. */
  itemName: string | null;
}

export interface PackageListPage {
  rows: PackageListing[];
  /** Packages matching the filter, all pages. */
  total: number;
  /** The label to pass as `after` for the next page; null on the last page. */
  next: string | null;
}

/** Escapes LIKE's wildcards so a name with `%` or `_` matches itself. */
const likeText = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function filtered(db: Db, f: PackageFilter) {
  let q = db
    .selectFrom("packages")
    .leftJoin("items", (j) =>
      j.onRef("items.id", "=", "packages.item_id").onRef("items.site_id", "=", "packages.site_id"),
    );
  if (f.sites) q = q.where("packages.site_id", "in", f.sites.length > 0 ? [...f.sites] : [""]);
  if (f.item) {
    const item = f.item.trim();
    q = q.where((eb) =>
      eb.or([eb("packages.item_id", "=", item), eb(eb.fn("lower", ["items.name"]), "like", eb.val(likeText(item)))]),
    );
  }
  if (f.location) q = q.where("packages.location", "=", f.location);
  if (f.status) q = q.where("packages.status", "=", f.status);
  if (f.labState) q = q.where("packages.lab_state", "=", f.labState);
  if (f.expiresBy)
    q = q.where("packages.expiration_date", "is not", null).where("packages.expiration_date", "<=", f.expiresBy);
  if (f.sellable) q = q.where("packages.status", "=", "active").where("packages.lab_state", "in", [...PASSED_LAB]);
  return q;
}

/** One page of packages matching `filter`, ordered by label, after `page.after`; `page.limit` rows at most. */
export async function listPackages(
  db: Db,
  filter: PackageFilter,
  page: { after?: string | undefined; limit: number },
): Promise<PackageListPage> {
  let q = filtered(db, filter).selectAll("packages").select("items.name as item_name");
  if (page.after) q = q.where("packages.label", ">", page.after);
  const [rows, count] = await Promise.all([
    q
      .orderBy("packages.label")
      .limit(page.limit + 1)
      .execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const shown = rows.slice(0, page.limit);
  return {
    rows: shown.map(({ item_name, ...row }) => ({ pkg: packageFromRow(row), itemName: item_name ?? null })),
    total: Number(count.n),
    next: rows.length > page.limit ? shown[shown.length - 1]!.label : null,
  };
}

/** The locations packages are in, for the filter's choices. */
export async function packageLocations(db: Db): Promise<string[]> {
  return (await db.selectFrom("packages").select("location").distinct().orderBy("location").execute()).map(
    (r) => r.location,
  );
}
