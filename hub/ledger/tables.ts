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
}

/** Products (SKUs), as the catalog knows them. */
export interface ItemsTable {
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

/** METRC packages by label (tag); quantity in `unit`. */
export interface PackagesTable {
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

/** The ledger's tables, part of the hub's Database (hub/store/database.ts). */
export interface LedgerTables {
  events: EventsTable;
  items: ItemsTable;
  packages: PackagesTable;
  employees: EmployeesTable;
  stations: StationsTable;
  dead_letters: DeadLettersTable;
  audit_entries: AuditEntriesTable;
}
