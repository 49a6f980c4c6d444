/**
 * Weight verification on receipt: net weight (gross on the scale minus the container tare from
 * the item profile) against the quantity on the manifest, within a tolerance. Pure functions.
 */
import type { Unit } from "#contract/domain.js";
import type { ManifestLine } from "#contract/receiving.js";

/** How far a net weight may be from the shipped quantity before the line is flagged. */
export interface WeightTolerance {
  /** Relative part, percent of the shipped weight. */
  pct: number;
  /** Absolute floor, grams. */
  grams: number;
}

/**
 * ±1 % or 0.5 g, whichever is larger. Why both: on a 1 lb bag of bulk flower 1 % (4.5 g) covers
 * moisture lost in transit and the spread of container tares, while a fixed floor keeps a 3.5 g
 * eighth from being flagged over the bench scale's own division (0.01–0.1 g) plus a container that
 * is a few tenths of a gram off the item profile's tare.
 */
export const defaultWeightTolerance: WeightTolerance = { pct: 1, grams: 0.5 };

/** Grams per unit for METRC's weight units; "Each" has no weight. */
const GRAMS_PER: Partial<Record<Unit, number>> = {
  Grams: 1,
  Milligrams: 0.001,
  Kilograms: 1000,
  Ounces: 28.349523125,
  Pounds: 453.59237,
};

/** Grams in `quantity` of `unit`, or undefined for a count unit. */
export function toGrams(quantity: number, unit: Unit): number | undefined {
  const f = GRAMS_PER[unit];
  return f === undefined ? undefined : quantity * f;
}

/** `grams` expressed in `unit` (rounded to 0.01 of it), or undefined for a count unit. */
export function fromGrams(grams: number, unit: Unit): number | undefined {
  const f = GRAMS_PER[unit];
  return f === undefined ? undefined : Math.round((grams / f) * 100) / 100;
}

/** The container a package is weighed in: its tare is subtracted from the gross weight. */
export interface Container {
  /** In words for the kiosk and the note, e.g. "the item profile's container", "no container". */
  name: string;
  /** Empty weight, grams. */
  tareGrams: number;
}

/** The container the item profile names (its tare), or none when the profile gives no tare. */
export function profileContainer(line: ManifestLine): Container {
  return line.containerTareGrams
    ? { name: "the item profile's container", tareGrams: line.containerTareGrams }
    : NO_CONTAINER;
}

export const NO_CONTAINER: Container = { name: "no container", tareGrams: 0 };

/** What the kiosk offers for a weighed line: the item profile's container, none, and the vault's own (RECEIVE_CONTAINERS), each with a key. */
export function containerChoices(
  line: ManifestLine,
  configured: readonly Container[],
): Array<{ key: string; container: Container }> {
  const profile = profileContainer(line);
  return [
    ...(profile.tareGrams > 0 ? [{ key: "profile", container: profile }] : []),
    { key: "none", container: NO_CONTAINER },
    ...configured.map((c, i) => ({ key: `c${i}`, container: c })),
  ];
}

/** The outcome of weighing one manifest line. */
export interface WeightCheck {
  grossGrams: number;
  /** Gross minus container tare, grams. */
  netGrams: number;
  /** The tare subtracted, grams, and the container it is of (absent on weighings recorded before containers were named). */
  tareGrams?: number;
  container?: string;
  /** Shipped quantity in grams; undefined when the line is counted ("Each"). */
  shippedGrams?: number;
  /** Net minus shipped, grams (negative when short). */
  diffGrams?: number;
  /** Allowed difference either way, grams. */
  allowedGrams?: number;
  /** ok: within tolerance; short/over: flagged; uncomparable: the line's unit is not a weight. */
  verdict: "ok" | "short" | "over" | "uncomparable";
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Checks a gross weight from the scale against a manifest line, weighed in `container` (the item profile's by default). */
export function checkWeight(
  line: ManifestLine,
  grossGrams: number,
  tol: WeightTolerance = defaultWeightTolerance,
  container: Container = profileContainer(line),
): WeightCheck {
  const netGrams = round2(grossGrams - container.tareGrams);
  const tare = { tareGrams: container.tareGrams, container: container.name };
  const shippedGrams = toGrams(line.quantity, line.unit);
  if (shippedGrams === undefined) return { grossGrams, netGrams, ...tare, verdict: "uncomparable" };
  const allowedGrams = round2(Math.max((shippedGrams * tol.pct) / 100, tol.grams));
  const diffGrams = round2(netGrams - shippedGrams);
  const verdict = Math.abs(diffGrams) <= allowedGrams ? "ok" : diffGrams < 0 ? "short" : "over";
  return { grossGrams, netGrams, ...tare, shippedGrams: round2(shippedGrams), diffGrams, allowedGrams, verdict };
}

/** "gross 453.2 g − 212 g tare of the item profile's container", for the kiosk; empty without a tare. */
export function describeTare(w: WeightCheck): string {
  if (w.tareGrams === undefined) return `gross ${w.grossGrams} g`;
  return w.tareGrams === 0
    ? `gross ${w.grossGrams} g, no container`
    : `gross ${w.grossGrams} g − ${w.tareGrams} g tare of ${w.container}`;
}

/** "net 431.2 g against 453.6 g shipped (±4.54 g allowed)", for notes and the kiosk. */
export function describeWeight(w: WeightCheck): string {
  if (w.shippedGrams === undefined) return `net ${w.netGrams} g (gross ${w.grossGrams} g)`;
  return `net ${w.netGrams} g against ${w.shippedGrams} g shipped (±${w.allowedGrams} g allowed)`;
}
