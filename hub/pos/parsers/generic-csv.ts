/**
 * The hub's own sales CSV. Header (any column order):
 *
 *   receipt_id,line_id,completed_at,package_label,sku,quantity,unit,total,voided
 *
 * `completed_at` is ISO 8601 with its offset; `unit` a METRC unit name or abbreviation; `voided`
 * true or false; a negative quantity (and total) is a return. A row needs a package tag or a SKU.
 */
import { localDate } from "#contract/facility-time.js";
import { instantWithOffset } from "../local-day.js";
import { metrcUnit, packageTag, parseAmount, type DraftLine, type ParsedFile, type RowError } from "../sale-line.js";
import { readCsv, type CsvRecord } from "./csv-rows.js";

export const GENERIC_COLUMNS = [
  "receipt_id",
  "line_id",
  "completed_at",
  "package_label",
  "sku",
  "quantity",
  "unit",
  "total",
  "voided",
] as const;

function headerErrors(header: string[]): RowError[] {
  const have = new Set(header.map((h) => h.toLowerCase()));
  const missing = GENERIC_COLUMNS.filter((c) => !have.has(c));
  if (missing.length === 0) return [];
  const unknown = header.filter((h) => !(GENERIC_COLUMNS as readonly string[]).includes(h.toLowerCase()));
  const hint = unknown.length ? ` (unknown: ${unknown.join(", ")})` : "";
  return [{ row: 1, reason: `header lacks ${missing.join(", ")}${hint}; expected ${GENERIC_COLUMNS.join(",")}` }];
}

/** Sign check shared by the CSV formats: a sale's total is not negative, a return's not positive. */
export function signProblem(quantity: number, total: number): string | undefined {
  if (quantity > 0 && total < 0) return `total ${total} is negative on a sale (a return has a negative quantity too)`;
  if (quantity < 0 && total > 0) return `total ${total} is positive on a return (negative quantity)`;
  return undefined;
}

function parseRecord(rec: CsvRecord, timeZone: string): DraftLine | string[] {
  const get = (k: string) => rec.cells.get(k) ?? "";
  const problems: string[] = [];
  const receiptId = get("receipt_id");
  const lineId = get("line_id");
  if (!receiptId) problems.push("receipt_id is empty");
  if (!lineId) problems.push("line_id is empty");
  const completedAt = instantWithOffset(get("completed_at"));
  if (!completedAt)
    problems.push(
      `completed_at "${get("completed_at")}" is not ISO 8601 with an offset (e.g. 2026-11-01T23:30:00-08:00)`,
    );
  const labelCell = get("package_label");
  const tag = labelCell ? packageTag(labelCell) : undefined;
  if (tag && "reason" in tag) problems.push(tag.reason);
  const sku = get("sku") || null;
  if (!labelCell && !sku) problems.push("neither package_label nor sku is given");
  const quantity = parseAmount(get("quantity"));
  if (quantity === undefined || quantity === 0)
    problems.push(`quantity "${get("quantity")}" is not a number other than 0`);
  const unit = metrcUnit(get("unit"));
  if (!unit)
    problems.push(
      `unit "${get("unit")}" is not a METRC unit (Each/ea, Grams/g, Milligrams/mg, Kilograms/kg, Ounces/oz, Pounds/lb)`,
    );
  const total = parseAmount(get("total"));
  if (total === undefined) problems.push(`total "${get("total")}" is not an amount`);
  const voidedCell = get("voided").toLowerCase();
  if (voidedCell !== "true" && voidedCell !== "false")
    problems.push(`voided "${get("voided")}" is neither true nor false`);
  const sign = quantity !== undefined && total !== undefined ? signProblem(quantity, total) : undefined;
  if (sign) problems.push(sign);
  if (problems.length > 0) return problems;
  return {
    receiptId,
    lineId,
    completedAt: completedAt!,
    businessDay: localDate(completedAt!, timeZone),
    packageLabel: tag && "tag" in tag ? tag.tag : null,
    sku,
    quantity: quantity!,
    unit: unit!,
    total: total!,
    voided: voidedCell === "true",
    attributed: false,
    row: rec.row,
  };
}

/** Parses the generic sales CSV; times are read as written, business days in `timeZone`. */
export function parseGenericCsv(text: string, opts: { timeZone: string }): ParsedFile {
  const table = readCsv(text);
  const errors = [...table.errors, ...headerErrors(table.header)];
  if (errors.some((e) => e.row <= 1)) return { lines: [], errors, rows: table.records.length };
  const lines: DraftLine[] = [];
  for (const rec of table.records) {
    const out = parseRecord(rec, opts.timeZone);
    if (Array.isArray(out)) errors.push({ row: rec.row, reason: out.join("; ") });
    else lines.push(out);
  }
  return {
    lines,
    errors: errors.sort((a, b) => a.row - b.row),
    rows: table.records.length + table.errors.filter((e) => e.row > 1).length,
  };
}
