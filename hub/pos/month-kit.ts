/**
 * A generated month of sales (the demo store's 30 days around the day daylight-saving time ends,
 * 2026-11-01 in Oakland) written out in every format the hub imports, for the month tests. On top
 * of the demo's receipts: a sale at 23:45 on Oct 31 (UTC is already Nov 1), two sales at 01:30 on
 * Nov 1 (daylight time, then standard time an hour later), every 40th receipt voided, and every
 * 50th returned two days later. `mistype` drops a character from one line's tag.
 */
import type { Package } from "#contract/domain.js";
import { demoStore, type DemoStore } from "#hub/seed/demo-store.js";
import { localDateTime } from "#contract/facility-time.js";

export const MONTH_TZ = "America/Los_Angeles";

export interface MonthLine {
  receiptId: string;
  /** 1-based within the receipt. */
  lineNo: number;
  /** ISO instant. */
  at: string;
  label: string;
  sku: string;
  quantity: number;
  unit: Package["unit"];
  /** Dollars; negative with the quantity for a return. */
  total: number;
  voided: boolean;
  returnOf?: string;
}

export interface Month {
  store: DemoStore;
  lines: MonthLine[];
}

const EXTRA: Array<{ receiptId: string; at: string }> = [
  { receiptId: "LATE-1031", at: "2026-11-01T06:45:00.000Z" },
  { receiptId: "DST-PDT-0130", at: "2026-11-01T08:30:00.000Z" },
  { receiptId: "DST-PST-0130", at: "2026-11-01T09:30:00.000Z" },
];

/** The month, in time order. */
export function generatedMonth(): Month {
  const store = demoStore({ now: new Date("2026-11-16T12:00:00Z"), days: 30 });
  const sales = [
    ...store.sales,
    ...EXTRA.map((e, i) => ({
      receiptNumber: e.receiptId,
      at: e.at,
      budtenderId: "emp-003",
      lines: [store.sales[i]!.lines[0]!],
    })),
  ];
  const lines: MonthLine[] = [];
  sales.forEach((s, i) => {
    const voided = i < store.sales.length && i % 40 === 39;
    // The demo numbers receipts by UTC day and place within the store's day, so an evening sale's
    // number can repeat the next day's: the index keeps them apart here.
    const receiptId = i < store.sales.length ? `${s.receiptNumber}-${i}` : s.receiptNumber;
    s.lines.forEach((l, j) =>
      lines.push({
        receiptId,
        lineNo: j + 1,
        at: s.at,
        label: l.label,
        sku: l.itemId,
        quantity: l.quantity,
        unit: l.unit,
        total: l.priceCents / 100,
        voided,
      }),
    );
    if (i % 50 === 49 && !voided) {
      const l = s.lines[0]!;
      const at = new Date(Date.parse(s.at) + 2 * 86_400_000).toISOString();
      lines.push({
        receiptId: `${receiptId}-RET`,
        lineNo: 1,
        at,
        label: l.label,
        sku: l.itemId,
        quantity: -l.quantity,
        unit: l.unit,
        total: -l.priceCents / 100,
        voided: false,
        returnOf: receiptId,
      });
    }
  });
  lines.sort((a, b) => a.at.localeCompare(b.at) || a.receiptId.localeCompare(b.receiptId) || a.lineNo - b.lineNo);
  return { store, lines };
}

/** The line with a 23-character tag (the index of the line whose tag lost a character). */
export function mistype(month: Month, index: number): Month {
  return {
    ...month,
    lines: month.lines.map((l, i) => (i === index ? { ...l, label: l.label.slice(0, 20) + l.label.slice(21) } : l)),
  };
}

/** The store's calendar day of an instant, read independently of the import's code. */
export function localDay(at: string): string {
  return new Date(at).toLocaleDateString("en-CA", { timeZone: MONTH_TZ });
}

/** Net quantity per business day and key (tag or SKU), voids left out. */
export function expectedNet(month: Month, key: "label" | "sku"): Map<string, Map<string, number>> {
  const byDay = new Map<string, Map<string, number>>();
  for (const l of month.lines) {
    if (l.voided) continue;
    const day = byDay.get(localDay(l.at)) ?? new Map<string, number>();
    day.set(l[key], Math.round(((day.get(l[key]) ?? 0) + l.quantity) * 1e6) / 1e6);
    byDay.set(localDay(l.at), day);
  }
  return byDay;
}

