import type { Rig } from "../rig.js";

/**
 * One fault drill: it acts on the rig until `until` (ms since epoch), writes what it did with
 * `note`, and leaves the rig healthy (processes up, faults cleared) when it returns. It throws
 * when the system did not survive a fault (a station that cannot start on a full disk).
 */
export interface Drill {
  name: string;
  /** Why the drill cannot run here (it is then skipped and the reason printed). */
  skipped?(rig: Rig): string | undefined;
  run(rig: Rig, until: number, note: (line: string) => void): Promise<void>;
}

/** Waits `ms`, or less when the deadline comes first. */
export function pause(ms: number, until = Number.POSITIVE_INFINITY): Promise<void> {
  const wait = Math.max(0, Math.min(ms, until - Date.now()));
  return new Promise((r) => setTimeout(r, wait));
}

/** A wait in [min, max) ms: faults at a steady beat would only test one phase of the loops. */
export function jitter(min: number, max: number): number {
  return min + Math.random() * (max - min);
}
