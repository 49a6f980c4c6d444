/**
 * The restock tables (migrations/0800_restock) as Kysely sees them; part of the hub's Database
 * (hub/store/database.ts). A request asks for items; its picks are the packages the vault took to
 * the sales floor for it (each also a movement in the ledger, `why` "restock.pick").
 */

/** open → completed (the coordinator finished it at the kiosk) | cancelled (on the dashboard). */
export type RestockStatus = "open" | "completed" | "cancelled";

export interface RestockRequestsTable {
  site_id: string;
  /** The request id (the kiosk's, or the hub's for the dashboard and the low-stock check). */
  id: string;
  origin: "kiosk" | "dashboard" | "low-stock";
  status: RestockStatus;
  /** Employee id of who asked; `system` for the low-stock check. */
  requested_by: string;
  requested_at: string;
  station_id: string | null;
  note: string | null;
  closed_at: string | null;
  closed_by: string | null;
  updated_at: string;
}

/** One item of a request: how much was asked, in the item's unit. */
export interface RestockRequestLinesTable {
  site_id: string;
  request_id: string;
  item_id: string;
  quantity: number;
  unit: string;
}

/** One package taken to the floor for a request. */
export interface RestockPicksTable {
  site_id: string;
  request_id: string;
  label: string;
  item_id: string;
  from_location: string;
  to_location: string;
  /** In `unit`: the package's whole quantity (packages move whole). */
  quantity: number;
  unit: string;
  /** The list's first package of the item when another was taken instead, and why. */
  expected_label: string | null;
  override_reason: string | null;
  employee_id: string | null;
  station_id: string | null;
  event_id: string;
  picked_at: string;
  /** The submission queue's id of the location change; null until it is queued. */
  submission_id: string | null;
}

/** The floor minimum of one item: under it the hub asks for a restock up to `refill_to`. */
export interface RestockMinimumsTable {
  site_id: string;
  item_id: string;
  /** In the item's unit. */
  minimum: number;
  refill_to: number;
  updated_by: string;
  updated_at: string;
}

/** Restock and quarantine events already applied: replays and the start-up catch-up skip them. */
export interface RestockAppliedEventsTable {
  event_id: string;
  applied_at: string;
}

export interface RestockTables {
  restock_requests: RestockRequestsTable;
  restock_request_lines: RestockRequestLinesTable;
  restock_picks: RestockPicksTable;
  restock_minimums: RestockMinimumsTable;
  restock_applied_events: RestockAppliedEventsTable;
}
