/**
 * Flowhub: the body of `GET /v1/orders/findByLocationId/{locationId}` (`{ total, orders[] }`, or
 * the orders array alone, e.g. several pages joined). Field names are Flowhub's (orders API, as
 * typed by yerba-buena/flowhub-client-ts `src/types/orders-api.ts`):
 *
 *   id (the sale), orderId, completedOn (the sales day's time), orderStatus (Sold | Pending |
 *   Cancelled, any case), voided, originalSaleId (set on a refund: the sale it refunds),
 *   itemsInCart[]: id, sku, quantity, unitOfWeight, totalPrice (cents)
 *
 * Rows are the cart lines in file order (1-based). Only sold orders are sales; pending and
 * cancelled ones are read and skipped. A public sale line carries no package tag: the import
 * attributes each line to its SKU's packages oldest first and marks it attributed.
 */
import { localDate } from "#contract/facility-time.js";
import { instantFromExport } from "../local-day.js";
import { cents, metrcUnit, type DraftLine, type ParsedFile, type RowError } from "../sale-line.js";
import { idOf, isObject, numberOf, readJson, type Json } from "./json-body.js";

interface Receipt {
  receiptId: string;
  completedAt: string;
  voided: boolean;
  returnOf: string | undefined;
}

function ordersOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (isObject(body) && Array.isArray(body.orders)) return body.orders;
  return undefined;
}

function receiptOf(o: Json, timeZone: string): Receipt | string {
  const receiptId = idOf(o.id) ?? idOf(o.orderId);
  if (!receiptId) return "order has neither id nor orderId";
  const completedAt = typeof o.completedOn === "string" ? instantFromExport(o.completedOn, timeZone) : undefined;
  if (!completedAt) return `order ${receiptId}: completedOn ${JSON.stringify(o.completedOn)} is not a date and time`;
  return { receiptId, completedAt, voided: o.voided === true, returnOf: idOf(o.originalSaleId) };
}

function lineOf(item: Json, r: Receipt, row: number, timeZone: string): DraftLine | string {
  const lineId = idOf(item.id);
  if (!lineId) return `order ${r.receiptId}: cart line has no id`;
  const problems: string[] = [];
  const sku = idOf(item.sku);
  if (!sku) problems.push("sku is empty");
  const quantity = numberOf(item.quantity);
  if (quantity === undefined || quantity === 0)
    problems.push(`quantity ${JSON.stringify(item.quantity)} is not a number other than 0`);
  const unit =
    typeof item.unitOfWeight === "string" && item.unitOfWeight !== "" ? metrcUnit(item.unitOfWeight) : "Each";
  if (!unit) problems.push(`unitOfWeight "${String(item.unitOfWeight)}" is not a METRC unit`);
  const price = numberOf(item.totalPrice);
  if (price === undefined) problems.push(`totalPrice ${JSON.stringify(item.totalPrice)} is not a number`);
  if (problems.length) return `order ${r.receiptId}, line ${lineId}: ${problems.join("; ")}`;
  const sign = r.returnOf ? -1 : 1;
  return {
    receiptId: r.receiptId,
    lineId,
    completedAt: r.completedAt,
    businessDay: localDate(r.completedAt, timeZone),
    packageLabel: null,
    sku: sku!,
    quantity: sign * Math.abs(quantity!),
    unit: unit!,
    // Flowhub prices are integer cents.
    total: cents((sign * Math.abs(price!)) / 100),
    voided: r.voided,
    ...(r.returnOf ? { returnOf: r.returnOf } : {}),
    attributed: false,
    row,
  };
}

/** Parses a Flowhub orders body; times without an offset are read in `timeZone`. */
export function parseFlowhub(text: string, opts: { timeZone: string }): ParsedFile {
  const read = readJson(text);
  if (!read.ok) return { lines: [], errors: [read.error], rows: 0 };
  const body = read.body;
  const orders = ordersOf(body);
  if (!orders)
    return {
      lines: [],
      errors: [{ row: 0, reason: "expected Flowhub's orders body ({ total, orders: [...] }) or an array of orders" }],
      rows: 0,
    };
  const lines: DraftLine[] = [];
  const errors: RowError[] = [];
  let row = 0;
  for (const o of orders) {
    const items = isObject(o) && Array.isArray(o.itemsInCart) ? o.itemsInCart : [];
    if (!isObject(o) || items.length === 0) continue;
    const status = typeof o.orderStatus === "string" ? o.orderStatus.toLowerCase() : "sold";
    const receipt = receiptOf(o, opts.timeZone);
    for (const item of items) {
      row += 1;
      if (status !== "sold") continue;
      const line =
        typeof receipt === "string"
          ? receipt
          : isObject(item)
            ? lineOf(item, receipt, row, opts.timeZone)
            : "cart line is not an object";
      if (typeof line === "string") errors.push({ row, reason: line });
      else lines.push(line);
    }
  }
  if (row === 0) errors.push({ row: 0, reason: "no order with itemsInCart in the file" });
  return { lines, errors, rows: row };
}
