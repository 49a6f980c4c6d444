/**
 * The POS tables (migrations/0400_pos) as Kysely sees them; part of the hub's Database
 * (hub/store/database.ts), so one query reads them with the ledger's. POS sales are their own table: the import reads
 * packages (for FIFO attribution) and never writes them.
 */

/** One POS receipt line, stored once per (source, receipt, line). */
export interface PosSalesTable {
  /** `dutchie`, `flowhub`, `csv`, or `csv:<mapping name>` for a mapped export. */
  source: string;
  receipt_id: string;
  line_id: string;
  site_id: string;
  /** ISO-8601 UTC instant. */
  completed_at: string;
  /** YYYY-MM-DD in the facility's time zone. */
  business_day: string;
  package_label: string | null;
  sku: string | null;
  /** In `unit`; negative for a return. */
  quantity: number;
  unit: string;
  /** Dollars; negative for a return. */
  total: number;
  voided: number;
  return_of: string | null;
  /** 1 when package_label was chosen by FIFO over the SKU's packages. */
  attributed: number;
  /** The import that landed (or last changed) the line. */
  import_id: string;
  /** The line's row in that import's file. */
  row_number: number;
}

/** One import that landed (refused ones write nothing). */
export interface PosImportsTable {
  id: string;
  site_id: string;
  file: string;
  format: string;
  mapping: string | null;
  rows: number;
  imported: number;
  already_imported: number;
  /** SHA-256 of the file, hex. */
  file_sha256: string;
  actor: string;
  imported_at: string;
}

/** Column mappings saved in the dashboard, by name. */
export interface PosMappingsTable {
  name: string;
  /** The ColumnMapping as JSON. */
  definition: string;
  updated_at: string;
  updated_by: string;
}

export interface PosTables {
  pos_sales: PosSalesTable;
  pos_imports: PosImportsTable;
  pos_mappings: PosMappingsTable;
}
