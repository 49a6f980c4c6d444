/**
 * The state-system tables (migrations/0100_statesystem, 0101_statesystem_items_locations,
 * 0102_sites) as Kysely sees them; part of the hub's Database (hub/store/database.ts). Every row
 * carries the site (licence) whose state system it came from or goes to.
 */

/** pending → sent → confirmed | failed (→ resolved by a person, or back to pending on retry). */
export type SubmissionState = "pending" | "sent" | "confirmed" | "failed" | "resolved";

export interface SubmissionsTable {
  /** UUIDv7: sorts in the order writes were queued. */
  id: string;
  /** The site whose state system takes the write. */
  site_id: string;
  kind: string;
  label: string | null;
  /** The StateWrite as JSON. */
  payload: string;
  /** Equal for identical writes (same package, amount, reason, date, note). */
  fingerprint: string;
  state: SubmissionState;
  attempts: number;
  requested_by: string | null;
  created_at: string;
  updated_at: string;
  next_attempt_at: string;
  sent_at: string | null;
  confirmed_at: string | null;
  state_ids: string | null;
  error_code: string | null;
  error_message: string | null;
  remedy: string | null;
  remedy_owner: string | null;
  resolved_by: string | null;
}

export interface RequestLogTable {
  id: string;
  site_id: string;
  at: string;
  system: string;
  method: string;
  path: string;
  request_body: string | null;
  status: number | null;
  response_body: string | null;
  error: string | null;
  duration_ms: number;
  attempt: number;
  submission_id: string | null;
}

export interface CheckpointsTable {
  site_id: string;
  entity: string;
  checkpoint: string | null;
  last_run_at: string;
  last_error: string | null;
}

export interface StatePackagesTable {
  site_id: string;
  label: string;
  state_id: string;
  status: string;
  item_name: string;
  item_category: string | null;
  quantity: number;
  unit: string;
  location: string | null;
  lab_state: string | null;
  note: string | null;
  finished_date: string | null;
  received_from_manifest: string | null;
  last_modified: string;
  synced_at: string;
  lab_synced_at: string | null;
}

export interface TransfersTable {
  site_id: string;
  state_id: string;
  manifest_number: string;
  shipper_license: string;
  shipper_name: string;
  package_count: number;
  received_package_count: number;
  estimated_arrival: string | null;
  received_at: string | null;
  voided: number;
  last_modified: string;
}

export interface DeliveriesTable {
  site_id: string;
  state_id: string;
  transfer_id: string;
  package_count: number;
  received_package_count: number;
  received_at: string | null;
}

export interface TransferPackagesTable {
  site_id: string;
  delivery_id: string;
  label: string;
  package_state_id: string;
  item_name: string;
  item_category: string | null;
  shipped_quantity: number;
  shipped_unit: string;
  received_quantity: number | null;
  received_unit: string | null;
  state: string;
}

export interface LabResultsTable {
  site_id: string;
  result_id: string;
  package_state_id: string;
  label: string;
  test_type: string;
  test_passed: number;
  overall_passed: number;
  performed_date: string | null;
  level: number | null;
  document_file_id: string | null;
}

export interface AdjustmentReasonsTable {
  site_id: string;
  name: string;
  requires_note: number;
  requires_waste_weight: number;
}

export interface ReceiptsTable {
  site_id: string;
  state_id: string;
  external_number: string | null;
  sales_date_time: string;
  customer_type: string;
  lines: string;
  final: number;
  voided: number;
  last_modified: string;
}

export interface StateItemsTable {
  site_id: string;
  state_id: string;
  name: string;
  category: string | null;
  unit: string | null;
  quantity_type: string | null;
  strain: string | null;
  synced_at: string;
}

export interface StateLocationsTable {
  site_id: string;
  state_id: string;
  name: string;
  type: string | null;
  synced_at: string;
}

export interface StateSystemTables {
  ss_items: StateItemsTable;
  ss_locations: StateLocationsTable;
  ss_submissions: SubmissionsTable;
  ss_request_log: RequestLogTable;
  ss_request_log_labels: { label: string; request_id: string };
  ss_checkpoints: CheckpointsTable;
  ss_packages: StatePackagesTable;
  ss_transfers: TransfersTable;
  ss_deliveries: DeliveriesTable;
  ss_transfer_packages: TransferPackagesTable;
  ss_lab_results: LabResultsTable;
  ss_adjustment_reasons: AdjustmentReasonsTable;
  ss_receipts: ReceiptsTable;
}
