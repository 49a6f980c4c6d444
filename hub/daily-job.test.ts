import { describe, expect, it } from "vitest";
/**
 * The daily job as reconciliation runs it (the previous business day, once each site's clock has passed
 * RECONCILE_AT); the end-of-day report's use of it is tested in hub/reports/close-schedule.test.ts.
 */
import { dueDay, runDueJobs, type DailyJob } from "./daily-job.js";
import { silentLog } from "./log.js";
import { FakeClock } from "./testing/clock.js";

const scheduledDay = (nowMs: number, zone: string, at: string) => dueDay(nowMs, zone, at, -1);

describe("business days", () => {
  it("a scheduled run is due for yesterday once the facility's clock passes the time", () => {
    const zone = "America/Los_Angeles";
    expect(scheduledDay(Date.parse("2026-11-02T13:59:00Z"), zone, "06:00")).toBeUndefined();
    expect(scheduledDay(Date.parse("2026-11-02T14:00:00Z"), zone, "06:00")).toBe("2026-11-01");
    // 23:30 in Oakland is already the next day in UTC: still Oakland's day.
    expect(scheduledDay(Date.parse("2026-11-03T07:30:00Z"), zone, "06:00")).toBe("2026-11-01");
    expect(scheduledDay(Date.parse("2026-11-02T14:00:00Z"), "America/Denver", "06:00")).toBe("2026-11-01");
  });
});

describe("the schedule", () => {
  it("runs each due site's day once, skips a day already run, and keeps going past a failing site", async () => {
    const ran: string[] = [];
    const done = new Set(["denver/2026-11-01"]);
    const clock = new FakeClock(Date.parse("2026-11-02T15:00:00Z"));
    const job: DailyJob = {
      mod: "reconcile",
      failureCode: "RECONCILE_SCHEDULE_FAILED",
      dayOffset: -1,
      catchUpAtStart: false,
      sites: [
        { id: "oakland", timeZone: "America/Los_Angeles" },
        { id: "denver", timeZone: "America/Denver" },
        { id: "broken", timeZone: "America/New_York" },
      ],
      at: "06:00",
      clock,
      log: silentLog(),
      done: async (site, day) => done.has(`${site}/${day}`),
      run: async (site, day) => {
        if (site.id === "broken") throw new Error("ledger away");
        ran.push(`${site.id}/${day}`);
        done.add(`${site.id}/${day}`);
      },
    };
    const memory = new Map<string, string>();
    await runDueJobs(job, memory);
    await runDueJobs(job, memory);
    expect(ran).toEqual(["oakland/2026-11-01"]);
    clock.advance(Date.parse("2026-11-03T15:00:00Z") - clock.now());
    await runDueJobs(job, memory);
    expect(ran).toEqual(["oakland/2026-11-01", "oakland/2026-11-02", "denver/2026-11-02"]);
  });
});
