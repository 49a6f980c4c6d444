/**
 * The POS month (hub/pos/month-kit.ts: 30 days around the day daylight-saving time ends, a sale at
 * 23:45 whose UTC day is the next, two sales at 01:30 on Nov 1, voids, returns) as reconciliation
 * sees it, with one seeded fault of every class and the state system's receipts of the same sales.
 *
 * Each item sells from one package (its oldest, with stock for the whole month), so that FIFO
 * attribution of Flowhub's SKU-only lines lands on the package the state system was told of; the
 * store's other packages sit in the vault. `faults` says which (day, label, class) a run must find.
 */
import type { Package } from "#contract/domain.js";
import type { FullCount, PhysicalFigure, VarianceClass } from "#hub/modules.js";
import { generatedMonth, type Month, type MonthLine } from "#hub/pos/month-kit.js";
import { demoTag } from "#hub/seed/demo-store.js";
import { localDateTime } from "#contract/facility-time.js";
import { RECON_TZ, type StateReceiptRow } from "./reconcile-kit.js";

export interface SeededFault {
  /** Null: every day from `from` on (a standing difference of the vault). */
  day: string | null;
  from?: string;
  label: string;
  class: VarianceClass;
}

export interface FaultyMonth {
  month: Month;
  /** The month as the POS file carries it: one line's tag mistyped (well formed, no such package). */
  posMonth: Month;
  days: string[];
  ledger: Package[];
  state: Array<{ label: string; quantity: number; unit: string; status: "active" | "inactive" }>;
  receipts: StateReceiptRow[];
  /** The state receipts for Flowhub's file, whose lines carry no tag to mistype. */
  flowhubReceipts: StateReceiptRow[];
  figures: PhysicalFigure[];
  fullCount: FullCount;
  receiving: { manifest: string; label: string; shipped: number; received: number; decidedAt: string };
  /** The quarantine around one sale: [label, from, to] instants. */
  hold: { label: string; from: string; to: string };
  faults: SeededFault[];
  /** The POS's mistyped tag: only formats with tags carry it. */
  mistyped: SeededFault;
}

const vault = (n: number) => demoTag(900_000 + n);

/** The store's calendar day of an instant (one formatter: building one per call costs ~1 ms). */
const storeDay = new Intl.DateTimeFormat("en-CA", { timeZone: RECON_TZ });
const localDay = (at: string) => storeDay.format(new Date(at));

/** Net quantity per "label day" (voids out). */
function netByLabelDay(lines: readonly MonthLine[]): Map<string, number> {
  const net = new Map<string, number>();
  for (const l of lines)
    if (!l.voided) net.set(`${l.label} ${localDay(l.at)}`, (net.get(`${l.label} ${localDay(l.at)}`) ?? 0) + l.quantity);
  return net;
}

function canonical(month: Month): { lines: MonthLine[]; packages: Package[] } {
  const first = new Map<string, Package>();
  for (const p of month.store.packages) if (!first.has(p.itemId)) first.set(p.itemId, p);
  const sellers = new Map(
    [...first].map(([item, p]) => [
      item,
      {
        ...p,
        quantity: 1_000_000,
        status: "active" as const,
        labState: "TestPassed" as const,
        location: "Sales Floor",
        packagedDate: "2026-01-01",
      },
    ]),
  );
  const labels = new Set([...sellers.values()].map((p) => p.label));
  return {
    lines: month.lines.map((l) => ({ ...l, label: sellers.get(l.sku)!.label })),
    packages: [...sellers.values(), ...month.store.packages.filter((p) => !labels.has(p.label))],
  };
}

function toReceipts(lines: readonly MonthLine[]): StateReceiptRow[] {
  const byReceipt = new Map<string, StateReceiptRow>();
  for (const l of lines) {
    const r = byReceipt.get(l.receiptId) ?? {
      id: `st-${l.receiptId}`,
      local: localDateTime(new Date(l.at), RECON_TZ),
      lines: [],
      voided: l.voided,
    };
    r.lines.push({ label: l.label, quantity: l.quantity, unit: l.unit, totalAmount: l.total });
    byReceipt.set(l.receiptId, r);
  }
  return [...byReceipt.values()];
}

/** A sold line of a package not used by an earlier pick, on a day with sales of it left after returns. */
function pick(
  lines: readonly MonthLine[],
  net: Map<string, number>,
  taken: Set<string>,
  n: number,
  unit?: string,
): MonthLine {
  const found = lines.filter(
    (l) =>
      !l.voided &&
      l.quantity > 0 &&
      !taken.has(l.label) &&
      (!unit || l.unit === unit) &&
      (net.get(`${l.label} ${localDay(l.at)}`) ?? 0) > 0,
  )[n]!;
  taken.add(found.label);
  return found;
}

