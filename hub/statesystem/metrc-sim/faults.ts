/**
 * Fault injection and METRC's rate limit for the simulator, as one Hono middleware.
 *
 * Order per request: outage → injected 500 / hang / 429 storm → rate limit (GET only) →
 * latency → the route → lost answers after a write was applied.
 */
import type { MiddlewareHandler } from "hono";
import type { Clock } from "#hub/clock.js";
import { METRC_GET_LIMITS, type RateLimits } from "../metrc/rate-limiter.js";

/** Faults the simulator injects; counts are "the next N requests". */
export interface SimFaults {
  /** Added before every answer, ms (real time). */
  latencyMs: number;
  /** The next N requests answer 500 without doing anything. */
  fail500: number;
  /** The next N writes are applied and then answered 500: the client cannot know. */
  failAfterApply: number;
  /** The next N writes are applied and then not answered for `hangMs`: the client times out. */
  hangAfterApply: number;
  /** The next N requests are not answered for `hangMs` and do nothing. */
  hang: number;
  /** How long a hung request waits before the simulator gives up on it, ms (real time). */
  hangMs: number;
  /** The next N GETs answer 429 regardless of the rate. */
  rateLimitStorm: number;
  /** Every request answers 503 while the simulator's clock is before this instant (ms). */
  outageUntil: number | null;
  /** METRC's GET limits per facility. */
  limits: RateLimits;
}

/** A healthy METRC: no faults, METRC's own GET limits. */
export const NO_FAULTS: SimFaults = {
  latencyMs: 0,
  fail500: 0,
  failAfterApply: 0,
  hangAfterApply: 0,
  hang: 0,
  hangMs: 60_000,
  rateLimitStorm: 0,
  outageUntil: null,
  limits: METRC_GET_LIMITS,
};

/** What the simulator saw, for tests and the benchmark. */
export interface SimStats {
  requests: number;
  gets: number;
  writes: number;
  answered429: number;
  answered5xx: number;
  /** Most GETs seen in flight at once. */
  peakInFlight: number;
  /** Most GETs started in any rolling window. */
  peakPerWindow: number;
}

/** Zeroed counters. */
export function emptyStats(): SimStats {
  return { requests: 0, gets: 0, writes: 0, answered429: 0, answered5xx: 0, peakInFlight: 0, peakPerWindow: 0 };
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The middleware; `faults` and `stats` are shared, mutable objects the control changes. */
export function faultMiddleware(deps: { clock: Clock; faults: SimFaults; stats: SimStats }): MiddlewareHandler {
  const starts: number[] = [];
  let inFlight = 0;
  return async (c, next) => {
    const { faults, stats, clock } = deps;
    if (c.req.path.startsWith("/_sim")) return next();
    const isGet = c.req.method === "GET";
    stats.requests++;
    if (isGet) stats.gets++;
    else stats.writes++;
    if (faults.outageUntil !== null && clock.now() < faults.outageUntil) {
      stats.answered5xx++;
      return c.json({ Message: "The service is unavailable." }, 503);
    }
    if (faults.fail500 > 0) {
      faults.fail500--;
      stats.answered5xx++;
      return c.json({ Message: "An error has occurred." }, 500);
    }
    if (faults.hang > 0) {
      faults.hang--;
      await wait(faults.hangMs);
      return c.json({ Message: "The request timed out." }, 504);
    }
    if (isGet) {
      const limited =
        faults.rateLimitStorm > 0
          ? (faults.rateLimitStorm--, true)
          : overLimit(clock.now(), starts, inFlight, faults.limits, stats);
      if (limited) {
        stats.answered429++;
        c.header("Retry-After", "1");
        return c.json({ Message: "Too Many Requests" }, 429);
      }
      inFlight++;
      stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
    }
    try {
      if (faults.latencyMs > 0) await wait(faults.latencyMs);
      await next();
    } finally {
      if (isGet) inFlight--;
    }
    if (!isGet && c.res.status < 300) await loseAnswer(faults, c, stats);
  };
}

function overLimit(now: number, starts: number[], inFlight: number, limits: RateLimits, stats: SimStats): boolean {
  while (starts.length > 0 && starts[0]! <= now - limits.windowMs) starts.shift();
  if (starts.length >= limits.perWindow || inFlight >= limits.maxInFlight) return true;
  starts.push(now);
  stats.peakPerWindow = Math.max(stats.peakPerWindow, starts.length);
  return false;
}

async function loseAnswer(faults: SimFaults, c: Parameters<MiddlewareHandler>[0], stats: SimStats): Promise<void> {
  if (faults.failAfterApply > 0) {
    faults.failAfterApply--;
    stats.answered5xx++;
    c.res = new Response(JSON.stringify({ Message: "An error has occurred." }), {
      status: 500,
      headers: { "content-type": "application/json" },
    });
  } else if (faults.hangAfterApply > 0) {
    faults.hangAfterApply--;
    await wait(faults.hangMs);
  }
}
