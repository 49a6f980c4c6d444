/**
 * The ledger's tables (migrations/ in this folder) as Kysely sees them. Column types are chosen
 * to mean the same on SQLite and PostgreSQL: times are ISO-8601 UTC text (sorts as time), flags
 * are 0/1 integers, JSON is text. Each module declares its own tables the same way; hub/store/
 * database.ts composes them into the one Database type.
 */
export interface EventsTable {
  /** UUIDv7 from the station envelope; stored once. */
  id: string;
  type: string;
  station_id: string;
  site_id: string;
  /** When the station saw it (ISO-8601). */
  at: string;
  employee_id: string | null;
  /** The METRC tag the event is about, for package history; null when none. */
  label: string | null;
  /** The whole envelope payload as JSON text. */
  payload: string;
  /** When the hub stored it (ISO-8601). */
  received_at: string;
  /** The audit entry covering it (migration 0010); null for events stored before the audit covered them. */
  audit_seq: number | null;
}

/** Products (SKUs), as the catalog knows them; an id is unique per site (migration 0004). */
export interface ItemsTable {
  /** The site (licence) whose catalog holds the item. */
  site_id: string;
  id: string;
  name: string;
  category: string;
  brand: string | null;
  strain: string | null;
  gtin: string | null;
  unit: string;
  weight_based: number;
  unit_weight_grams: number | null;
  container_tare_grams: number | null;
  updated_at: string;
}

/** METRC packages by site and label (tag); quantity in `unit`. */
export interface PackagesTable {
  /** The site (licence) holding the package; a label is unique per site (migration 0004). */
  site_id: string;
  label: string;
  item_id: string;
  quantity: number;
  unit: string;
  location: string;
  status: string;
  lab_state: string;
  packaged_date: string;
  expiration_date: string | null;
  batch: string | null;
  updated_at: string;
}

/** Employees with their badge and scrypt PIN hash. */
export interface EmployeesTable {
  id: string;
  name: string;
  role: string;
  badge: string;
  pin_hash: string;
  active: number;
}

/** Vault stations and what they last said about themselves. */
export interface StationsTable {
  id: string;
  /** The site the station's envelopes name (its SITE_ID). */
  site_id: string;
  online: number;
  /** Last time anything was heard from the station (ISO-8601). */
  last_seen: string;
  /** The last retained status payload as JSON text. */
  status: string;
}

/** Messages that failed validation, with topic and reason. */
export interface DeadLettersTable {
  id: string;
  topic: string;
  reason: string;
  /** The message as received (UTF-8, truncated to 64 KiB). */
  payload: string;
  received_at: string;
}

/** The hash-chained audit trail (see ledger/audit-chain.ts). */
export interface AuditEntriesTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/**
 * Where a movement or adjustment came from: a manifest, a count, the state system's sync, a catalog change, a seed,
 * a restock request, a quarantine, a waste, a package split, or an investigation's resolution.
 */
export type SourceKind =
  | "manifest"
  | "count"
  | "state-system"
  | "catalog"
  | "seed"
  | "restock"
  | "quarantine"
  | "waste"
  | "split"
  | "investigation";

/** A package's location or status changed (migration 0003): from, to, why, who, door session. */
export interface MovementsTable {
  /** UUIDv7: sorts in the order the ledger recorded them. */
  id: string;
  label: string;
  /** When it happened (the station's time for a decision at the vault), ISO-8601. */
  at: string;
  /** Null when the package entered the ledger with this movement. */
  from_location: string | null;
  from_status: string | null;
  to_location: string;
  to_status: string;
  /** The package's quantity after the movement, in `unit`. */
  quantity: number;
  unit: string;
  /** Why, in the ledger's words (`receiving.accepted`, `statesystem.status`, …). */
  reason: string;
  /** Who: an employee id, a station id, `statesystem` or `system` (as in the audit entry). */
  actor: string;
  employee_id: string | null;
  station_id: string | null;
  /** The package's site (migration 0004). */
  site_id: string;
  /** The vault door session open when a station made the move, if one was. */
  door_session_id: string | null;
  source_kind: SourceKind | null;
  /** The manifest number or count id it came from. */
  source_ref: string | null;
  /** The audit entry written with it. */
  audit_seq: number;
  recorded_at: string;
}

/** A package's quantity changed (migration 0003), with the state system's reason and a note. */
export interface AdjustmentsTable {
  id: string;
  label: string;
  at: string;
  /** In `unit`. */
  quantity_before: number;
  quantity_after: number;
  unit: string;
  /** The state system's adjustment reason (METRC's list, e.g. "Drying", "Entry Error"). */
  reason: string;
  note: string | null;
  actor: string;
  employee_id: string | null;
  station_id: string | null;
  /** The package's site (migration 0004). */
  site_id: string;
  source_kind: SourceKind | null;
  source_ref: string | null;
  audit_seq: number;
  recorded_at: string;
}

/** The ledger's tables, part of the hub's Database (hub/store/database.ts). */
export interface LedgerTables {
  events: EventsTable;
  items: ItemsTable;
  packages: PackagesTable;
  employees: EmployeesTable;
  stations: StationsTable;
  dead_letters: DeadLettersTable;
  audit_entries: AuditEntriesTable;
  movements: MovementsTable;
  adjustments: AdjustmentsTable;
}