/** The month with its faults. */
export function faultyMonth(): FaultyMonth {
  const base = generatedMonth();
  const { lines, packages } = canonical(base);
  const month: Month = { ...base, lines };
  const days = [...new Set(lines.map((l) => localDay(l.at)))].sort();
  const taken = new Set<string>();
  const net = netByLabelDay(lines);
  const notReported = pick(lines, net, taken, 100);
  const qty = pick(lines, net, taken, 900);
  const unit = pick(lines, net, taken, 1500, "Each");
  const typo = pick(lines, net, taken, 2500);
  const held = pick(lines, net, taken, 3500);
  const day = (l: MonthLine) => localDay(l.at);
  const spare = packages.find((p) => p.status === "active" && !lines.some((l) => l.label === p.label))!;
  const notReportedDay = day(notReported);

  const mistypedLabel = `${typo.label.slice(0, 20)}${typo.label[20] === "8" ? "7" : "8"}${typo.label.slice(21)}`;
  const typoIndex = lines.indexOf(typo);
  const posMonth: Month = {
    ...month,
    lines: lines.map((l, i) => (i === typoIndex ? { ...l, label: mistypedLabel } : l)),
  };

  const stateLines = (from: readonly MonthLine[]) =>
    from
      .filter((l) => !(l.label === notReported.label && day(l) === notReportedDay))
      .map((l) => (l === qty ? { ...l, quantity: l.quantity + 1 } : l))
      .map((l) => (l.label === unit.label && day(l) === day(unit) ? { ...l, unit: "Grams" as const } : l));
  const extra: StateReceiptRow = {
    id: "st-KEYED-BY-HAND",
    local: `${days[6]}T15:00:00.000`,
    lines: [{ label: spare.label, quantity: 1, unit: spare.unit, totalAmount: 30 }],
  };
  const countDay = days[12]!;
  const countedAt = `${countDay}T17:00:00.000Z`;
  const vaultOnly = [1, 2, 3, 4, 5, 6].map(vault);
  const [unknown, inactive, missing, short, over, received] = vaultOnly as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const extraPackages = vaultOnly.map((label) => ({
    ...packages[0]!,
    label,
    itemId: packages[0]!.itemId,
    quantity: 5,
    unit: "Each" as const,
    status: "active" as const,
    labState: "TestPassed" as const,
  }));
  const allLedger = [...packages, ...extraPackages];
  const receivingDay = days[20]!;
  return {
    month,
    posMonth,
    days,
    ledger: allLedger,
    state: allLedger
      .filter((p) => p.label !== unknown)
      .map((p) => ({
        label: p.label,
        quantity: p.quantity,
        unit: p.unit,
        status: p.label === inactive ? "inactive" : "active",
      })),
    // METRC refuses a receipt naming a tag it does not know: the mistyped line never reached it.
    receipts: [...toReceipts(stateLines(posMonth.lines.filter((l) => l.label !== mistypedLabel))), extra],
    flowhubReceipts: [...toReceipts(stateLines(lines)), extra],
    figures: [
      { label: short, quantity: 3, unit: "Each", countedAt, countId: "count-full" },
      { label: over, quantity: 7, unit: "Each", countedAt, countId: "count-full" },
      { label: held.label, quantity: 1_000_000, unit: held.unit, countedAt, countId: "count-full" },
    ],
    fullCount: { countId: "count-full", countedAt, labels: allLedger.map((p) => p.label).filter((l) => l !== missing) },
    receiving: {
      manifest: "0000777001",
      label: received,
      shipped: 10,
      received: 8,
      decidedAt: `${receivingDay}T18:00:00.000Z`,
    },
    hold: {
      label: held.label,
      from: new Date(Date.parse(held.at) - 60_000).toISOString(),
      to: new Date(Date.parse(held.at) + 60_000).toISOString(),
    },
    faults: [
      { day: notReportedDay, label: notReported.label, class: "sold-not-reported" },
      { day: days[6]!, label: spare.label, class: "reported-not-sold" },
      { day: day(qty), label: qty.label, class: "quantity-mismatch" },
      { day: day(unit), label: unit.label, class: "unit-mismatch" },
      { day: null, label: unknown, class: "unknown-tag" },
      { day: null, label: inactive, class: "not-in-state" },
      { day: null, from: countDay, label: missing, class: "not-in-vault" },
      { day: null, from: countDay, label: short, class: "physical-short" },
      { day: null, from: countDay, label: over, class: "physical-over" },
      { day: receivingDay, label: received, class: "receiving-mismatch" },
      { day: day(held), label: held.label, class: "sold-while-unsellable" },
    ],
    mistyped: { day: day(typo), label: mistypedLabel, class: "unknown-tag" },
  };
}

/** The (class, label) pairs a run of `day` must report, sorted. */
export function expectedOn(faults: readonly SeededFault[], day: string): string[] {
  return faults
    .filter((f) => (f.day === null ? !f.from || day >= f.from : f.day === day))
    .map((f) => `${f.class} ${f.label}`)
    .sort();
}
