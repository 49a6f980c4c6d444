import type { Kysely, Selectable, Transaction } from "kysely";
import type { Item, Package } from "#contract/domain.js";
import type { Database } from "../store/database.js";
import type { ItemsTable, PackagesTable } from "./tables.js";

type Db = Kysely<Database> | Transaction<Database>;

const CHUNK = 300;

function itemRow(site: string, item: Item, updatedAt: string): ItemsTable {
  return {
    site_id: site,
    id: item.id,
    name: item.name,
    category: item.category,
    brand: item.brand ?? null,
    strain: item.strain ?? null,
    gtin: item.gtin ?? null,
    unit: item.unit,
    weight_based: item.weightBased ? 1 : 0,
    unit_weight_grams: item.unitWeightGrams ?? null,
    container_tare_grams: item.containerTareGrams ?? null,
    updated_at: updatedAt,
  };
}

/** Contract Package → ledger row of `site`; `updatedAt` is ISO-8601. */
export function packageRow(site: string, pkg: Package, updatedAt: string): PackagesTable {
  return {
    site_id: site,
    label: pkg.label,
    item_id: pkg.itemId,
    quantity: pkg.quantity,
    unit: pkg.unit,
    location: pkg.location,
    status: pkg.status,
    lab_state: pkg.labState,
    packaged_date: pkg.packagedDate,
    expiration_date: pkg.expirationDate ?? null,
    batch: pkg.batch ?? null,
    updated_at: updatedAt,
  };
}

/** Ledger row → contract Item (optional fields left out when empty). */
export function itemFromRow(r: Selectable<ItemsTable>): Item {
  return {
    id: r.id,
    name: r.name,
    category: r.category as Item["category"],
    unit: r.unit as Item["unit"],
    weightBased: Number(r.weight_based) === 1,
    ...(r.brand !== null ? { brand: r.brand } : {}),
    ...(r.strain !== null ? { strain: r.strain } : {}),
    ...(r.gtin !== null ? { gtin: r.gtin } : {}),
    ...(r.unit_weight_grams !== null ? { unitWeightGrams: Number(r.unit_weight_grams) } : {}),
    ...(r.container_tare_grams !== null ? { containerTareGrams: Number(r.container_tare_grams) } : {}),
  };
}

/** Ledger row → contract Package. */
export function packageFromRow(r: Selectable<PackagesTable>): Package {
  return {
    label: r.label,
    itemId: r.item_id,
    quantity: Number(r.quantity),
    unit: r.unit as Package["unit"],
    location: r.location,
    status: r.status as Package["status"],
    labState: r.lab_state as Package["labState"],
    packagedDate: r.packaged_date,
    ...(r.expiration_date !== null ? { expirationDate: r.expiration_date } : {}),
    ...(r.batch !== null ? { batch: r.batch } : {}),
  };
}

