import type { WeightFrame } from "./codec.js";

/** What the station makes of a weight frame after the stability window. */
export interface Settled {
  /** Grams, or null when out of range. */
  grams: number | null;
  /** True once the scale said "stable" for the same value for the whole window. */
  stable: boolean;
  overload: boolean;
  underload: boolean;
}

/**
 * A reading counts (for sales and receiving) only when the scale has reported the same stable
 * value for `windowMs`: legal-for-trade scales flag stability themselves, but a package still
 * settling on the platform can flicker between stable frames of different values.
 */
export class StabilityWindow {
  #since: number | undefined;
  #grams: number | null = null;

  constructor(private readonly windowMs: number) {}

  /**
   * Takes one frame at time `now` (ms).
   * @returns the settled view, and `recheckInMs` when a later re-check could settle it.
   */
  update(frame: WeightFrame, now: number): { settled: Settled; recheckInMs?: number } {
    const base = { grams: frame.grams, overload: frame.overload, underload: frame.underload };
    if (!frame.stable || frame.grams === null) {
      this.#since = undefined;
      return { settled: { ...base, stable: false } };
    }
    if (this.#since === undefined || this.#grams !== frame.grams) {
      this.#since = now;
      this.#grams = frame.grams;
    }
    const left = this.#since + this.windowMs - now;
    if (left <= 0) return { settled: { ...base, stable: true } };
    return { settled: { ...base, stable: false }, recheckInMs: left };
  }

  /** Forgets the history (reconnect, tare). */
  reset(): void {
    this.#since = undefined;
    this.#grams = null;
  }
}
