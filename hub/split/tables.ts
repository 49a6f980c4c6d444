/**
 * Package splits' tables (migrations/0950_split.ts): each bulk package the vault split into new
 * packages, what was left in it, any difference recorded with its reason, and the state-system
 * writes it queued — or why the hub refused it.
 */
export interface SplitRecordsTable {
  site_id: string;
  /** The station's split id. */
  id: string;
  event_id: string;
  source: string;
  unit: string;
  /** The ledger's quantity of the source before the split, in `unit`. */
  source_before: number;
  /** What the vault found left in the source (weighed or counted). */
  source_remaining: number;
  /** The new packages as JSON: [{label, quantity, method, weighing?}]. */
  packages: string;
  /** The difference recorded with its reason, as JSON {quantity, kind, reason, note?}, or null. */
  difference: string | null;
  employee_id: string | null;
  station_id: string;
  door_session_id: string | null;
  at: string;
  /** "recorded" or "refused" (`refusal` says why; nothing changed). */
  state: string;
  refusal: string | null;
  /** The queued package creation, and the difference's adjustment when there was one. */
  create_submission_id: string | null;
  difference_submission_id: string | null;
  recorded_at: string;
}

/** Package splits' tables, part of the hub's Database (hub/store/database.ts). */
export interface SplitTables {
  split_records: SplitRecordsTable;
}
