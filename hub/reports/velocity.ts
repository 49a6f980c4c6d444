/**
 * Velocity per item over the N complete business days before the facility's today, for purchasing:
 *
 *   unitsPerDay   net sold ÷ N (pieces, or grams for items sold by weight)
 *   onHand        active packages' quantity now (vault and floor; quarantine and finished left out)
 *   sellThrough   sold ÷ (sold + onHand): the share of what was there to sell that sold
 *   daysOfSupply  onHand ÷ unitsPerDay (null when nothing sold)
 *   reorder       point = unitsPerDay × (lead time + safety days); when onHand ≤ point, order up to
 *                 unitsPerDay × (lead time + safety days + cycle days) — lead time and safety days per
 *                 item, else per vendor (the item's brand), else the defaults
 *   slowMover     stock for more than `slowAfterDays` days (or none sold with stock on hand)
 *   promotionCandidate  a slow mover with a package that expires before it would sell out
 */
import type { Kysely } from "kysely";
import type { Database, Db } from "#hub/store/database.js";
import { addDays } from "#contract/facility-time.js";
import { completeDaysBefore } from "./business-day.js";
import { categoriesOf } from "./day-sales.js";
import { reorderSettingsOf, type ReorderPolicy } from "./reorder-settings.js";
import { itemSales } from "./sales-reads.js";
import { isWeightUnit, round, toBaseQuantity } from "./units.js";

/** Velocity's options; the defaults are documented in the README. */
export interface VelocityOptions {
  /** Complete business days before today: 7, 30 (default) or 90, or any 1–366. */
  days: number;
  nowMs: number;
  timeZone: string;
  /** Days between orders, for the order-up-to level. Default 14. */
  cycleDays?: number;
  /** Days of supply above which an item is a slow mover. Default 90. */
  slowAfterDays?: number;
}

export interface PackageExpiry {
  label: string;
  expirationDate: string;
  quantity: number;
}

export interface VelocityItem {
  item: string;
  name: string;
  category: string;
  brand: string | null;
  /** `Grams` for items sold by weight (every figure in grams), else `Each`. */
  unit: "Each" | "Grams";
  sold: number;
  value: number;
  unitsPerDay: number;
  onHand: number;
  sellThrough: number | null;
  daysOfSupply: number | null;
  reorder: { point: number; quantity: number; due: boolean; leadTimeDays: number; safetyDays: number };
  slowMover: boolean;
  promotionCandidate: boolean;
  /** Active packages with an expiration date, soonest first. */
  expiries: PackageExpiry[];
}

export interface Velocity {
  days: number;
  site: string;
  from: string;
  to: string;
  items: VelocityItem[];
}

interface Stock {
  onHand: number;
  expiries: PackageExpiry[];
}

async function stockOf(db: Db, site: string, weightItems: Set<string>): Promise<Map<string, Stock>> {
  const rows = await db
    .selectFrom("packages")
    .select(["label", "item_id", "quantity", "unit", "expiration_date"])
    .where("site_id", "=", site)
    .where("status", "=", "active")
    .where("quantity", ">", 0)
    .execute();
  const out = new Map<string, Stock>();
  for (const r of rows) {
    const s = out.get(r.item_id) ?? { onHand: 0, expiries: [] };
    const q =
      weightItems.has(r.item_id) || isWeightUnit(r.unit)
        ? toBaseQuantity(Number(r.quantity), r.unit)
        : Number(r.quantity);
    s.onHand += q;
    if (r.expiration_date)
      s.expiries.push({ label: r.label, expirationDate: r.expiration_date, quantity: round(q, 3) });
    out.set(r.item_id, s);
  }
  for (const s of out.values())
    s.expiries.sort((a, b) => a.expirationDate.localeCompare(b.expirationDate) || a.label.localeCompare(b.label));
  return out;
}

function reorderOf(unitsPerDay: number, onHand: number, policy: ReorderPolicy, cycleDays: number) {
  const point = unitsPerDay * (policy.leadTimeDays + policy.safetyDays);
  const due = unitsPerDay > 0 && onHand <= point;
  const upTo = unitsPerDay * (policy.leadTimeDays + policy.safetyDays + cycleDays);
  return {
    point: round(point, 2),
    quantity: due ? Math.ceil(upTo - onHand) : 0,
    due,
    leadTimeDays: policy.leadTimeDays,
    safetyDays: policy.safetyDays,
  };
}

interface Sold {
  quantity: number;
  value: number;
  weight: boolean;
}

type ItemInfo = Awaited<ReturnType<typeof categoriesOf>> extends Map<string, infer I> ? I : never;

