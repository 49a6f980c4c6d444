/**
 * The end-of-day report built and kept at close, as a daily job (hub/daily-job.ts): once a site's
 * facility-local time has passed the close time (REPORTS_CLOSE_TIME, default 22:30), that day's
 * report is built and kept, once. At start, a site whose previous business day has no kept report
 * gets that one too (a hub that was down at close).
 */
import type { Clock } from "#hub/clock.js";
import { runDueJobs, startDailyJob, type DailyJob } from "#hub/daily-job.js";
import type { Log } from "#hub/log.js";

export interface CloseScheduleDeps {
  clock: Clock;
  log: Log;
  sites: readonly { id: string; timeZone: string }[];
  /** "HH:MM" local, or "off". */
  closeTime: string;
  /** True when `site`'s report of `day` is kept already. */
  isKept(site: string, day: string): Promise<boolean>;
  /** Builds and keeps `site`'s report of `day`. */
  buildAndKeep(site: string, day: string): Promise<void>;
}

function closeJob(deps: CloseScheduleDeps): DailyJob {
  return {
    mod: "reports",
    failureCode: "REPORT_FAILED",
    sites: deps.sites,
    at: deps.closeTime,
    dayOffset: 0,
    catchUpAtStart: true,
    clock: deps.clock,
    log: deps.log,
    done: deps.isKept,
    run: async (site, day) => {
      await deps.buildAndKeep(site.id, day);
      deps.log.info({ mod: "reports", site: site.id, day }, "end-of-day report kept");
    },
  };
}

/** Keeps every report due now and not kept yet (with `catchUp`, each site's previous business day's too). */
export async function keepDueReports(deps: CloseScheduleDeps, catchUp = false): Promise<void> {
  await runDueJobs(closeJob(deps), new Map(), catchUp);
}

/** Starts the schedule (a catch-up first, then a check a minute); stop() ends it and waits for a build under way. */
export function startCloseSchedule(deps: CloseScheduleDeps): { stop(): Promise<void> } {
  return startDailyJob(closeJob(deps));
}
