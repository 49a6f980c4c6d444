import type { Discard, WeightFrame } from "./codec.js";
import { parseUnit, toGrams } from "./units.js";

/**
 * Builds a weight frame from the value and unit as printed. Out-of-range frames carry no grams;
 * a unit that is not a weight (pieces, percent) is discarded with a reason for the installer.
 */
export function weightFrame(
  value: string,
  unitToken: string,
  flags: { stable: boolean; overload?: boolean; underload?: boolean },
  raw: string,
): WeightFrame | Discard {
  const overload = flags.overload ?? false;
  const underload = flags.underload ?? false;
  const unit = parseUnit(unitToken);
  if (overload || underload) {
    return { type: "weight", grams: null, stable: false, overload, underload, unit: unit ?? null, raw };
  }
  if (!unit)
    return { reason: `unit "${unitToken.trim()}" is not a weight unit; set the scale to g, kg, oz, lb or ct`, raw };
  const grams = toGrams(value, unit);
  if (grams === undefined) return { reason: `weight "${value}" is not a number`, raw };
  return { type: "weight", grams, stable: flags.stable, overload, underload, unit, raw };
}
