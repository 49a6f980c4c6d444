/**
 * The hub's one time source, injected wherever timing logic lives (ingest flushes, presence
 * sweeps, session expiry, the state system's retries and rate limits) so tests can move it.
 * Parts that only read the time take `Pick<Clock, "now">`. The fake for tests is
 * hub/testing/clock.ts.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch: for timestamps. It can step (NTP, a person setting the date). */
  now(): number;
  /**
   * Milliseconds on a clock that never steps (process uptime), for intervals such as a rate
   * limit's window: measured on `now`, a step back of a day would hold requests for a day.
   */
  monotonic(): number;
  /** Resolves after `ms` milliseconds, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const t = setTimeout(
        () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      const onAbort = () => {
        clearTimeout(t);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
