/**
 * The scheduled run after close: every minute, each site whose clock has passed the configured
 * time gets its previous business day reconciled once (a run with trigger "schedule"). A hub that
 * was down at that time catches up when it starts; it does not go back further than yesterday.
 */
import type { Clock } from "#hub/clock.js";
import type { Log } from "#hub/log.js";
import { scheduledDay } from "./day.js";

export interface ScheduleDeps {
  sites: readonly { id: string; timeZone: string }[];
  /** "HH:MM" facility time. */
  at: string;
  clock: Pick<Clock, "now">;
  log: Log;
  /** True when the site's day already has a scheduled run. */
  done(site: string, day: string): Promise<boolean>;
  run(site: string, timeZone: string, day: string): Promise<void>;
}

const EVERY_MS = 60_000;

/** One look at every site: runs what is due, one site at a time. */
export async function scheduleTick(deps: ScheduleDeps, ran: Map<string, string>): Promise<void> {
  for (const site of deps.sites) {
    const day = scheduledDay(deps.clock.now(), site.timeZone, deps.at);
    if (!day || ran.get(site.id) === day) continue;
    try {
      if (!(await deps.done(site.id, day))) await deps.run(site.id, site.timeZone, day);
      ran.set(site.id, day);
    } catch (err) {
      deps.log.error({ err, site: site.id, day, code: "RECONCILE_SCHEDULE_FAILED" }, "reconcile: scheduled run failed");
    }
  }
}

/** Starts the schedule; the returned function stops it and waits for a tick under way. */
export function startSchedule(deps: ScheduleDeps): () => Promise<void> {
  const ran = new Map<string, string>();
  let current: Promise<void> = scheduleTick(deps, ran);
  const timer = setInterval(() => {
    current = current.then(() => scheduleTick(deps, ran));
  }, EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
