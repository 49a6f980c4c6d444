import type { Logger } from "pino";
import { OpsJournal } from "../vault-kit/journal.js";
import type { WasteInput } from "./machine.js";

/** Waste's journal in STATION_DATA_DIR. */
export const WASTE_JOURNAL = "waste.journal";

/**
 * Opens `waste.journal` and returns what it holds (see OpsJournal): accepted inputs, never a PIN
 * (the witness's PIN is checked and forgotten).
 */
export function openWasteJournal(file: string, log: Logger) {
  return OpsJournal.open<WasteInput>(file, "waste journal", log);
}
