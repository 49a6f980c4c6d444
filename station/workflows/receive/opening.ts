import type { Manifest } from "#contract/receiving.js";
import type { ReceivingConfig } from "./config.js";
import type { ReceiveRules, ReceivingState } from "./machine.js";

/**
 * The offered manifest to open for receiving, or why it cannot be: it was just closed here (the
 * hub keeps offering it until it recorded the end), it is not offered, or it lists a package twice.
 */
export function manifestToOpen(
  manifestNumber: string,
  offered: readonly Manifest[],
  lastClosed: ReceivingState | null,
): Manifest | string {
  if (lastClosed?.manifest.manifestNumber === manifestNumber)
    return `Manifest ${manifestNumber} was just ${lastClosed.status} here; the hub is recording it`;
  const manifest = offered.find((m) => m.manifestNumber === manifestNumber);
  if (!manifest) return `Manifest ${manifestNumber} is not offered to this vault`;
  const seen = new Set<string>();
  const twice = manifest.lines.find((l) => seen.has(l.label) || !seen.add(l.label));
  if (twice)
    return `Manifest ${manifestNumber} lists package ${twice.label} twice: it cannot be checked off line by line; ask the office to sync it again`;
  return manifest;
}

/** The machine's rules from the receiving settings. */
export function rulesOf(c: ReceivingConfig): ReceiveRules {
  return {
    tolerance: { pct: c.tolerancePct, grams: c.toleranceGrams },
    quarantineLocation: c.quarantineLocation,
    emptyBelowGrams: c.emptyBelowGrams,
    confirmBelowPct: c.confirmBelowPct,
  };
}
