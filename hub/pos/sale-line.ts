/**
 * The one shape every POS format is turned into: a sale line (a POS receipt line), with the
 * instant it was completed and the facility's business day it belongs to.
 */
import type { Unit } from "#contract/domain.js";
import { parseMetrcTag } from "#contract/metrc-tag.js";

/** The formats `pos import --format` takes. */
export const posFormats = ["dutchie", "flowhub", "csv"] as const;
export type PosFormat = (typeof posFormats)[number];

/** One POS receipt line, normalized. */
export interface SaleLine {
  receiptId: string;
  lineId: string;
  /** When the sale was completed: ISO-8601 instant in UTC (`…Z`). */
  completedAt: string;
  /** The facility's local calendar day of `completedAt` (YYYY-MM-DD, FACILITY_TIME_ZONE). */
  businessDay: string;
  /** METRC tag of the package sold; null when the source names only a SKU (or nothing cannabis). */
  packageLabel: string | null;
  sku: string | null;
  /** In `unit`; negative for a return. */
  quantity: number;
  /** METRC unit name. */
  unit: Unit;
  /** Line total after discounts, in dollars; negative for a return. */
  total: number;
  /** The whole receipt was voided: the line counts for nothing. */
  voided: boolean;
  /** For a return: the receipt id of the sale it returns, when the source says. */
  returnOf?: string;
  /** True when `packageLabel` was chosen by FIFO over the SKU's packages, not read from the source. */
  attributed: boolean;
  /** Where the line is in its file: spreadsheet row (header = 1) for CSV, 1-based line position for JSON. */
  row: number;
}

/** A line as a parser leaves it: the unit may wait for the package's own unit (Dutchie). */
export type DraftLine = Omit<SaleLine, "unit"> & { unit: Unit | null };

/** One bad row: its number (0 = the file as a whole) and why, in words. */
export interface RowError {
  row: number;
  reason: string;
}

/** What a parser found in a file. */
export interface ParsedFile {
  lines: DraftLine[];
  errors: RowError[];
  /** Sale lines (rows) read from the file, the skipped ones included. */
  rows: number;
}

const UNIT_NAMES: Record<string, Unit> = {
  each: "Each",
  ea: "Each",
  ct: "Each",
  count: "Each",
  unit: "Each",
  units: "Each",
  piece: "Each",
  pieces: "Each",
  grams: "Grams",
  gram: "Grams",
  g: "Grams",
  gm: "Grams",
  gr: "Grams",
  milligrams: "Milligrams",
  milligram: "Milligrams",
  mg: "Milligrams",
  kilograms: "Kilograms",
  kilogram: "Kilograms",
  kg: "Kilograms",
  ounces: "Ounces",
  ounce: "Ounces",
  oz: "Ounces",
  pounds: "Pounds",
  pound: "Pounds",
  lb: "Pounds",
  lbs: "Pounds",
};

/** METRC unit name for a name or abbreviation (`Each`, `ea`, `Grams`, `g`, …), any case; undefined when unknown. */
export function metrcUnit(raw: string): Unit | undefined {
  return UNIT_NAMES[raw.trim().toLowerCase()];
}

/** The METRC tag in `raw` (trimmed, upper case), or the reason it is not one. */
export function packageTag(raw: string): { tag: string } | { reason: string } {
  const parsed = parseMetrcTag(raw);
  return parsed.ok
    ? { tag: parsed.tag }
    : { reason: `package tag "${raw.trim().slice(0, 40)}" is not a METRC tag: ${parsed.reason}` };
}

/**
 * A money or quantity cell as exports write them: `12.5`, `-3`, `$1,234.50`, `(12.00)` for a
 * negative amount. Undefined when it is not a number.
 */
export function parseAmount(raw: string): number | undefined {
  let s = raw
    .trim()
    .replace(/[$€£\s]/g, "")
    .replace(/,(?=\d{3}(\D|$))/g, "");
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1] ?? "";
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? (negative ? -n : n) : undefined;
}

/** Money to the cent, so that sums of many lines stay exact enough to compare. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
