/**
 * CSV text to records with their spreadsheet row numbers (the header is row 1), on csv-parse.
 * Empty lines keep their number and are left out; a row with a different number of cells than
 * the header is reported, never shifted into the wrong columns.
 */
import { parse } from "csv-parse/sync";
import type { RowError } from "../sale-line.js";

/** One data row: its spreadsheet number and its cells by header name (trimmed, lower case). */
export interface CsvRecord {
  row: number;
  cells: Map<string, string>;
}

export interface CsvTable {
  /** Header cells as written (trimmed). */
  header: string[];
  records: CsvRecord[];
  errors: RowError[];
}

export interface CsvOptions {
  delimiter?: string;
}

function readRecords(text: string, opts: CsvOptions): string[][] | RowError {
  try {
    return parse(text, {
      bom: true,
      delimiter: opts.delimiter ?? ",",
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
  } catch (err) {
    const e = err as Error & { lines?: number };
    return { row: e.lines ?? 0, reason: `not readable as CSV: ${e.message}` };
  }
}

/** Reads a CSV file whose first row is its header. */
export function readCsv(text: string, opts: CsvOptions = {}): CsvTable {
  const all = readRecords(text, opts);
  if (!Array.isArray(all)) return { header: [], records: [], errors: [all] };
  const header = all[0] ?? [];
  if (header.every((h) => h === ""))
    return { header: [], records: [], errors: [{ row: 1, reason: "the file has no header row" }] };
  const errors: RowError[] = [];
  const records: CsvRecord[] = [];
  all.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c === "")) return;
    if (cells.length !== header.length) {
      errors.push({ row, reason: `has ${cells.length} cells where the header has ${header.length}` });
      return;
    }
    records.push({ row, cells: new Map(header.map((h, j) => [h.trim().toLowerCase(), cells[j] ?? ""])) });
  });
  return { header: header.map((h) => h.trim()), records, errors };
}
