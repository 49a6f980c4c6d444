/**
 * Whether a counted figure is close enough to the ledger's, and what the ledger expected at the
 * moment a package was counted. Pure.
 */
import type { CountClass } from "./classing.js";
import type { CountsConfig } from "./config.js";

/** Floating-point noise, not a difference, in the package's unit. */
const NOISE = 1e-6;

/** Allowed difference, percent of expected: the class's, or the weight-counted one for a package weighed. */
export function tolerancePct(
  cls: CountClass,
  countBy: "units" | "weight",
  cfg: Pick<CountsConfig, "tolerancePct">,
): number {
  const t = cfg.tolerancePct;
  if (countBy === "weight") return t.weight;
  return cls === "A" ? t.a : cls === "B" ? t.b : t.c;
}

/** True when `counted` is within `pct` percent of `expected` (nothing expected: only zero is). */
export function withinTolerance(expected: number, counted: number, pct: number): boolean {
  if (expected <= NOISE) return Math.abs(counted) <= NOISE;
  return Math.abs(counted - expected) <= (expected * pct) / 100 + NOISE;
}

/** One sale of a package, as the POS recorded it (returns negative). */
export interface SaleAt {
  /** ISO instant the sale completed. */
  at: string;
  quantity: number;
}

/**
 * What the ledger expected on the shelf when the package was counted: the quantity in the
 * snapshot taken when the count started, less what was sold of it after the snapshot and up to
 * the count. Why: the store stays open during a cycle count, and a unit sold between the snapshot
 * and the scan is not on the shelf — it is not a shortage.
 */
export function expectedAtCount(
  snapshot: { quantity: number; at: string },
  sales: readonly SaleAt[],
  countedAt: string,
): number {
  const from = Date.parse(snapshot.at);
  const to = Date.parse(countedAt);
  let sold = 0;
  for (const s of sales) {
    const at = Date.parse(s.at);
    if (at > from && at <= to) sold += s.quantity;
  }
  return Math.round((snapshot.quantity - sold) * 1e6) / 1e6;
}
