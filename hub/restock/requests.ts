/**
 * Restock requests in the ledger: writing a request with its lines, reading the open ones with
 * what each still needs and its pick list (computed afresh from the vault each time, so a package
 * moved, sold or quarantined since drops off), closing them.
 */
import type { Unit } from "#contract/domain.js";
import type { RestockRequest } from "#contract/restock.js";
import type { Db } from "#hub/store/database.js";
import { pickable, pickLine, type FloorPlaces, type ItemNeed } from "./pick-list.js";
import type { RestockRequestsTable, RestockStatus } from "./tables.js";

export interface NewRequest {
  id: string;
  origin: RestockRequestsTable["origin"];
  /** Employee id, or `system`. */
  by: string;
  at: string;
  stationId?: string | null;
  note?: string | null;
  lines: ReadonlyArray<{ itemId: string; quantity: number }>;
}

/** Why a request was not written, for the person who asked. */
export type AskRefusal = { ok: false; reason: string };

/** Writes a request whose items all exist at `site`; a request id already written changes nothing. */
export async function insertRequest(
  db: Db,
  site: string,
  r: NewRequest,
): Promise<{ ok: true; created: boolean } | AskRefusal> {
  if (r.lines.length === 0) return { ok: false, reason: "a restock request needs at least one item" };
  const ids = [...new Set(r.lines.map((l) => l.itemId))];
  if (ids.length < r.lines.length) return { ok: false, reason: "an item is asked for twice: give it once" };
  const items = await db
    .selectFrom("items")
    .select(["id", "unit"])
    .where("site_id", "=", site)
    .where("id", "in", ids)
    .execute();
  const unit = new Map(items.map((i) => [i.id, i.unit]));
  const unknown = ids.filter((id) => !unit.has(id));
  if (unknown.length > 0) return { ok: false, reason: `no item ${unknown.join(", ")} in this store's catalog` };
  const bad = r.lines.find((l) => !(l.quantity > 0) || !Number.isFinite(l.quantity));
  if (bad) return { ok: false, reason: `the quantity of ${bad.itemId} must be more than 0` };
  const known = await db
    .selectFrom("restock_requests")
    .select("id")
    .where("site_id", "=", site)
    .where("id", "=", r.id)
    .executeTakeFirst();
  if (known) return { ok: true, created: false };
  await db
    .insertInto("restock_requests")
    .values({
      site_id: site,
      id: r.id,
      origin: r.origin,
      status: "open",
      requested_by: r.by,
      requested_at: r.at,
      station_id: r.stationId ?? null,
      note: r.note ?? null,
      closed_at: null,
      closed_by: null,
      updated_at: r.at,
    })
    .execute();
  await db
    .insertInto("restock_request_lines")
    .values(
      r.lines.map((l) => ({
        site_id: site,
        request_id: r.id,
        item_id: l.itemId,
        quantity: l.quantity,
        unit: unit.get(l.itemId)!,
      })),
    )
    .execute();
  return { ok: true, created: true };
}

/** Closes an open request; false when it is not open (any more). */
export async function closeRequest(
  db: Db,
  site: string,
  id: string,
  to: Exclude<RestockStatus, "open">,
  by: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable("restock_requests")
    .set({ status: to, closed_at: at, closed_by: by, updated_at: at })
    .where("site_id", "=", site)
    .where("id", "=", id)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function requestRow(db: Db, site: string, id: string) {
  return db
    .selectFrom("restock_requests")
    .selectAll()
    .where("site_id", "=", site)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** One open request as the dashboard lists it and the kiosk gets it, with what was picked so far. */
export interface OpenRequest {
  request: RestockRequest;
  requestedById: string;
  picked: Array<{ label: string; itemId: string; quantity: number; unit: string; overrideReason: string | null }>;
}

/**
 * The site's open requests, oldest first, each with the pick list of what it still needs. A package
 * on an older request's list is not offered to a younger one.
 */
export async function openRequests(db: Db, site: string, places: FloorPlaces): Promise<OpenRequest[]> {
  const reqs = await db
    .selectFrom("restock_requests as r")
    .leftJoin("employees as e", "e.id", "r.requested_by")
    .select(["r.id", "r.origin", "r.requested_by", "r.requested_at", "r.note", "e.name as requester"])
    .where("r.site_id", "=", site)
    .where("r.status", "=", "open")
    .orderBy("r.requested_at")
    .orderBy("r.id")
    .execute();
  if (reqs.length === 0) return [];
  const ids = reqs.map((r) => r.id);
  const lines = await db
    .selectFrom("restock_request_lines as l")
    .innerJoin("items as i", (j) => j.onRef("i.site_id", "=", "l.site_id").onRef("i.id", "=", "l.item_id"))
    .select(["l.request_id", "l.item_id", "l.quantity", "l.unit", "i.name"])
    .where("l.site_id", "=", site)
    .where("l.request_id", "in", ids)
    .orderBy("i.name")
    .execute();
  const picks = await db
    .selectFrom("restock_picks")
    .select(["request_id", "label", "item_id", "quantity", "unit", "override_reason"])
    .where("site_id", "=", site)
    .where("request_id", "in", ids)
    .orderBy("picked_at")
    .execute();
  const candidates = await pickable(
    db,
    site,
    lines.map((l) => l.item_id),
    places,
  );
  const taken = new Set<string>();
  return reqs.map((r) => {
    const mine = picks.filter((p) => p.request_id === r.id);
    const needs: ItemNeed[] = lines
      .filter((l) => l.request_id === r.id)
      .map((l) => ({
        itemId: l.item_id,
        itemName: l.name,
        quantity: l.quantity,
        unit: l.unit as Unit,
      }));
    const restockLines = needs.map((n) => {
      const done = mine.filter((p) => p.item_id === n.itemId).reduce((s, p) => s + p.quantity, 0);
      const line = pickLine({ ...n, quantity: Math.max(n.quantity - done, 0) }, candidates, taken);
      for (const p of line.picks) taken.add(p.label);
      return { ...line, quantity: n.quantity };
    });
    return {
      requestedById: r.requested_by,
      picked: mine.map((p) => ({
        label: p.label,
        itemId: p.item_id,
        quantity: p.quantity,
        unit: p.unit,
        overrideReason: p.override_reason,
      })),
      request: {
        requestId: r.id,
        origin: r.origin,
        requestedBy: r.origin === "low-stock" ? "low stock" : (r.requester ?? r.requested_by),
        requestedAt: new Date(r.requested_at).toISOString(),
        toLocation: places.floorLocation,
        lines: restockLines,
        ...(r.note ? { note: r.note } : {}),
      },
    };
  });
}
