/**
 * The end-of-day report kept at close: due only once the facility's local time passes the close
 * time (on the site's own clock, also on the day daylight-saving time ends), kept once, the
 * previous day caught up at start, a failing site not stopping the others; and the kept files.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { capturingLog } from "#hub/testing/auth-kit.js";
import { FakeClock } from "#hub/testing/clock.js";
import { dayBounds } from "#contract/facility-time.js";
import { dueDay as dailyDueDay } from "#hub/daily-job.js";
import { keepDueReports, type CloseScheduleDeps } from "./close-schedule.js";
import type { EndOfDay } from "./end-of-day.js";
import { KeptReports } from "./kept-reports.js";

const LA = "America/Los_Angeles";
/** The report due at close is the site's day itself. */
const dueDay = (nowMs: number, zone: string, closeTime: string) => dailyDueDay(nowMs, zone, closeTime, 0);

function rig(closeTime: string, now: string, failing: string[] = []) {
  const kept: string[] = [];
  const { log, lines } = capturingLog();
  const deps: CloseScheduleDeps = {
    clock: new FakeClock(Date.parse(now)),
    log,
    sites: [
      { id: "oakland", timeZone: LA },
      { id: "denver", timeZone: "America/Denver" },
    ],
    closeTime,
    isKept: async (site, day) => kept.includes(`${site} ${day}`),
    buildAndKeep: async (site, day) => {
      if (failing.includes(site)) throw new Error("ledger away");
      kept.push(`${site} ${day}`);
    },
  };
  return { deps, kept, lines };
}

describe("end-of-day reports kept at close", () => {
  it("is due once the site's local time passes the close time, on a 25-hour day too", () => {
    // 2026-11-01 ends daylight time in Oakland: 22:30 local is 06:30 UTC on Nov 2.
    expect(dueDay(Date.parse("2026-11-02T06:29:00Z"), LA, "22:30")).toBeUndefined();
    expect(dueDay(Date.parse("2026-11-02T06:30:00Z"), LA, "22:30")).toBe("2026-11-01");
    expect(dueDay(Date.parse("2026-11-02T06:30:00Z"), LA, "off")).toBeUndefined();
    expect(dayBounds("2026-11-01", LA)).toEqual({ from: "2026-11-01T07:00:00.000Z", to: "2026-11-02T08:00:00.000Z" });
    expect(dayBounds("2026-03-08", LA)).toEqual({ from: "2026-03-08T08:00:00.000Z", to: "2026-03-09T07:00:00.000Z" });
  });

  it("keeps each site's day once after its close, and the previous day at start", async () => {
    // 20:30 in Denver (past 20:00), 19:30 in Oakland (not yet).
    const r = rig("20:00", "2026-11-03T03:30:00Z");
    await keepDueReports(r.deps, true);
    expect(r.kept).toEqual(["oakland 2026-11-01", "denver 2026-11-01", "denver 2026-11-02"]);
    await keepDueReports(r.deps);
    expect(r.kept).toHaveLength(3);
    (r.deps.clock as FakeClock).advance(3_600_000);
    await keepDueReports(r.deps);
    expect(r.kept.at(-1)).toBe("oakland 2026-11-02");
  });

  it("logs a site that fails and goes on with the others; off keeps nothing", async () => {
    const r = rig("20:00", "2026-11-03T05:00:00Z", ["oakland"]);
    await keepDueReports(r.deps);
    expect(r.kept).toEqual(["denver 2026-11-02"]);
    expect(r.lines.join("\n")).toMatch(/REPORT_FAILED/);
    const off = rig("off", "2026-11-03T05:00:00Z");
    await keepDueReports(off.deps, true);
    expect(off.kept).toEqual([]);
  });

  const dir = mkdtempSync(path.join(tmpdir(), "vaultline-kept-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps one file per site and day that reads back as it was written", async () => {
    const kept = new KeptReports(dir);
    const report = { date: "2026-11-02", site: "oakland", sales: { units: 1 } } as unknown as EndOfDay;
    const file = await kept.keep(report);
    expect(file).toBe(path.join(dir, "reports", "oakland", "end-of-day-2026-11-02.json"));
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(report);
    await kept.keep({ ...report, date: "2026-11-03" });
    expect(await kept.days("oakland")).toEqual(["2026-11-03", "2026-11-02"]);
    expect((await kept.read("oakland", "2026-11-02"))?.report).toEqual(report);
    expect(await kept.read("oakland", "2026-11-09")).toBeUndefined();
    expect(await kept.days("denver")).toEqual([]);
  });
});
