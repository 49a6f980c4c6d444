/**
 * Quantities as reports add them up: items sold by weight in grams, everything else in pieces.
 * METRC's weight units convert exactly; "Each" stays a count.
 */

/** Grams in one of each METRC weight unit. */
const GRAMS: Record<string, number> = {
  Grams: 1,
  Milligrams: 0.001,
  Kilograms: 1000,
  Ounces: 28.349523125,
  Pounds: 453.59237,
};

/** True for a METRC weight unit (Grams, Milligrams, Kilograms, Ounces, Pounds). */
export function isWeightUnit(unit: string): boolean {
  return unit in GRAMS;
}

/** `quantity` of `unit` in grams for a weight unit, else the quantity as it is (pieces). */
export function toBaseQuantity(quantity: number, unit: string): number {
  return quantity * (GRAMS[unit] ?? 1);
}

/** Rounded to `places` decimals (2 unless given), with -0 as 0. */
export function round(n: number, places = 2): number {
  const f = 10 ** places;
  const r = Math.round(n * f) / f;
  return r === 0 ? 0 : r;
}
