import pino from "pino";
import { describe, expect, it } from "vitest";
import type { Clock } from "#hub/clock.js";
import { MetrcHttp } from "./http.js";
import { RateLimiter } from "./rate-limiter.js";

/** Nothing listens on port 1: every try fails at once with "connection refused". */
const UNREACHABLE = "http://127.0.0.1:1";

/** A clock whose sleeps never end by themselves, only when their signal aborts. */
function stuckClock() {
  const sleeps: { ms: number; signal: AbortSignal | undefined }[] = [];
  let slept: () => void = () => {};
  const firstSleep = new Promise<void>((resolve) => (slept = resolve));
  const clock: Clock = {
    now: () => Date.now(),
    monotonic: () => performance.now(),
    sleep: (ms, signal) => {
      sleeps.push({ ms, signal });
      slept();
      return new Promise<void>((_resolve, reject) =>
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true }),
      );
    },
  };
  return { clock, sleeps, firstSleep };
}

function http(clock: Clock, signal?: AbortSignal) {
  return new MetrcHttp({
    baseUrl: UNREACHABLE,
    vendorKey: "v",
    userKey: "u",
    clock,
    limiter: new RateLimiter({ clock }),
    log: pino({ level: "silent" }),
    maxAttempts: 6,
    backoffMs: 30_000,
    random: () => 1,
    ...(signal ? { signal } : {}),
  });
}

describe("METRC retries and the hub stopping", () => {
  it("ends a retry's wait when the stop signal aborts, failing with METRC's last error", async () => {
    const { clock, sleeps, firstSleep } = stuckClock();
    const stop = new AbortController();
    const sending = http(clock, stop.signal).send({ method: "GET", path: "/packages/v2/adjust/reasons" });
    const outcome = sending.then(
      () => "answered",
      (e: unknown) => e,
    );
    await firstSleep;
    expect(sleeps).toEqual([{ ms: 30_000, signal: stop.signal }]);
    stop.abort();
    expect(await outcome).toMatchObject({
      code: "UPSTREAM_UNAVAILABLE",
      message: expect.stringContaining("METRC could not be reached"),
    });
    expect(sleeps).toHaveLength(1);
  });

  it("abandons a read once stopped, without waiting to retry it", async () => {
    const { clock, sleeps } = stuckClock();
    const stop = new AbortController();
    stop.abort();
    const err = await http(clock, stop.signal)
      .send({ method: "GET", path: "/items/v2/active" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", message: "request abandoned: the hub is stopping" });
    expect(sleeps).toHaveLength(0);
  });
});
