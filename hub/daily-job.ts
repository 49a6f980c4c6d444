/**
 * A job each site runs once a business day, after a facility-local time of day: the
 * reconciliation of the previous day (RECONCILE_AT), the end-of-day report kept at close
 * (REPORTS_CLOSE_TIME). Once a minute on the hub's clock, each site whose own clock has passed
 * the time gets that day's job, once; a site that fails is logged and the others go on.
 *
 *   start ─▶ tick (catch-up) ─▶ sleep 1 min ─▶ tick ─▶ …      tick: site ─▶ due day? ─▶ done? ─▶ run
 */
import { addDays, localDateTime } from "#contract/facility-time.js";
import type { Clock } from "./clock.js";
import type { Log } from "./log.js";

export interface DailyJob {
  /** For log lines: the module running it. */
  mod: string;
  /** Logged with a failure, e.g. RECONCILE_SCHEDULE_FAILED. */
  failureCode: string;
  sites: readonly { id: string; timeZone: string }[];
  /** Facility-local "HH:MM" after which a day's job is due, or "off" (never). */
  at: string;
  /** Which day is due once the time has passed: the site's day itself (0) or the one before (-1). */
  dayOffset: 0 | -1;
  /** A hub that was down when the job was last due runs it at start: the day before the due one. */
  catchUpAtStart: boolean;
  clock: Clock;
  log: Log;
  /** True when the site's job of `day` has been done already (kept, run). */
  done(site: string, day: string): Promise<boolean>;
  run(site: { id: string; timeZone: string }, day: string): Promise<void>;
}

const EVERY_MS = 60_000;

/** The business day whose job is due at `nowMs` at a site, or undefined before `at` on the site's clock (or when off). */
export function dueDay(nowMs: number, timeZone: string, at: string, dayOffset: 0 | -1): string | undefined {
  if (at === "off") return undefined;
  const wall = localDateTime(nowMs, timeZone);
  return wall.slice(11, 16) >= at ? addDays(wall.slice(0, 10), dayOffset) : undefined;
}

/**
 * One look at every site: runs each job due now and not done yet (with `catchUp`, the day before
 * the due one too), one site at a time. `ran` remembers what this hub ran, so a done job is not
 * asked again every minute.
 */
export async function runDueJobs(job: DailyJob, ran: Map<string, string>, catchUp = false): Promise<void> {
  if (job.at === "off") return;
  for (const site of job.sites) {
    const now = job.clock.now();
    const today = localDateTime(now, site.timeZone).slice(0, 10);
    const due = dueDay(now, site.timeZone, job.at, job.dayOffset);
    const days = [...(catchUp ? [addDays(today, job.dayOffset - 1)] : []), due];
    for (const day of days) {
      if (day === undefined || ran.get(site.id) === day) continue;
      try {
        if (!(await job.done(site.id, day))) await job.run(site, day);
        ran.set(site.id, day);
      } catch (err) {
        job.log.error({ mod: job.mod, site: site.id, day, code: job.failureCode, err }, `${job.mod}: daily job failed`);
      }
    }
  }
}

/** Starts the job (a look at start, with the catch-up when asked, then one a minute); stop() waits for a run under way. */
export function startDailyJob(job: DailyJob): { stop(): Promise<void> } {
  if (job.at === "off") return { stop: async () => undefined };
  const abort = new AbortController();
  const ran = new Map<string, string>();
  const loop = (async () => {
    await runDueJobs(job, ran, job.catchUpAtStart);
    while (!abort.signal.aborted) {
      await job.clock.sleep(EVERY_MS, abort.signal).catch(() => undefined);
      if (!abort.signal.aborted) await runDueJobs(job, ran);
    }
  })();
  return {
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
