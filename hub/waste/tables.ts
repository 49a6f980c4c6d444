/**
 * Waste's tables (migrations/0900_waste.ts): every waste the vault recorded, with its weighing,
 * reason, method, who wasted it and who witnessed it, the door session, the ledger adjustment it
 * became and the state-system write it queued — or why the hub refused it.
 */
export interface WasteRecordsTable {
  site_id: string;
  /** The station's waste id. */
  id: string;
  /** The `waste` event it came in. */
  event_id: string;
  label: string;
  item_id: string | null;
  /** Taken out of the package, in `unit`. */
  quantity: number;
  unit: string;
  gross_grams: number;
  tare_grams: number;
  net_grams: number;
  reason: string;
  note: string | null;
  waste_method: string | null;
  employee_id: string | null;
  witness_id: string;
  station_id: string;
  door_session_id: string | null;
  /** When it was wasted at the vault (the station's time), ISO-8601. */
  at: string;
  /** "recorded" (in the ledger, queued) or "refused" (`refusal` says why; nothing changed). */
  state: string;
  refusal: string | null;
  adjustment_id: string | null;
  /** The queued AdjustmentWrite; null when refused or when the site has no state system. */
  submission_id: string | null;
  recorded_at: string;
}

/** Waste's tables, part of the hub's Database (hub/store/database.ts). */
export interface WasteTables {
  waste_records: WasteRecordsTable;
}
