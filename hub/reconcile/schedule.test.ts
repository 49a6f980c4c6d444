import { describe, expect, it } from "vitest";
import { silentLog } from "#hub/log.js";
import { scheduledDay } from "./day.js";
import { scheduleTick } from "./schedule.js";

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
    let now = Date.parse("2026-11-02T15:00:00Z");
    const deps = {
      sites: [
        { id: "oakland", timeZone: "America/Los_Angeles" },
        { id: "denver", timeZone: "America/Denver" },
        { id: "broken", timeZone: "America/New_York" },
      ],
      at: "06:00",
      clock: { now: () => now },
      log: silentLog(),
      done: async (site: string, day: string) => done.has(`${site}/${day}`),
      run: async (site: string, _zone: string, day: string) => {
        if (site === "broken") throw new Error("ledger away");
        ran.push(`${site}/${day}`);
        done.add(`${site}/${day}`);
      },
    };
    const memory = new Map<string, string>();
    await scheduleTick(deps, memory);
    await scheduleTick(deps, memory);
    expect(ran).toEqual(["oakland/2026-11-01"]);
    now = Date.parse("2026-11-03T15:00:00Z");
    await scheduleTick(deps, memory);
    expect(ran).toEqual(["oakland/2026-11-01", "oakland/2026-11-02", "denver/2026-11-02"]);
  });
});
