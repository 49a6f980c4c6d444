/**
 * The reconciliation tables (migrations/0500_reconcile) as Kysely sees them; part of the hub's Database
 * (hub/store/database.ts). Every run is kept: re-running a day adds a run, the latest one is shown.
 */
/** How a run was started. */
export type RunTrigger = "schedule" | "dashboard" | "api" | "cli";

/** One reconciliation run of one site's business day. */
export interface ReconcileRunsTable {
  /** UUIDv7: sorts in the order runs were made. */
  id: string;
  site_id: string;
  /** Facility-local YYYY-MM-DD. */
  business_day: string;
  trigger: RunTrigger;
  /** Who started it: an employee id, `schedule`, `cli` or `api`. */
  actor: string;
  /** ISO-8601 UTC instants. */
  started_at: string;
  finished_at: string;
  /** `{CLASS: count}` as JSON, every class named. */
  summary: string;
  line_count: number;
}

/** One difference a run found. */
export interface ReconcileLinesTable {
  run_id: string;
  /** Position within the run (class order, then label). */
  seq: number;
  site_id: string;
  business_day: string;
  label: string;
  /** One of hub/modules.ts VarianceClass (a plain string here: the Database type imports no module services). */
  class: string;
  /** Quantities sold that day per the POS and the state system; on-hand per the ledger and the last count. */
  pos: number | null;
  state: number | null;
  ledger: number | null;
  physical: number | null;
  fix: string;
  /** The investigation the difference opened or joined; null without the investigations module. */
  case_id: string | null;
}

export interface ReconcileTables {
  reconcile_runs: ReconcileRunsTable;
  reconcile_lines: ReconcileLinesTable;
}
