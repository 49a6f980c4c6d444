/**
 * The receiving tables (migrations/0300_receiving, 0301_sites: every row but an applied event's
 * carries its site) as Kysely sees them; part of the hub's
 * Database (hub/store/database.ts), so one query reads them with the ledger's and the state
 * system's tables.
 */

/** open → in-progress (first line decided) → completed | rejected (the whole manifest). */
export type ReceivingStatus = "in-progress" | "completed" | "rejected";

/** One manifest the vault started verifying. */
export interface ReceivingManifestsTable {
  site_id: string;
  manifest_number: string;
  /** The station's receiving session id. */
  receiving_id: string;
  status: ReceivingStatus;
  station_id: string;
  employee_id: string | null;
  started_at: string;
  completed_at: string | null;
  /** Why the whole manifest was refused, when it was. */
  reject_reason: string | null;
  updated_at: string;
}

/** The vault's latest decision on one package of a manifest (or one scanned but not on it). */
export interface ReceivingLinesTable {
  site_id: string;
  manifest_number: string;
  label: string;
  receiving_id: string;
  decision: "accept" | "accept-corrected" | "reject";
  /** In `unit`; the corrected quantity for accept-corrected. */
  received_quantity: number;
  unit: string;
  reason: string | null;
  note: string | null;
  gross_grams: number | null;
  net_grams: number | null;
  location: string;
  /** 1 when the package was scanned but is not on the manifest. */
  unexpected: number;
  station_id: string;
  employee_id: string | null;
  /** The receive event that carried this decision. */
  event_id: string;
  /** When the station recorded it (envelope `at`). */
  decided_at: string;
}

/** Receive events already applied: replays and the start-up catch-up skip them. */
export interface ReceivingAppliedEventsTable {
  event_id: string;
  applied_at: string;
}

/** Lab results of incoming packages, read from the state system for the manifest lines. */
export interface ReceivingLabResultsTable {
  site_id: string;
  result_id: string;
  label: string;
  test_type: string;
  test_passed: number;
  overall_passed: number;
  performed_date: string | null;
  level: number | null;
  document_file_id: string | null;
}

/** When the lab results of an incoming package were last read (and the error, if that failed). */
export interface ReceivingLabChecksTable {
  site_id: string;
  label: string;
  checked_at: string;
  error: string | null;
}

/** A difference between the vault's decision and the state system's record of one package. */
export interface ReceivingFlagsTable {
  site_id: string;
  manifest_number: string;
  label: string;
  kind: FlagKind;
  /** In words, for the dashboard. */
  detail: string;
  vault_decision: string | null;
  vault_quantity: number | null;
  /** ShipmentPackageState in the state system. */
  state_state: string | null;
  state_quantity: number | null;
  flagged_at: string;
  /** Set when the difference went away (the record was corrected); null while it stands. */
  cleared_at: string | null;
}

/**
 * - `state-differs`: accepted at the vault but Rejected/Returned in the state system, or the reverse;
 * - `quantity-differs`: both accepted, received quantities differ beyond rounding;
 * - `still-shipped`: decided at the vault, still "Shipped" in the state system past the grace period.
 */
export type FlagKind = "state-differs" | "quantity-differs" | "still-shipped";

export interface ReceivingTables {
  receiving_manifests: ReceivingManifestsTable;
  receiving_lines: ReceivingLinesTable;
  receiving_applied_events: ReceivingAppliedEventsTable;
  receiving_lab_results: ReceivingLabResultsTable;
  receiving_lab_checks: ReceivingLabChecksTable;
  receiving_flags: ReceivingFlagsTable;
}
