/**
 * The counts tables (migrations/0700_counts) as Kysely sees them; part of the hub's Database
 * (hub/store/database.ts). Times are ISO-8601 UTC text, flags 0/1, quantities double precision.
 */

/**
 * counting (first round at the station) → recount (lines out of tolerance counted again by another
 * employee) → review (waiting for the manager) → approved; cancelled from the dashboard.
 */
export type CountStatus = "counting" | "recount" | "review" | "approved" | "cancelled";

/** One count session: what was counted, when its snapshot was taken, where it stands. */
export interface CountSessionsTable {
  site_id: string;
  id: string;
  kind: "cycle" | "full" | "category";
  title: string;
  /** The category counted, for a category count. */
  category: string | null;
  /** Facility-local YYYY-MM-DD the count is for. */
  business_day: string;
  /** The station it is assigned to. */
  station_id: string | null;
  status: CountStatus;
  /** 1 for the first count; each recount asked for adds one. */
  round: number;
  /** When the ledger's quantities were copied into the lines. */
  snapshot_at: string;
  created_by: string;
  created_at: string;
  /** When the last line of the last round arrived. */
  counted_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  /** Lines within tolerance ÷ lines counted, set at approval. */
  accuracy: number | null;
  updated_at: string;
}

/** One package of a count: its snapshot, the first count, the recount, the verdict and the decision. */
export interface CountLinesTable {
  site_id: string;
  count_id: string;
  label: string;
  item_id: string | null;
  item_name: string;
  category: string;
  /** A, B or C when the count started. */
  class: string;
  location: string;
  unit: string;
  count_by: "units" | "weight";
  unit_weight_grams: number | null;
  container_tare_grams: number | null;
  /** The ledger's quantity at snapshot_at; null for a package found that the count did not list. */
  snapshot_quantity: number | null;
  /** 1 when found at the vault but not on the count's list. */
  unexpected: number;
  /** The figure that stands (the recount's once recounted), in `unit`; null until counted. */
  counted: number | null;
  counted_at: string | null;
  counted_by: string | null;
  method: string | null;
  /** 0 when the station reported it not found (counted 0). */
  found: number | null;
  gross_grams: number | null;
  tare_grams: number | null;
  /** The round whose figure stands. */
  counted_round: number | null;
  /** The first round's figure, kept when the line is recounted. */
  first_counted: number | null;
  first_counted_by: string | null;
  /** What the ledger expected when it was counted (snapshot less sales since), null when nothing was expected. */
  expected: number | null;
  /** Sold between the snapshot and the count, in `unit`. */
  sold_since_snapshot: number | null;
  within_tolerance: number | null;
  tolerance_pct: number | null;
  /** The latest round the station reported this line in (taken or refused). */
  seen_round: number | null;
  /** 1 while the line waits for a recount. */
  needs_recount: number;
  /** Why the last recount was refused (the same employee), shown on the dashboard. */
  recount_refused: string | null;
  /** The manager's decision: adjust (queued adjustment), investigate (a case), none (no difference). */
  decision: "adjust" | "investigate" | "none" | null;
  adjustment_id: string | null;
  submission_id: string | null;
  case_id: string | null;
}

/** Count events already applied: replays and duplicates change nothing. */
export interface CountAppliedEventsTable {
  event_id: string;
  applied_at: string;
}

/** The latest ABC class of each item of a site. */
export interface CountClassesTable {
  site_id: string;
  item_id: string;
  class: string;
  score: number;
  velocity: number;
  value: number;
  risk: number;
  classed_at: string;
}

export interface CountsTables {
  count_sessions: CountSessionsTable;
  count_lines: CountLinesTable;
  count_applied_events: CountAppliedEventsTable;
  count_classes: CountClassesTable;
}
