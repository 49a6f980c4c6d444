import type { Db } from "#hub/store/database.js";
import type { HoldStatus } from "./tables.js";

/** One hold as the dashboard lists it. */
export interface HoldView {
  site: string;
  holdId: string;
  label: string;
  itemName: string | null;
  reason: string;
  note: string | null;
  location: string;
  fromLocation: string;
  status: HoldStatus;
  heldBy: string;
  heldAt: string;
  releaseAskedBy: string | null;
  releaseAskedAt: string | null;
  releaseNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  releasedTo: string | null;
}

/** The holds of `sites` still in quarantine (and, with `released`, the last 50 released), newest first; names for ids. */
export async function listHolds(
  db: Db,
  sites: readonly string[],
  opts: { released?: boolean } = {},
): Promise<HoldView[]> {
  if (sites.length === 0) return [];
  let q = db
    .selectFrom("quarantine_holds as h")
    .leftJoin("packages as p", (j) => j.onRef("p.site_id", "=", "h.site_id").onRef("p.label", "=", "h.label"))
    .leftJoin("items as i", (j) => j.onRef("i.site_id", "=", "p.site_id").onRef("i.id", "=", "p.item_id"))
    .leftJoin("employees as eh", "eh.id", "h.held_by")
    .leftJoin("employees as ea", "ea.id", "h.release_asked_by")
    .leftJoin("employees as ed", "ed.id", "h.decided_by")
    .selectAll("h")
    .select(["i.name as item_name", "eh.name as held_name", "ea.name as asked_name", "ed.name as decided_name"])
    .where("h.site_id", "in", [...sites]);
  q = opts.released ? q.where("h.status", "=", "released").limit(50) : q.where("h.status", "!=", "released");
  const rows = await q.orderBy("h.updated_at", "desc").execute();
  return rows.map((r) => ({
    site: r.site_id,
    holdId: r.id,
    label: r.label,
    itemName: r.item_name,
    reason: r.reason,
    note: r.note,
    location: r.location,
    fromLocation: r.from_location,
    status: r.status,
    heldBy: r.held_name ?? r.held_by,
    heldAt: r.held_at,
    releaseAskedBy: r.asked_name ?? r.release_asked_by,
    releaseAskedAt: r.release_asked_at,
    releaseNote: r.release_note,
    decidedBy: r.decided_name ?? r.decided_by,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    releasedTo: r.released_to,
  }));
}
