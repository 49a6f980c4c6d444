import type { Logger } from "pino";
import { OpsJournal, type OpsEntry } from "../vault-kit/journal.js";
import type { WasteInput } from "./machine.js";

/** Waste's journal in STATION_DATA_DIR. */
export const WASTE_JOURNAL = "waste.journal";

/** One line of `waste.journal`: an accepted input (never a PIN: the witness's PIN is checked and forgotten). */
export type WasteEntry = OpsEntry<WasteInput>;

/** Opens `waste.journal` and returns what it holds (see OpsJournal). */
export function openWasteJournal(file: string, log: Logger) {
  return OpsJournal.open<WasteInput>(file, "waste journal", log);
}
