/**
 * Counting by weight: net = gross − the container's tare (the item profile's, as receiving uses
 * it, or none); a weight-based item's quantity is the net weight in its unit, a count-based one
 * with a unit weight is net ÷ unit weight, rounded to whole units. Pure.
 */
import type { CountItem } from "#contract/counting.js";

const GRAMS_PER: Record<string, number> = {
  Grams: 1,
  Milligrams: 0.001,
  Kilograms: 1000,
  Ounces: 28.349523125,
  Pounds: 453.59237,
};

/** The tare subtracted for `item` with the container chosen, grams. */
export function containerTare(item: Pick<CountItem, "containerTareGrams">, container: "profile" | "none"): number {
  return container === "profile" ? (item.containerTareGrams ?? 0) : 0;
}

/**
 * The count a net weight stands for, in the item's unit: units (whole) from the unit weight, or
 * the weight itself (two decimals); undefined when the item has neither a weight unit nor a unit weight.
 */
export function unitsFromWeight(
  item: Pick<CountItem, "unit" | "unitWeightGrams">,
  netGrams: number,
): number | undefined {
  if (item.unitWeightGrams) return Math.round(netGrams / item.unitWeightGrams);
  const per = GRAMS_PER[item.unit];
  return per === undefined ? undefined : Math.round((netGrams / per) * 100) / 100;
}
