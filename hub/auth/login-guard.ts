import type { AuthStore } from "./store.js";
import type { Clock } from "#hub/clock.js";

/**
 * Brute-force protection for the login form. Failures are counted per username and per client
 * address inside a sliding window; a success clears the username's count. The counts live in the
 * database so a restart does not reset a lockout.
 */
export interface LoginGuardLimits {
  /** Failures per username before it is locked. */
  maxPerUser: number;
  /** Failures per client address before it is locked (covers spraying many usernames). */
  maxPerAddress: number;
  /** Window the failures are counted in, ms; a lockout lasts until the window has passed. */
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginGuardLimits = { maxPerUser: 5, maxPerAddress: 20, windowMs: 15 * 60_000 };

export interface LoginGuardDeps {
  store: AuthStore;
  clock: Pick<Clock, "now">;
  limits?: LoginGuardLimits;
}

export interface LoginGuard {
  /** Ms until the lockout ends, or 0 when the attempt may go ahead. */
  lockedFor(username: string, address: string): Promise<number>;
  recordFailure(username: string, address: string): Promise<void>;
  recordSuccess(username: string, address: string): Promise<void>;
}

const userKey = (u: string) => `user:${u.toLowerCase()}`;
const addressKey = (a: string) => `addr:${a}`;

export function createLoginGuard(deps: LoginGuardDeps): LoginGuard {
  const limits = deps.limits ?? DEFAULT_LOGIN_LIMITS;

  async function waitFor(subject: string, max: number, now: number): Promise<number> {
    const { count, lastAt } = await deps.store.recentFailures(subject, now - limits.windowMs);
    if (count < max || !lastAt) return 0;
    return Math.max(0, Date.parse(lastAt) + limits.windowMs - now);
  }

  return {
    async lockedFor(username, address) {
      const now = deps.clock.now();
      const [u, a] = await Promise.all([
        waitFor(userKey(username), limits.maxPerUser, now),
        waitFor(addressKey(address), limits.maxPerAddress, now),
      ]);
      return Math.max(u, a);
    },
    async recordFailure(username, address) {
      const now = deps.clock.now();
      await deps.store.recordAttempt(userKey(username), false, now);
      await deps.store.recordAttempt(addressKey(address), false, now);
      await deps.store.pruneAttempts(now - 2 * limits.windowMs);
    },
    async recordSuccess(username) {
      await deps.store.recordAttempt(userKey(username), true, deps.clock.now());
    },
  };
}
