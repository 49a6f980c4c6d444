import { describe, expect, it } from "vitest";
import { FakeClock } from "#hub/testing/clock.js";
import { isOutcomeUnknown, isRecoverable } from "#hub/errors.js";
import { parseErrorBody } from "./error-body.js";
import { RateLimiter } from "./rate-limiter.js";
import { dayWindows } from "./windows.js";

describe("rate limiter", () => {
  it("lets 50 requests into a second, then waits a second after the oldest answer", async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter({ clock });
    for (let i = 0; i < 50; i++) (await limiter.acquire())();
    expect(clock.now()).toBe(0);
    (await limiter.acquire())();
    expect(clock.now()).toBe(1000);
  });

  it("holds the 11th concurrent request until one answers", async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter({ clock });
    const releases = await Promise.all(Array.from({ length: 10 }, () => limiter.acquire()));
    let eleventh = false;
    const pending = limiter.acquire().then((r) => ((eleventh = true), r));
    await Promise.resolve();
    expect(eleventh).toBe(false);
    releases[0]!();
    (await pending)();
    expect(eleventh).toBe(true);
    for (const r of releases.slice(1)) r();
  });

  it("holds everyone back for a 429's Retry-After", async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter({ clock });
    limiter.pause(2000);
    (await limiter.acquire())();
    expect(clock.now()).toBe(2000);
  });
});

describe("METRC error bodies", () => {
  const base = {
    method: "POST",
    path: "/packages/v2/adjust",
    rowLabels: ["1A4060300012B7C000003001", "1A4060300012B7C000003002"],
  };

  it("names the row and the package for [{row, message}]", () => {
    const e = parseErrorBody({ ...base, status: 400, text: '[{"row":1,"message":"Tag is not available."}]' });
    expect(e.code).toBe("UPSTREAM_REJECTED");
    expect(e.message).toBe("row 1 (package 1A4060300012B7C000003002): Tag is not available.");
    expect(e.labels).toEqual(["1A4060300012B7C000003002"]);
    expect(isRecoverable(e)).toBe(false);
  });

  it("reads {Message}, plain-text 401s and marks a write's 5xx as of unknown outcome", () => {
    expect(
      parseErrorBody({ ...base, status: 401, text: '{"Message":"Authorization has been denied for this request."}' })
        .message,
    ).toBe("METRC 401: Authorization has been denied for this request.");
    const v1 = parseErrorBody({
      ...base,
      status: 401,
      text: "The provided API key is only valid for V1 API endpoints.",
    });
    expect(v1.code).toBe("UPSTREAM_AUTH");
    expect(v1.message).toContain("only valid for V1");
    const down = parseErrorBody({ ...base, status: 500, text: "" });
    expect(down.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(isOutcomeUnknown(down)).toBe(true);
    expect(isOutcomeUnknown(parseErrorBody({ ...base, method: "GET", status: 500, text: "" }))).toBe(false);
    const limited = parseErrorBody({ ...base, status: 429, text: "", retryAfterMs: 1000 });
    expect([limited.code, limited.context.retryAfterMs]).toEqual(["UPSTREAM_RATE_LIMITED", 1000]);
  });
});

describe("lastModified windows", () => {
  it("splits a range into 24 h windows, oldest first, the last one short", () => {
    const w = dayWindows(new Date("2026-11-25T00:00:00Z"), new Date("2026-11-27T02:00:00Z"));
    expect(w.map((x) => [x.start.toISOString(), x.end.toISOString()])).toEqual([
      ["2026-11-25T00:00:00.000Z", "2026-11-26T00:00:00.000Z"],
      ["2026-11-26T00:00:00.000Z", "2026-11-27T00:00:00.000Z"],
      ["2026-11-27T00:00:00.000Z", "2026-11-27T02:00:00.000Z"],
    ]);
    expect(dayWindows(new Date(5), new Date(5))).toEqual([]);
  });
});
