import type { SplitPackage } from "#contract/vault-ops.js";
import type { Db } from "#hub/store/database.js";

/** One package split as the dashboard lists it. */
export interface SplitRow {
  site: string;
  id: string;
  at: string;
  source: string;
  itemName: string | null;
  unit: string;
  sourceBefore: number;
  sourceRemaining: number;
  packages: SplitPackage[];
  difference: { quantity: number; kind: string; reason: string; note?: string } | null;
  employee: string | null;
  stationId: string;
  doorSessionId: string | null;
  state: "recorded" | "refused";
  refusal: string | null;
  /** The queued package creation's state (pending, sent, confirmed, failed…), null when none. */
  creation: string | null;
}

/** The newest splits of `sites`, newest first. */
export async function listSplits(db: Db, sites: readonly string[], limit = 100): Promise<SplitRow[]> {
  if (sites.length === 0) return [];
  const rows = await db
    .selectFrom("split_records as r")
    .leftJoin("employees as e", "e.id", "r.employee_id")
    .leftJoin("packages as p", (j) => j.onRef("p.site_id", "=", "r.site_id").onRef("p.label", "=", "r.source"))
    .leftJoin("items as i", (j) => j.onRef("i.site_id", "=", "p.site_id").onRef("i.id", "=", "p.item_id"))
    .leftJoin("ss_submissions as s", "s.id", "r.create_submission_id")
    .selectAll("r")
    .select(["e.name as employee_name", "i.name as item_name", "s.state as creation_state"])
    .where("r.site_id", "in", sites)
    .orderBy("r.at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    site: r.site_id,
    id: r.id,
    at: r.at,
    source: r.source,
    itemName: r.item_name,
    unit: r.unit,
    sourceBefore: Number(r.source_before),
    sourceRemaining: Number(r.source_remaining),
    packages: JSON.parse(r.packages) as SplitPackage[],
    difference: r.difference ? (JSON.parse(r.difference) as SplitRow["difference"]) : null,
    employee: r.employee_name ?? r.employee_id,
    stationId: r.station_id,
    doorSessionId: r.door_session_id,
    state: r.state === "refused" ? "refused" : "recorded",
    refusal: r.refusal,
    creation: r.creation_state ?? null,
  }));
}
