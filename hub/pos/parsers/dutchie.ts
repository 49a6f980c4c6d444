/**
 * Dutchie POS: the JSON body of `GET /reporting/transactions?IncludeDetail=true`, an array of
 * Transaction, each with its `items` (TransactionItem). Field names are Dutchie's (Dutchie Point of
 * Sale API OpenAPI v1.0.0):
 *
 *   transactionId, transactionDate (UTC) | transactionDateLocalTime (store time, no offset),
 *   isVoid, isReturn + returnOnTransactionId, transactionType (only Retail is a sale),
 *   items[]: transactionItemId, packageId (the METRC tag), productId, quantity, totalPrice,
 *            totalDiscount, isCoupon
 *
 * Rows are the items in file order (1-based). A return is its own transaction: its lines are
 * negative. Coupons and non-Retail transactions (Transfer, WholesaleOrder) are read and skipped.
 * An item without a package tag (an accessory) keeps its productId as SKU. Quantity is pieces or
 * grams by product, so the unit is the package's own (filled in by the import from the ledger).
 */
import { localDate } from "#contract/facility-time.js";
import { instantFromExport } from "../local-day.js";
import { cents, packageTag, type DraftLine, type ParsedFile, type RowError } from "../sale-line.js";
import { idOf, isObject, numberOf, readJson, type Json } from "./json-body.js";

interface Receipt {
  receiptId: string;
  completedAt: string;
  voided: boolean;
  isReturn: boolean;
  returnOf: string | undefined;
}

function receiptOf(t: Json, timeZone: string): Receipt | string {
  const receiptId = idOf(t.transactionId);
  if (!receiptId) return "transaction has no transactionId";
  // transactionDate is UTC; Dutchie writes it with or without the Z.
  const utc = typeof t.transactionDate === "string" ? instantFromExport(t.transactionDate, "UTC") : undefined;
  const local =
    typeof t.transactionDateLocalTime === "string"
      ? instantFromExport(t.transactionDateLocalTime, timeZone)
      : undefined;
  const completedAt = utc ?? local;
  if (!completedAt) return `transaction ${receiptId} has no readable transactionDate or transactionDateLocalTime`;
  const isReturn = t.isReturn === true;
  const returnOf = idOf(t.returnOnTransactionId);
  return { receiptId, completedAt, voided: t.isVoid === true, isReturn, returnOf: isReturn ? returnOf : undefined };
}

function lineOf(item: Json, r: Receipt, row: number, timeZone: string): DraftLine | string {
  const where = `transaction ${r.receiptId}`;
  const lineId = idOf(item.transactionItemId);
  if (!lineId) return `${where}: item has no transactionItemId`;
  const problems: string[] = [];
  const rawTag = typeof item.packageId === "string" ? item.packageId.trim() : "";
  const tag = rawTag ? packageTag(rawTag) : undefined;
  if (tag && "reason" in tag) problems.push(tag.reason);
  const sku = idOf(item.productId) ?? null;
  if (!rawTag && !sku) problems.push("item has neither packageId nor productId");
  const quantity = numberOf(item.quantity);
  if (quantity === undefined || quantity === 0)
    problems.push(`quantity ${JSON.stringify(item.quantity)} is not a number other than 0`);
  const price = numberOf(item.totalPrice);
  if (price === undefined) problems.push(`totalPrice ${JSON.stringify(item.totalPrice)} is not a number`);
  if (problems.length) return `${where}, item ${lineId}: ${problems.join("; ")}`;
  const sign = r.isReturn ? -1 : 1;
  const net = Math.abs(price! - (numberOf(item.totalDiscount) ?? 0));
  return {
    receiptId: r.receiptId,
    lineId,
    completedAt: r.completedAt,
    businessDay: localDate(r.completedAt, timeZone),
    packageLabel: tag && "tag" in tag ? tag.tag : null,
    sku,
    quantity: sign * Math.abs(quantity!),
    unit: null,
    total: cents(sign * net),
    voided: r.voided,
    ...(r.returnOf ? { returnOf: r.returnOf } : {}),
    attributed: false,
    row,
  };
}

/** Parses a Dutchie transactions body; local times are read in `timeZone`. */
export function parseDutchie(text: string, opts: { timeZone: string }): ParsedFile {
  const read = readJson(text);
  if (!read.ok) return { lines: [], errors: [read.error], rows: 0 };
  const body = read.body;
  if (!Array.isArray(body))
    return {
      lines: [],
      errors: [{ row: 0, reason: "expected the JSON array of transactions that /reporting/transactions returns" }],
      rows: 0,
    };
  const lines: DraftLine[] = [];
  const errors: RowError[] = [];
  let row = 0;
  for (const t of body) {
    const items = isObject(t) && Array.isArray(t.items) ? t.items : [];
    if (!isObject(t) || items.length === 0) continue;
    const receipt = receiptOf(t, opts.timeZone);
    const sale = t.transactionType === undefined || t.transactionType === "Retail";
    for (const item of items) {
      row += 1;
      if (!sale || (isObject(item) && item.isCoupon === true)) continue;
      const line =
        typeof receipt === "string"
          ? receipt
          : isObject(item)
            ? lineOf(item, receipt, row, opts.timeZone)
            : "item is not an object";
      if (typeof line === "string") errors.push({ row, reason: line });
      else lines.push(line);
    }
  }
  if (row === 0)
    errors.push({ row: 0, reason: "no transaction with items: was the body fetched with IncludeDetail=true?" });
  return { lines, errors, rows: row };
}
