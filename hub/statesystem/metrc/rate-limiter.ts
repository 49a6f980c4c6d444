import type { Clock } from "#hub/clock.js";

/**
 * METRC's per-facility GET limits. METRC counts GET calls only (POST/PUT/DELETE are not
 * limited) and announced 50 GET/s per facility with at most 10 concurrent requests as the
 * current phase (METRC bulletin NV_IB_0039; the same defaults as OpenMetrc and ThunkMetrc).
 */
export interface RateLimits {
  /** Requests allowed to start in any rolling `windowMs`. */
  perWindow: number;
  /** Length of the rolling window, ms. */
  windowMs: number;
  /** Requests allowed in flight at once. */
  maxInFlight: number;
}

/** 50 GET/s per facility, 10 in flight (the current phase, see above). */
export const METRC_GET_LIMITS: RateLimits = { perWindow: 50, windowMs: 1000, maxInFlight: 10 };

/**
 * The same facility's limit held by every hub process on one ledger (hub/chain/shared-rate-limit.ts):
 * `acquire` resolves once the request may start anywhere, with the function to call on its answer.
 */
export interface SharedRateLimit {
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/**
 * A rolling-window limiter with a concurrency cap. `acquire()` resolves with a release
 * function once the request may start; `pause(ms)` holds everyone back after a 429.
 *
 * A request holds its place in the window from its start until `windowMs` after its answer:
 * METRC counts a request when it arrives, which is somewhere between the two, so counting it
 * this long keeps METRC's count at or under ours whatever the network delay.
 */
export class RateLimiter {
  /** Completion times of answered requests still inside the window, oldest first. */
  private readonly done: number[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private readonly slotWaiters: Array<() => void> = [];

  /** `shared`: also wait for the facility's limit across hub processes (a chain on PostgreSQL). */
  constructor(private readonly deps: { clock: Clock; limits?: RateLimits; shared?: SharedRateLimit | undefined }) {}

  private get limits(): RateLimits {
    return this.deps.limits ?? METRC_GET_LIMITS;
  }

  /** Waits for a slot; call the returned function when the response has arrived. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    const local = await this.acquireLocal(signal);
    const { shared } = this.deps;
    if (!shared) return local;
    try {
      const other = await shared.acquire(signal);
      return () => {
        other();
        local();
      };
    } catch (err) {
      local();
      throw err;
    }
  }

  private async acquireLocal(signal?: AbortSignal): Promise<() => void> {
    const { clock } = this.deps;
    for (;;) {
      if (this.inFlight >= this.limits.maxInFlight) {
        await new Promise<void>((r) => this.slotWaiters.push(r));
        continue;
      }
      const now = clock.monotonic();
      if (now < this.pausedUntil) {
        await clock.sleep(this.pausedUntil - now, signal);
        continue;
      }
      while (this.done.length > 0 && this.done[0]! <= now - this.limits.windowMs) this.done.shift();
      if (this.done.length + this.inFlight < this.limits.perWindow) {
        this.inFlight++;
        return this.releaser();
      }
      const oldest = this.done[0];
      if (oldest === undefined) await new Promise<void>((r) => this.slotWaiters.push(r));
      else await clock.sleep(oldest + this.limits.windowMs - now, signal);
    }
  }

  /** Holds back every new request for `ms` (a 429's Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.deps.clock.monotonic() + ms);
  }

  /** Requests currently in flight. */
  get active(): number {
    return this.inFlight;
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight--;
      this.done.push(this.deps.clock.monotonic());
      this.slotWaiters.shift()?.();
    };
  }
}
