import type { Clock } from "#hub/clock.js";

/**
 * A clock that only moves when told to, or when someone sleeps: `sleep(ms)` advances time by
 * `ms` at once. Lets a test walk through a 9-hour outage or a 30-minute session in
 * milliseconds of real time.
 */
export class FakeClock implements Clock {
  private t: number;
  private steady = 0;

  constructor(start: number | Date = Date.UTC(2026, 10, 27, 18, 0, 0)) {
    this.t = typeof start === "number" ? start : start.getTime();
  }

  now(): number {
    return this.t;
  }

  monotonic(): number {
    return this.steady;
  }

  advance(ms: number): void {
    this.t += ms;
    this.steady += ms;
  }

  /** Steps the wall clock to `at` (as NTP or a person setting the date does); `monotonic` stays. */
  set(at: number | Date): void {
    this.t = typeof at === "number" ? at : at.getTime();
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.t += Math.max(0, ms);
    this.steady += Math.max(0, ms);
    await Promise.resolve();
  }
}