/** Inserts or replaces items of `site`'s catalog; `updatedAt` is ISO-8601. */
export async function upsertItems(db: Db, site: string, items: readonly Item[], updatedAt: string): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) {
    await db
      .insertInto("items")
      .values(items.slice(i, i + CHUNK).map((it) => itemRow(site, it, updatedAt)))
      .onConflict((oc) =>
        oc.columns(["site_id", "id"]).doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          category: eb.ref("excluded.category"),
          brand: eb.ref("excluded.brand"),
          strain: eb.ref("excluded.strain"),
          gtin: eb.ref("excluded.gtin"),
          unit: eb.ref("excluded.unit"),
          weight_based: eb.ref("excluded.weight_based"),
          unit_weight_grams: eb.ref("excluded.unit_weight_grams"),
          container_tare_grams: eb.ref("excluded.container_tare_grams"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}

/**
 * Inserts or replaces packages of `site` by label, with no movement, adjustment or audit entry:
 * the ledger's opening load (seed.ts) and test set-ups. Every change to a package the ledger
 * holds goes through package-state.ts `recordPackageChanges`. `updatedAt` is ISO-8601.
 */
export async function upsertPackages(
  db: Db,
  site: string,
  packages: readonly Package[],
  updatedAt: string,
): Promise<void> {
  for (let i = 0; i < packages.length; i += CHUNK) {
    await db
      .insertInto("packages")
      .values(packages.slice(i, i + CHUNK).map((p) => packageRow(site, p, updatedAt)))
      .onConflict((oc) =>
        oc.columns(["site_id", "label"]).doUpdateSet((eb) => ({
          item_id: eb.ref("excluded.item_id"),
          quantity: eb.ref("excluded.quantity"),
          unit: eb.ref("excluded.unit"),
          location: eb.ref("excluded.location"),
          status: eb.ref("excluded.status"),
          lab_state: eb.ref("excluded.lab_state"),
          packaged_date: eb.ref("excluded.packaged_date"),
          expiration_date: eb.ref("excluded.expiration_date"),
          batch: eb.ref("excluded.batch"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}

/** One package of `site` with its item, or undefined when the site's catalog does not know the label. */
export async function findPackage(
  db: Db,
  site: string,
  label: string,
): Promise<{ pkg: Package; item: Item | null } | undefined> {
  const row = await db
    .selectFrom("packages")
    .selectAll()
    .where("site_id", "=", site)
    .where("label", "=", label)
    .executeTakeFirst();
  if (!row) return undefined;
  const item = await db
    .selectFrom("items")
    .selectAll()
    .where("site_id", "=", site)
    .where("id", "=", row.item_id)
    .executeTakeFirst();
  return { pkg: packageFromRow(row), item: item ? itemFromRow(item) : null };
}

/** The sites among `sites` whose catalog holds `label`, in the order given. */
export async function sitesHoldingPackage(db: Db, sites: readonly string[], label: string): Promise<string[]> {
  if (sites.length === 0) return [];
  const rows = await db
    .selectFrom("packages")
    .select("site_id")
    .where("label", "=", label)
    .where("site_id", "in", [...sites])
    .execute();
  const held = new Set(rows.map((r) => r.site_id));
  return sites.filter((s) => held.has(s));
}

/** Item names for a set of labels of `site` (for the live scan feed); labels unknown to its catalog are absent. */
export async function itemNamesByLabel(db: Db, site: string, labels: readonly string[]): Promise<Map<string, string>> {
  if (labels.length === 0) return new Map();
  const rows = await db
    .selectFrom("packages")
    .innerJoin("items", (j) =>
      j.onRef("items.site_id", "=", "packages.site_id").onRef("items.id", "=", "packages.item_id"),
    )
    .select(["packages.label", "items.name"])
    .where("packages.site_id", "=", site)
    .where("packages.label", "in", [...new Set(labels)])
    .execute();
  return new Map(rows.map((r) => [r.label, r.name]));
}

/** `site`'s whole catalog (items and packages) for a station's `catalog` replace command. */
export async function loadCatalog(db: Db, site: string): Promise<{ items: Item[]; packages: Package[] }> {
  const items = await db.selectFrom("items").selectAll().where("site_id", "=", site).orderBy("id").execute();
  const packages = await db.selectFrom("packages").selectAll().where("site_id", "=", site).orderBy("label").execute();
  return { items: items.map(itemFromRow), packages: packages.map(packageFromRow) };
}

/** Counts for the dashboard, over the sites given. */
export async function countCatalog(db: Db, sites: readonly string[]): Promise<{ items: number; packages: number }> {
  if (sites.length === 0) return { items: 0, packages: 0 };
  const i = await db
    .selectFrom("items")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("site_id", "in", [...sites])
    .executeTakeFirstOrThrow();
  const p = await db
    .selectFrom("packages")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("site_id", "in", [...sites])
    .executeTakeFirstOrThrow();
  return { items: Number(i.n), packages: Number(p.n) };
}
