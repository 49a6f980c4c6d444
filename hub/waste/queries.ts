import type { Db } from "#hub/store/database.js";

/** One waste as the dashboard lists it. */
export interface WasteRow {
  site: string;
  id: string;
  at: string;
  label: string;
  itemName: string | null;
  quantity: number;
  unit: string;
  netGrams: number;
  reason: string;
  note: string | null;
  wasteMethod: string | null;
  employee: string | null;
  witness: string;
  stationId: string;
  doorSessionId: string | null;
  state: "recorded" | "refused";
  refusal: string | null;
  /** The queued write's state in the submission queue (pending, sent, confirmed, failed…), null when none. */
  submission: string | null;
}

/** The newest wastes of `sites`, newest first, with who wasted and who witnessed by name. */
export async function listWastes(db: Db, sites: readonly string[], limit = 200): Promise<WasteRow[]> {
  if (sites.length === 0) return [];
  const rows = await db
    .selectFrom("waste_records as w")
    .leftJoin("employees as e", "e.id", "w.employee_id")
    .leftJoin("employees as x", "x.id", "w.witness_id")
    .leftJoin("items as i", (j) => j.onRef("i.site_id", "=", "w.site_id").onRef("i.id", "=", "w.item_id"))
    .leftJoin("ss_submissions as s", "s.id", "w.submission_id")
    .select([
      "w.site_id",
      "w.id",
      "w.at",
      "w.label",
      "i.name as item_name",
      "w.quantity",
      "w.unit",
      "w.net_grams",
      "w.reason",
      "w.note",
      "w.waste_method",
      "w.employee_id",
      "e.name as employee_name",
      "w.witness_id",
      "x.name as witness_name",
      "w.station_id",
      "w.door_session_id",
      "w.state",
      "w.refusal",
      "s.state as submission_state",
    ])
    .where("w.site_id", "in", sites)
    .orderBy("w.at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    site: r.site_id,
    id: r.id,
    at: r.at,
    label: r.label,
    itemName: r.item_name,
    quantity: Number(r.quantity),
    unit: r.unit,
    netGrams: Number(r.net_grams),
    reason: r.reason,
    note: r.note,
    wasteMethod: r.waste_method,
    employee: r.employee_name ?? r.employee_id,
    witness: r.witness_name ?? r.witness_id,
    stationId: r.station_id,
    doorSessionId: r.door_session_id,
    state: r.state === "refused" ? "refused" : "recorded",
    refusal: r.refusal,
    submission: r.submission_state ?? null,
  }));
}
