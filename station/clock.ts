/**
 * The station's one time source, injected wherever timing logic lives (device loops, outbox
 * resends, sign-in idle, door alarms) so tests can move time by hand. Drivers never call the timer
 * globals directly: the system clock looks them up on each call, so vitest fake timers apply.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch: for timestamps people and the hub read. It can step back. */
  now(): number;
  /**
   * Milliseconds on a clock that never steps (process uptime), for intervals: how long an event
   * has waited for its ack. NTP or a person setting the Pi's date moves `now` by hours; an
   * interval measured with it would then wait an hour, or never.
   */
  monotonic(): number;
  setTimeout(fn: () => void, ms: number): NodeJS.Timeout;
  clearTimeout(t: NodeJS.Timeout | undefined): void;
  setInterval(fn: () => void, ms: number): NodeJS.Timeout;
  clearInterval(t: NodeJS.Timeout | undefined): void;
}

/** The timer globals, looked up at call time. */
const globalTimers: Omit<Clock, "now" | "monotonic"> = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (t) => clearInterval(t),
};

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now(), monotonic: () => performance.now(), ...globalTimers };

/**
 * A clock tests move by hand; its timers are the (possibly faked) globals. `advance` moves time
 * on; `set` puts the wall clock anywhere (a step, as NTP makes) and leaves `monotonic` where it was.
 */
export function manualClock(
  start = Date.UTC(2026, 10, 27, 18, 0, 0),
): Clock & { advance(ms: number): void; set(ms: number): void } {
  let wall = start;
  let steady = 0;
  return {
    now: () => wall,
    monotonic: () => steady,
    ...globalTimers,
    advance: (ms) => {
      wall += ms;
      steady += ms;
    },
    set: (ms) => {
      wall = ms;
    },
  };
}

/** Resolves after `ms` milliseconds of the given clock. */
export function sleep(clock: Pick<Clock, "setTimeout">, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
