/**
 * ABC classing of items for cycle counts. Each item gets a score from three measures, each
 * scaled 0–1 against the site's highest:
 *
 *   velocity  units sold per day (POS sales of the last `velocityDays`)
 *   value     dollars on hand (on-hand units × the average price the POS sold them at)
 *   risk      diversion risk of its category (config `risk`, 0–1 already)
 *
 *   score = (wV·velocity + wValue·value + wRisk·risk) / (wV + wValue + wRisk)
 *
 * Items sorted by score (highest first, ties by id) fill class A up to `classShares.a` percent
 * of the items, then B up to `classShares.b` percent, the rest C. Pure: no I/O.
 */
import type { CountsConfig } from "./config.js";

export type CountClass = "A" | "B" | "C";

/** What classing needs of one item. */
export interface ItemFacts {
  itemId: string;
  category: string;
  /** Units sold per day over the velocity window. */
  unitsPerDay: number;
  /** Average price of one unit at the POS, dollars (0 when never sold). */
  unitValue: number;
  /** Units on hand in the ledger, in the item's unit. */
  onHand: number;
}

/** One item's class and how it got it (each part 0–1). */
export interface ItemClass {
  itemId: string;
  class: CountClass;
  score: number;
  velocity: number;
  value: number;
  risk: number;
}

const scaled = (v: number, max: number) => (max > 0 ? v / max : 0);

/** The class of every item (see the file's head), in score order. */
export function classifyItems(
  items: readonly ItemFacts[],
  cfg: Pick<CountsConfig, "weights" | "classShares" | "risk">,
): ItemClass[] {
  const maxVelocity = Math.max(0, ...items.map((i) => i.unitsPerDay));
  const values = items.map((i) => Math.max(0, i.onHand) * i.unitValue);
  const maxValue = Math.max(0, ...values);
  const w = cfg.weights;
  const total = w.velocity + w.value + w.risk || 1;
  const scored = items.map((i, k) => {
    const velocity = scaled(i.unitsPerDay, maxVelocity);
    const value = scaled(values[k]!, maxValue);
    const risk = (cfg.risk as Record<string, number | undefined>)[i.category] ?? 0;
    const score = (w.velocity * velocity + w.value * value + w.risk * risk) / total;
    return { itemId: i.itemId, score, velocity, value, risk };
  });
  scored.sort((a, b) => b.score - a.score || a.itemId.localeCompare(b.itemId));
  const aCut = Math.round((scored.length * cfg.classShares.a) / 100);
  const bCut = aCut + Math.round((scored.length * cfg.classShares.b) / 100);
  return scored.map((s, k) => ({ ...s, class: k < aCut ? "A" : k < bCut ? "B" : "C" }));
}