/** One item's row from what it sold, its stock and its reorder policy. */
function itemRow(
  id: string,
  info: ItemInfo | undefined,
  s: Sold,
  st: Stock,
  ctx: { days: number; today: string; cycle: number; slowAfter: number; policy: ReorderPolicy },
): VelocityItem {
  const sold = Math.max(0, s.quantity);
  const perDay = sold / ctx.days;
  const daysOfSupply = perDay > 0 ? st.onHand / perDay : null;
  const slow = st.onHand > 0 && (daysOfSupply === null || daysOfSupply > ctx.slowAfter);
  const sellsOutBy = daysOfSupply === null ? null : addDays(ctx.today, Math.ceil(daysOfSupply));
  return {
    item: id,
    name: info?.name ?? id,
    category: info?.category ?? "uncatalogued",
    brand: info?.brand ?? null,
    unit: s.weight ? "Grams" : "Each",
    sold: round(s.quantity, 3),
    value: round(s.value),
    unitsPerDay: round(perDay, 3),
    onHand: round(st.onHand, 3),
    sellThrough: sold + st.onHand > 0 ? round(sold / (sold + st.onHand), 4) : null,
    daysOfSupply: daysOfSupply === null ? null : round(daysOfSupply, 1),
    reorder: reorderOf(perDay, st.onHand, ctx.policy, ctx.cycle),
    slowMover: slow,
    promotionCandidate: slow && st.expiries.some((e) => sellsOutBy === null || e.expirationDate < sellsOutBy),
    expiries: st.expiries,
  };
}

/** Velocity of every item of `site` that sold in the window or has stock now, busiest first. */
export async function buildVelocity(db: Kysely<Database>, site: string, opts: VelocityOptions): Promise<Velocity> {
  const { from, to } = completeDaysBefore(opts.nowMs, opts.timeZone, opts.days);
  const [sales, items, policies] = await Promise.all([
    itemSales(db, site, from, to),
    categoriesOf(db, site),
    reorderSettingsOf(db, site),
  ]);
  const weightItems = new Set([...items].filter(([, i]) => i.weightBased).map(([id]) => id));
  const stock = await stockOf(db, site, weightItems);
  const sold = new Map<string, Sold>();
  for (const s of sales) {
    const weight = weightItems.has(s.itemId) || isWeightUnit(s.unit);
    const t = sold.get(s.itemId) ?? { quantity: 0, value: 0, weight };
    t.quantity += weight ? toBaseQuantity(s.quantity, s.unit) : s.quantity;
    t.value += s.value;
    sold.set(s.itemId, t);
  }
  const ctx = {
    days: opts.days,
    today: addDays(to, 1),
    cycle: opts.cycleDays ?? 14,
    slowAfter: opts.slowAfterDays ?? 90,
  };
  const list = [...new Set([...sold.keys(), ...stock.keys()])].map((id) =>
    itemRow(
      id,
      items.get(id),
      sold.get(id) ?? { quantity: 0, value: 0, weight: weightItems.has(id) },
      stock.get(id) ?? { onHand: 0, expiries: [] },
      {
        ...ctx,
        policy: policies(id, items.get(id)?.brand ?? null),
      },
    ),
  );
  list.sort((a, b) => b.value - a.value || b.unitsPerDay - a.unitsPerDay || a.item.localeCompare(b.item));
  return { days: opts.days, site, from, to, items: list };
}

/** The purchasing CSV of a velocity report: one row per item. */
export function velocityCsv(v: Velocity): string {
  const head =
    "site,item,name,category,brand,unit,sold,units_per_day,on_hand,sell_through,days_of_supply,reorder_due,reorder_quantity,reorder_point,lead_time_days,safety_days,slow_mover,promotion_candidate,first_expiry";
  const cell = (x: string | number | boolean | null) => {
    const s = x === null ? "" : String(x);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const rows = v.items.map((i) =>
    [
      v.site,
      i.item,
      i.name,
      i.category,
      i.brand,
      i.unit,
      i.sold,
      i.unitsPerDay,
      i.onHand,
      i.sellThrough,
      i.daysOfSupply,
      i.reorder.due,
      i.reorder.quantity,
      i.reorder.point,
      i.reorder.leadTimeDays,
      i.reorder.safetyDays,
      i.slowMover,
      i.promotionCandidate,
      i.expiries[0]?.expirationDate ?? null,
    ]
      .map(cell)
      .join(","),
  );
  return [head, ...rows].join("\r\n") + "\r\n";
}
