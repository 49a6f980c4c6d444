/**
 * The station's one time source, injected wherever timing logic lives (device loops, outbox
 * resends, sign-in idle, door alarms) so tests can move time by hand. Drivers never call the timer
 * globals directly: the system clock looks them up on each call, so vitest fake timers apply.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): NodeJS.Timeout;
  clearTimeout(t: NodeJS.Timeout | undefined): void;
  setInterval(fn: () => void, ms: number): NodeJS.Timeout;
  clearInterval(t: NodeJS.Timeout | undefined): void;
}

/** The timer globals, looked up at call time. */
const globalTimers: Omit<Clock, "now"> = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (t) => clearInterval(t),
};

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now(), ...globalTimers };

/** A clock whose `now` tests move by hand; its timers are the (possibly faked) globals. */
export function manualClock(start = Date.UTC(2026, 10, 27, 18, 0, 0)): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    ...globalTimers,
    advance: (ms) => { t += ms; },
    set: (ms) => { t = ms; },
  };
}

/** Resolves after `ms` milliseconds of the given clock. */
export function sleep(clock: Pick<Clock, "setTimeout">, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
