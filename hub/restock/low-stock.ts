/**
 * Floor minimums and the low-stock check. An item's floor stock is what its active packages on
 * the sales floor hold in the ledger, less what the POS sold from them since the ledger last
 * changed each package (imports land sales without touching packages; the state system's sync
 * brings the quantities up to date later). Under its minimum, with no open request for it, the
 * hub asks for a restock up to `refill_to` itself (origin `low-stock`).
 */
import { newId } from "#contract/ids.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import { insertRequest } from "./requests.js";

/** One item's minimum with its floor stock now. */
export interface FloorStock {
  itemId: string;
  itemName: string;
  unit: string;
  minimum: number | null;
  refillTo: number | null;
  /** On the floor now, in `unit`. */
  onFloor: number;
  /** An open request asks for this item. */
  requested: boolean;
}

/** Floor stock of every item at `site` that has a minimum or is on the floor, by name. */
export async function floorStock(db: Db, site: string, floorLocation: string): Promise<FloorStock[]> {
  const items = await db
    .selectFrom("items as i")
    .leftJoin("restock_minimums as m", (j) => j.onRef("m.site_id", "=", "i.site_id").onRef("m.item_id", "=", "i.id"))
    .select(["i.id", "i.name", "i.unit", "m.minimum", "m.refill_to"])
    .where("i.site_id", "=", site)
    .orderBy("i.name")
    .execute();
  const floor = await db
    .selectFrom("packages")
    .select(["label", "item_id", "quantity", "updated_at"])
    .where("site_id", "=", site)
    .where("location", "=", floorLocation)
    .where("status", "=", "active")
    .execute();
  const sold = new Map<string, number>();
  if (floor.length > 0) {
    const since = floor.reduce((m, p) => (p.updated_at < m ? p.updated_at : m), floor[0]!.updated_at);
    const sales = await db
      .selectFrom("pos_sales")
      .select(["package_label", "quantity", "completed_at"])
      .where("site_id", "=", site)
      .where("voided", "=", 0)
      .where("completed_at", ">", since)
      .where(
        "package_label",
        "in",
        floor.map((p) => p.label),
      )
      .execute();
    const changed = new Map(floor.map((p) => [p.label, p.updated_at]));
    for (const s of sales)
      if (s.package_label && s.completed_at > (changed.get(s.package_label) ?? ""))
        sold.set(s.package_label, (sold.get(s.package_label) ?? 0) + s.quantity);
  }
  const onFloor = new Map<string, number>();
  for (const p of floor)
    onFloor.set(p.item_id, (onFloor.get(p.item_id) ?? 0) + Math.max(p.quantity - (sold.get(p.label) ?? 0), 0));
  const open = await db
    .selectFrom("restock_request_lines as l")
    .innerJoin("restock_requests as r", (j) =>
      j.onRef("r.site_id", "=", "l.site_id").onRef("r.id", "=", "l.request_id"),
    )
    .select("l.item_id")
    .where("l.site_id", "=", site)
    .where("r.status", "=", "open")
    .execute();
  const requested = new Set(open.map((o) => o.item_id));
  return items
    .filter((i) => i.minimum !== null || onFloor.has(i.id))
    .map((i) => ({
      itemId: i.id,
      itemName: i.name,
      unit: i.unit,
      minimum: i.minimum,
      refillTo: i.refill_to,
      onFloor: Math.round((onFloor.get(i.id) ?? 0) * 1000) / 1000,
      requested: requested.has(i.id),
    }));
}

/** Sets (or, with `minimum` null, removes) an item's floor minimum, with its audit entry. */
export async function setMinimum(
  db: Db,
  site: string,
  m: { itemId: string; minimum: number | null; refillTo?: number | undefined; by: string; at: string },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const item = await db
    .selectFrom("items")
    .select("id")
    .where("site_id", "=", site)
    .where("id", "=", m.itemId)
    .executeTakeFirst();
  if (!item) return { ok: false, reason: `no item ${m.itemId} in this store's catalog` };
  if (m.minimum !== null && !(m.minimum > 0)) return { ok: false, reason: "the minimum must be more than 0" };
  const refillTo = m.minimum === null ? null : (m.refillTo ?? m.minimum * 2);
  if (m.minimum !== null && refillTo !== null && refillTo < m.minimum)
    return { ok: false, reason: `restock up to ${refillTo} is under the minimum ${m.minimum}` };
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("restock_minimums").where("site_id", "=", site).where("item_id", "=", m.itemId).execute();
    if (m.minimum !== null)
      await trx
        .insertInto("restock_minimums")
        .values({
          site_id: site,
          item_id: m.itemId,
          minimum: m.minimum,
          refill_to: refillTo!,
          updated_by: m.by,
          updated_at: m.at,
        })
        .execute();
    await appendAuditIn(trx, {
      at: m.at,
      actor: m.by,
      action: "restock.minimum.set",
      subject: `item ${m.itemId}`,
      detail: { site, minimum: m.minimum, refillTo },
    });
  });
  return { ok: true };
}

/** Raises a low-stock request for each item of `site` under its minimum that no open request asks for; returns their ids. */
export async function raiseLowStock(db: Db, site: string, floorLocation: string, at: string): Promise<string[]> {
  const low = (await floorStock(db, site, floorLocation)).filter(
    (s) => s.minimum !== null && s.onFloor < s.minimum && !s.requested,
  );
  if (low.length === 0) return [];
  const id = newId();
  await inTransaction(db, async (trx) => {
    await insertRequest(trx, site, {
      id,
      origin: "low-stock",
      by: "system",
      at,
      note: `under the floor minimum: ${low.map((s) => `${s.itemName} ${s.onFloor} of ${s.minimum}`).join("; ")}`,
      lines: low.map((s) => ({ itemId: s.itemId, quantity: Math.max((s.refillTo ?? s.minimum!) - s.onFloor, 1e-3) })),
    });
    await appendAuditIn(trx, {
      at,
      actor: "system",
      action: "restock.requested",
      subject: `restock ${id}`,
      detail: {
        site,
        origin: "low-stock",
        items: low.map((s) => ({ itemId: s.itemId, onFloor: s.onFloor, minimum: s.minimum })),
      },
    });
  });
  return [id];
}
