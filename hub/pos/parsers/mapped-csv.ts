/**
 * Any sales CSV through a saved column mapping (Cova, Treez and other back-office exports).
 * Times with an offset are taken as written; local wall-clock times (ISO without offset, or US
 * `M/D/YYYY h:mm AM`) are the facility's. Without a line-id column a line is numbered by its
 * place within its receipt. Pivoted reports (a column per date, as some Flowhub CSVs come) are
 * refused: they hold totals, not lines.
 */
import { localDate } from "#contract/facility-time.js";
import { instantFromExport } from "../local-day.js";
import type { ColumnMapping, MappedField } from "../mapping.js";
import { metrcUnit, packageTag, parseAmount, type DraftLine, type ParsedFile, type RowError } from "../sale-line.js";
import { readCsv, type CsvRecord } from "./csv-rows.js";
import { signProblem } from "./generic-csv.js";

const DATE_HEADER = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})$/;

function headerErrors(header: string[], mapping: ColumnMapping): RowError[] {
  const have = new Set(header.map((h) => h.toLowerCase()));
  if (header.filter((h) => DATE_HEADER.test(h)).length >= 3) {
    return [
      { row: 1, reason: "this is a pivoted report (a column per date): export the report with one row per sale line" },
    ];
  }
  const missing = Object.entries(mapping.columns)
    .filter(([, col]) => col !== undefined && !have.has(col.toLowerCase()))
    .map(([, col]) => `"${col}"`);
  return missing.length
    ? [{ row: 1, reason: `header lacks ${missing.join(", ")} named in mapping "${mapping.name}"` }]
    : [];
}

type Cell = (f: MappedField) => string;

function identity(get: Cell, problems: string[]): { tag: string | null; sku: string | null } {
  const labelCell = get("packageLabel");
  const tag = labelCell ? packageTag(labelCell) : undefined;
  if (tag && "reason" in tag) problems.push(tag.reason);
  const sku = get("sku") || null;
  if (!labelCell && !sku) problems.push("neither a package tag nor a SKU is given");
  return { tag: tag && "tag" in tag ? tag.tag : null, sku };
}

function parseRecord(
  rec: CsvRecord,
  mapping: ColumnMapping,
  timeZone: string,
  lineNo: () => string,
): DraftLine | string[] {
  const get: Cell = (f) => {
    const col = mapping.columns[f];
    return col === undefined ? "" : (rec.cells.get(col.toLowerCase()) ?? "");
  };
  const problems: string[] = [];
  const receiptId = get("receiptId");
  if (!receiptId) problems.push(`receipt id ("${mapping.columns.receiptId}") is empty`);
  const completedAt = instantFromExport(get("completedAt"), timeZone);
  if (!completedAt) problems.push(`"${get("completedAt")}" in "${mapping.columns.completedAt}" is not a date and time`);
  const { tag, sku } = identity(get, problems);
  const quantity = parseAmount(get("quantity"));
  if (quantity === undefined || quantity === 0)
    problems.push(`quantity "${get("quantity")}" is not a number other than 0`);
  const unit = mapping.columns.unit ? metrcUnit(get("unit")) : mapping.unit;
  if (!unit) problems.push(`unit "${get("unit")}" is not a METRC unit`);
  const total = mapping.columns.total ? parseAmount(get("total")) : 0;
  if (total === undefined) problems.push(`total "${get("total")}" is not an amount`);
  const sign = quantity !== undefined && total !== undefined ? signProblem(quantity, total) : undefined;
  if (sign) problems.push(sign);
  if (problems.length > 0) return problems;
  const voidedCell = get("voided").toLowerCase();
  const returnOf = get("returnOf");
  return {
    receiptId,
    lineId: get("lineId") || lineNo(),
    completedAt: completedAt!,
    businessDay: localDate(completedAt!, timeZone),
    packageLabel: tag,
    sku,
    quantity: quantity!,
    unit: unit!,
    total: total!,
    voided: voidedCell !== "" && mapping.voidedValues.some((v) => v.toLowerCase() === voidedCell),
    ...(returnOf ? { returnOf } : {}),
    attributed: false,
    row: rec.row,
  };
}

/** Parses a CSV export through `mapping`. */
export function parseMappedCsv(text: string, mapping: ColumnMapping, opts: { timeZone: string }): ParsedFile {
  const table = readCsv(text, { delimiter: mapping.delimiter });
  const errors = [...table.errors, ...headerErrors(table.header, mapping)];
  if (errors.some((e) => e.row <= 1)) return { lines: [], errors, rows: table.records.length };
  const perReceipt = new Map<string, number>();
  const lines: DraftLine[] = [];
  for (const rec of table.records) {
    const receipt = mapping.columns.receiptId ? (rec.cells.get(mapping.columns.receiptId.toLowerCase()) ?? "") : "";
    const lineNo = () => {
      const n = (perReceipt.get(receipt) ?? 0) + 1;
      perReceipt.set(receipt, n);
      return String(n);
    };
    const out = parseRecord(rec, mapping, opts.timeZone, lineNo);
    if (Array.isArray(out)) errors.push({ row: rec.row, reason: out.join("; ") });
    else lines.push(out);
  }
  return {
    lines,
    errors: errors.sort((a, b) => a.row - b.row),
    rows: table.records.length + table.errors.filter((e) => e.row > 1).length,
  };
}
