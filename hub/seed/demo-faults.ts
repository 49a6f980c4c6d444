/**
 * The few deliberate differences in the demo's POS file, so that reconciliation has real variances
 * to show: the state system (the simulator, seeded from the same sales) keeps the true figures, the
 * POS export carries the faults a store meets.
 *
 *   yesterday        one line's tag mistyped (one digit off: unknown-tag, and the real tag reported-not-sold)
 *   two days ago     one line's quantity one more than the state system recorded (quantity-mismatch)
 *   three days ago   a sale the state system never heard of (sold-not-reported)
 */
import { addDays, localDate } from "#contract/facility-time.js";
import type { DemoSale, DemoStore } from "./demo-store.js";

/** Which fault lands on which facility-local business day, newest first. */
export interface DemoFaults {
  /** The business days the demo reconciles, oldest first. */
  days: string[];
  mistyped: { day: string; label: string; typed: string };
  overSold: { day: string; label: string };
  unreported: { day: string; label: string };
}

/** One digit of the tag's sequence changed: a well-formed tag no package carries. */
const mistype = (label: string) => `${label.slice(0, -7)}${label.at(-7) === "8" ? "9" : "8"}${label.slice(-6)}`;

/** The faults for `store`'s history, the days before `nowMs`'s business day in `timeZone`; deterministic. */
export function demoFaults(store: DemoStore, timeZone: string, nowMs: number): DemoFaults | undefined {
  const now = localDate(nowMs, timeZone);
  const days = [3, 2, 1].map((n) => addDays(now, -n));
  const byDay = (day: string) => store.sales.filter((s) => localDate(s.at, timeZone) === day && s.lines.length > 0);
  const [d3, d2, d1] = days.map(byDay) as [DemoSale[], DemoSale[], DemoSale[]];
  if (!d3.length || !d2.length || !d1.length) return undefined;
  const soldD3 = new Set(d3.flatMap((s) => s.lines.map((l) => l.label)));
  const other = store.packages.find((p) => !soldD3.has(p.label) && p.quantity >= 1);
  if (!other) return undefined;
  const typedLabel = d1[0]!.lines[0]!.label;
  return {
    days,
    mistyped: { day: days[2]!, label: typedLabel, typed: mistype(typedLabel) },
    overSold: { day: days[1]!, label: d2[0]!.lines[0]!.label },
    unreported: { day: days[0]!, label: other.label },
  };
}

/** `store`'s sales as the POS exports them: the faults applied (and a sale added) when there are any. */
export function posSales(store: DemoStore, timeZone: string, faults: DemoFaults | undefined): DemoSale[] {
  if (!faults) return store.sales;
  let typed = false;
  let over = false;
  const sales = store.sales.map((s) => {
    const day = localDate(s.at, timeZone);
    const lines = s.lines.map((l) => {
      if (!typed && day === faults.mistyped.day && l.label === faults.mistyped.label) {
        typed = true;
        return { ...l, label: faults.mistyped.typed };
      }
      if (!over && day === faults.overSold.day && l.label === faults.overSold.label) {
        over = true;
        return { ...l, quantity: l.quantity + 1 };
      }
      return l;
    });
    return { ...s, lines };
  });
  const first = sales.find((s) => localDate(s.at, timeZone) === faults.unreported.day)!;
  const pkg = store.packages.find((p) => p.label === faults.unreported.label)!;
  const line = { label: pkg.label, itemId: pkg.itemId, quantity: 1, unit: pkg.unit, priceCents: 2500 };
  const extra: DemoSale = { ...first, receiptNumber: `${first.receiptNumber}X`, lines: [line] };
  return [...sales, extra];
}
