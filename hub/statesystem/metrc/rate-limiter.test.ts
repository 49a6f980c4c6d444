import { describe, expect, it } from "vitest";
import { FakeClock } from "#hub/testing/clock.js";
import { RateLimiter } from "./rate-limiter.js";

describe("METRC rate limiter", () => {
  it("keeps granting slots after the wall clock is stepped back a day", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, limits: { perWindow: 2, windowMs: 1_000, maxInFlight: 1 } });
    for (let i = 0; i < 2; i++) (await limiter.acquire())();
    clock.set(clock.now() - 86_400_000);
    const before = clock.monotonic();
    (await limiter.acquire())();
    // One window's wait for the third request, not a day's.
    expect(clock.monotonic() - before).toBeLessThanOrEqual(1_000);
  });
});
