/**
 * The reports' own tables (migrations/1000_reports) as Kysely sees them; part of the hub's Database
 * (hub/store/database.ts). Reports read every other module's tables and write only these (and the
 * end-of-day files in HUB_DATA_DIR/reports).
 */

/** Lead time and safety stock for reorder suggestions, per item or per vendor (the item's brand). */
export interface ReportReorderSettingsTable {
  site_id: string;
  /** `item` (ref = item id) or `vendor` (ref = the brand on the item). */
  scope: "item" | "vendor";
  ref: string;
  /** Days from order to the product on the shelf. */
  lead_time_days: number;
  /** Days of sales kept in hand on top of the lead time. */
  safety_days: number;
  updated_at: string;
  updated_by: string;
}

/** Net POS sales of one item and unit on one business day (voids out, returns subtracted): rollup.ts keeps it. */
export interface ReportItemDaysTable {
  site_id: string;
  business_day: string;
  /** The line's package's item, else its SKU. */
  item_id: string;
  unit: string;
  /** In `unit`. */
  quantity: number;
  /** Dollars. */
  value: number;
  lines: number;
}

/** The POS imports whose lines the rollup holds. */
export interface ReportRolledImportsTable {
  site_id: string;
  import_id: string;
  rolled_at: string;
}

export interface ReportsTables {
  report_reorder_settings: ReportReorderSettingsTable;
  report_item_days: ReportItemDaysTable;
  report_rolled_imports: ReportRolledImportsTable;
}
