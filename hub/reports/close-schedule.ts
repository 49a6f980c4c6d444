/**
 * The end-of-day report built and kept at close: once a minute (on the hub's clock) each site whose
 * facility-local time has passed the close time (REPORTS_CLOSE_TIME, default 22:30) gets today's
 * report built and kept, once. At start, a site whose previous business day has no kept report
 * gets that one too (a hub that was down at close).
 */
import type { Clock } from "#hub/clock.js";
import type { Log } from "#hub/log.js";
import { addDays, localDate, localMinutes } from "#contract/facility-time.js";

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

const CHECK_EVERY_MS = 60_000;

/** The business day whose report is due at `nowMs` for a site, or undefined before close. */
export function dueDay(nowMs: number, timeZone: string, closeTime: string): string | undefined {
  if (closeTime === "off") return undefined;
  const [h, m] = closeTime.split(":").map(Number) as [number, number];
  return localMinutes(nowMs, timeZone) >= h * 60 + m ? localDate(nowMs, timeZone) : undefined;
}

/**
 * Keeps every report due now and not kept yet (with `catchUp`, each site's previous business day's
 * too); a failure is logged and the other sites go on.
 */
export async function keepDueReports(deps: CloseScheduleDeps, catchUp = false): Promise<void> {
  if (deps.closeTime === "off") return;
  for (const s of deps.sites) {
    const now = deps.clock.now();
    const days = [
      ...(catchUp ? [addDays(localDate(now, s.timeZone), -1)] : []),
      dueDay(now, s.timeZone, deps.closeTime),
    ];
    for (const day of days) {
      if (day === undefined) continue;
      try {
        if (await deps.isKept(s.id, day)) continue;
        await deps.buildAndKeep(s.id, day);
        deps.log.info({ mod: "reports", site: s.id, day }, "end-of-day report kept");
      } catch (e) {
        deps.log.error({ mod: "reports", site: s.id, day, code: "REPORT_FAILED", err: e }, "end-of-day report failed");
      }
    }
  }
}

/** Starts the schedule (a catch-up first, then a check a minute); stop() ends it and waits for a build under way. */
export function startCloseSchedule(deps: CloseScheduleDeps): { stop(): Promise<void> } {
  const abort = new AbortController();
  const loop = (async () => {
    await keepDueReports(deps, true);
    while (!abort.signal.aborted) {
      await deps.clock.sleep(CHECK_EVERY_MS, abort.signal).catch(() => undefined);
      if (!abort.signal.aborted) await keepDueReports(deps);
    }
  })();
  return {
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
