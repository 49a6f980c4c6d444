/**
 * Exact unit conversion for scale readings. Values are parsed as decimal strings into integers
 * and multiplied by exact integer factors, so "0.35 lb" becomes 158.757 g with no binary float
 * drift; the result is rounded once, to the microgram.
 */

/** Weighing units a scale may report. "ct" is the metric carat (200 mg). */
export const scaleUnits = ["g", "kg", "mg", "oz", "lb", "ct"] as const;
export type ScaleUnit = (typeof scaleUnits)[number];

/** Nanograms per unit; avoirdupois factors are exact by definition (1 lb = 453.59237 g). */
const NANOGRAMS: Record<ScaleUnit, bigint> = {
  mg: 1_000_000n,
  g: 1_000_000_000n,
  kg: 1_000_000_000_000n,
  ct: 200_000_000n,
  oz: 28_349_523_125n,
  lb: 453_592_370_000n,
};

/** Normalises a unit token from the wire ("  g", "KG", "lbs") or returns undefined. */
export function parseUnit(token: string): ScaleUnit | undefined {
  const t = token.trim().toLowerCase();
  if (t === "lbs") return "lb";
  if (t === "gm") return "g";
  return (scaleUnits as readonly string[]).includes(t) ? (t as ScaleUnit) : undefined;
}

/**
 * Converts a decimal string in `unit` to grams, rounded to 1 µg.
 * @returns undefined when `value` is not a plain decimal number.
 */
export function toGrams(value: string, unit: ScaleUnit): number | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const decimals = m[3] ?? "";
  const mantissa = BigInt(`${m[2] || "0"}${decimals}`);
  const scale = 10n ** BigInt(decimals.length);
  const nanograms = mantissa * NANOGRAMS[unit];
  // Round half up to the microgram: 1 µg = 1000 ng.
  const denom = scale * 1000n;
  const micrograms = (2n * nanograms + denom) / (2n * denom);
  const grams = Number(micrograms) / 1_000_000;
  return m[1] === "-" && grams !== 0 ? -grams : grams;
}

/** Formats grams for the kiosk: up to three decimals, no float noise. */
export function formatGrams(grams: number): string {
  return `${Number(grams.toFixed(3))} g`;
}
