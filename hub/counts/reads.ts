/**
 * What counts read from the ledger, the catalog and the POS (never writing any of them): the
 * packages to count with their items, POS sales of packages since a snapshot, the facts behind
 * ABC classing, and the site's stations.
 */
import { addDays } from "#contract/facility-time.js";
import { eventSchemas, type StationEvent } from "#contract/messages.js";
import { listStationsOfSites } from "#hub/ledger/stations.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import type { ItemFacts } from "./classing.js";
import type { SaleAt } from "./tolerance.js";

/** Statuses of packages that are physically in the store (finished and inactive ones are not). */
const ON_HAND = ["active", "on-hold", "quarantine"];
const CHUNK = 500;

/** A package as a count snapshots it. */
export interface PackageToCount {
  label: string;
  itemId: string;
  itemName: string;
  category: string;
  location: string;
  quantity: number;
  unit: string;
  /** Weighed at the count: a weight-based item, or one with a unit weight (count by weight). */
  countBy: "units" | "weight";
  unitWeightGrams: number | null;
  containerTareGrams: number | null;
}

/**
 * The site's packages on hand, with their items; only those of `itemIds` or `category` when given.
 * Weighed: weight-based items, and items with a unit weight in `weighCategories`.
 */
export async function packagesToCount(
  db: Db,
  site: string,
  only: { itemIds?: readonly string[]; category?: string; label?: string; weighCategories?: readonly string[] } = {},
): Promise<PackageToCount[]> {
  const weigh = new Set(only.weighCategories ?? []);
  if (only.itemIds && only.itemIds.length === 0) return [];
  let q = db
    .selectFrom("packages as p")
    .leftJoin("items as i", (j) => j.onRef("i.site_id", "=", "p.site_id").onRef("i.id", "=", "p.item_id"))
    .select([
      "p.label",
      "p.item_id",
      "p.location",
      "p.quantity",
      "p.unit",
      "i.name",
      "i.category",
      "i.weight_based",
      "i.unit_weight_grams",
      "i.container_tare_grams",
    ])
    .where("p.site_id", "=", site)
    .where("p.status", "in", ON_HAND);
  if (only.itemIds) q = q.where("p.item_id", "in", [...only.itemIds]);
  if (only.category) q = q.where("i.category", "=", only.category);
  if (only.label) q = q.where("p.label", "=", only.label);
  const rows = await q.orderBy("p.location").orderBy("p.label").execute();
  return rows.map((r) => {
    const unitWeight = r.unit_weight_grams === null ? null : Number(r.unit_weight_grams);
    return {
      label: r.label,
      itemId: r.item_id,
      itemName: r.name ?? r.item_id,
      category: r.category ?? "unknown",
      location: r.location,
      quantity: Number(r.quantity),
      unit: r.unit,
      countBy:
        Number(r.weight_based) === 1 || (unitWeight !== null && weigh.has(r.category ?? "")) ? "weight" : "units",
      unitWeightGrams: unitWeight,
      containerTareGrams: r.container_tare_grams === null ? null : Number(r.container_tare_grams),
    };
  });
}

/** POS sales (voids left out, returns negative) of `labels` completed after `since`, by label. */
export async function salesSince(
  db: Db,
  site: string,
  labels: readonly string[],
  since: string,
): Promise<Map<string, SaleAt[]>> {
  const out = new Map<string, SaleAt[]>();
  for (let i = 0; i < labels.length; i += CHUNK) {
    const rows = await db
      .selectFrom("pos_sales")
      .select(["package_label", "completed_at", "quantity"])
      .where("site_id", "=", site)
      .where("voided", "=", 0)
      .where("completed_at", ">", since)
      .where("package_label", "in", labels.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) {
      const list = out.get(r.package_label!) ?? [];
      list.push({ at: r.completed_at, quantity: Number(r.quantity) });
      out.set(r.package_label!, list);
    }
  }
  return out;
}

/** Each item's velocity (units a day over the `days` ending `today`), unit value and on-hand quantity. */
export async function itemFacts(db: Db, site: string, today: string, days: number): Promise<ItemFacts[]> {
  const from = addDays(today, -days);
  const items = await db.selectFrom("items").select(["id", "category"]).where("site_id", "=", site).execute();
  const onHand = await db
    .selectFrom("packages")
    .select((eb) => ["item_id", eb.fn.sum<number>("quantity").as("qty")])
    .where("site_id", "=", site)
    .where("status", "in", ON_HAND)
    .groupBy("item_id")
    .execute();
  const sold = await db
    .selectFrom("pos_sales as s")
    .leftJoin("packages as p", (j) => j.onRef("p.site_id", "=", "s.site_id").onRef("p.label", "=", "s.package_label"))
    .select((eb) => [
      eb.fn.coalesce("p.item_id", "s.sku").as("item_id"),
      eb.fn.sum<number>("s.quantity").as("qty"),
      eb.fn.sum<number>("s.total").as("total"),
    ])
    .where("s.site_id", "=", site)
    .where("s.voided", "=", 0)
    .where("s.business_day", ">", from)
    .where("s.business_day", "<=", today)
    .groupBy((eb) => eb.fn.coalesce("p.item_id", "s.sku"))
    .execute();
  const hand = new Map(onHand.map((r) => [r.item_id, Number(r.qty)]));
  const sales = new Map(sold.map((r) => [r.item_id, { qty: Number(r.qty), total: Number(r.total) }]));
  return items.map((i) => {
    const s = sales.get(i.id);
    return {
      itemId: i.id,
      category: i.category,
      unitsPerDay: s ? Math.max(0, s.qty) / days : 0,
      unitValue: s && s.qty > 0 ? s.total / s.qty : 0,
      onHand: hand.get(i.id) ?? 0,
    };
  });
}

/** The site's stations, online ones first, each group by id: where a day's count goes. */
export async function stationsOf(
  db: Db,
  sites: SiteDirectory,
  site: string,
): Promise<{ id: string; online: boolean }[]> {
  const all = await listStationsOfSites(db, sites, [site]);
  return [...all.filter((s) => s.online), ...all.filter((s) => !s.online)].map((s) => ({ id: s.id, online: s.online }));
}

/** Employee names by id, for the pages and the recount's "counted by". */
export async function employeeNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter(Boolean);
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("employees").select(["id", "name"]).where("id", "in", unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Count events stored but not applied (the hub stopped between storing and applying them), oldest
 * first, as the contract reads them; a stored one that does not read is left out.
 */
export async function unappliedCountEvents(db: Db, limit = 5_000): Promise<StationEvent<"count">[]> {
  const rows = await db
    .selectFrom("events as e")
    .leftJoin("count_applied_events as a", "a.event_id", "e.id")
    .select(["e.id", "e.type", "e.station_id", "e.site_id", "e.at", "e.employee_id", "e.payload"])
    .where("e.type", "=", "count")
    .where("a.event_id", "is", null)
    .orderBy("e.id")
    .limit(limit)
    .execute();
  return rows.flatMap((r) => {
    const parsed = eventSchemas.count.safeParse({
      id: r.id,
      type: r.type,
      stationId: r.station_id,
      siteId: r.site_id,
      at: r.at,
      ...(r.employee_id ? { employeeId: r.employee_id } : {}),
      payload: JSON.parse(r.payload) as unknown,
    });
    return parsed.success ? [parsed.data] : [];
  });
}