function withOffset(at: string): string {
  const wall = localDateTime(new Date(at), MONTH_TZ).slice(0, 19);
  const minutes = Math.round((Date.parse(`${wall}Z`) - Date.parse(at)) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The Vaultline sales CSV. */
export function toGenericCsv(month: Month): string {
  const rows = month.lines.map((l) =>
    [
      l.receiptId,
      l.lineNo,
      withOffset(l.at),
      l.label,
      l.sku,
      l.quantity,
      l.unit === "Grams" ? "g" : "ea",
      l.total.toFixed(2),
      l.voided,
    ].join(","),
  );
  return ["receipt_id,line_id,completed_at,package_label,sku,quantity,unit,total,voided", ...rows].join("\r\n");
}

function byReceipt(month: Month): MonthLine[][] {
  const groups = new Map<string, MonthLine[]>();
  for (const l of month.lines) groups.set(l.receiptId, [...(groups.get(l.receiptId) ?? []), l]);
  return [...groups.values()];
}

/** Dutchie's numeric transactionId of each receipt. */
export function dutchieIds(month: Month): Map<string, number> {
  return new Map(byReceipt(month).map((g, i) => [g[0]!.receiptId, 700_000 + i]));
}

/** Dutchie's /reporting/transactions body (numeric ids, UTC without Z, as Dutchie writes them). */
export function toDutchie(month: Month): string {
  const ids = dutchieIds(month);
  let item = 0;
  const transactions = byReceipt(month).map((g) => {
    const first = g[0]!;
    return {
      transactionId: ids.get(first.receiptId),
      transactionDate: first.at.slice(0, 19),
      transactionDateLocalTime: localDateTime(new Date(first.at), MONTH_TZ),
      transactionType: "Retail",
      isVoid: first.voided,
      isReturn: first.returnOf !== undefined,
      ...(first.returnOf ? { returnOnTransactionId: ids.get(first.returnOf) } : {}),
      items: g.map((l) => ({
        transactionItemId: ++item,
        packageId: l.label,
        productId: l.sku,
        quantity: Math.abs(l.quantity),
        totalPrice: Math.abs(l.total),
        totalDiscount: 0,
      })),
    };
  });
  return JSON.stringify(transactions);
}

/** Flowhub's orders body: lines carry the SKU, no tag; prices in cents. */
export function toFlowhub(month: Month): string {
  const orders = byReceipt(month).map((g) => {
    const first = g[0]!;
    return {
      id: first.receiptId,
      orderId: first.receiptId,
      completedOn: first.at,
      orderStatus: "sold",
      voided: first.voided,
      originalSaleId: first.returnOf ?? "",
      itemsInCart: g.map((l) => ({
        id: `${l.receiptId}-${l.lineNo}`,
        sku: l.sku,
        quantity: Math.abs(l.quantity),
        unitOfWeight: l.unit,
        totalPrice: Math.round(Math.abs(l.total) * 100),
      })),
    };
  });
  return JSON.stringify({ total: orders.length, orders });
}

function usLocal(at: string): string {
  const wall = localDateTime(new Date(at), MONTH_TZ);
  const [y, mo, d] = wall.slice(0, 10).split("-").map(Number);
  const h = Number(wall.slice(11, 13));
  return `${mo}/${d}/${y} ${h % 12 === 0 ? 12 : h % 12}:${wall.slice(14, 16)}:${wall.slice(17, 19)} ${h < 12 ? "AM" : "PM"}`;
}

/** A Cova-style export read through fixtures/cova-mapping.json (store-local US times, no line ids). */
export function toCovaCsv(month: Month): string {
  const rows = month.lines.map((l) =>
    [
      l.receiptId,
      usLocal(l.at),
      l.label,
      l.sku,
      l.quantity,
      l.unit,
      l.total < 0 ? `($${(-l.total).toFixed(2)})` : `$${l.total.toFixed(2)}`,
      l.voided ? "Voided" : "Completed",
    ].join(","),
  );
  return ["Receipt Number,Sold At,Package Tag,SKU,Qty,UOM,Net Sales,Status", ...rows].join("\n");
}
