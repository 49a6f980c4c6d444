/**
 * The reports of one hub: each built from the ledger's, the POS import's, receiving's and the
 * state-system queue's tables, and from the counts and investigations services when those modules
 * run. End-of-day reports kept at close are served as they were kept; other days are built live.
 */
import type { Clock } from "#hub/clock.js";
import type { CountsService, InvestigationsService } from "#hub/modules.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import { localDate } from "#contract/facility-time.js";
import { completeDaysBefore } from "./business-day.js";
import { buildEndOfDay, type EndOfDay } from "./end-of-day.js";
import { expiringPackages, fifoViolations, type ExpiringPackage, type FifoViolation } from "./fifo.js";
import type { KeptReports } from "./kept-reports.js";
import { buildShrinkage, type Shrinkage } from "./shrinkage.js";
import { buildVelocity, type Velocity } from "./velocity.js";

export interface ReportsDeps {
  db: Db;
  sites: SiteDirectory;
  clock: Pick<Clock, "now">;
  kept: KeptReports;
  counts?: CountsService | undefined;
  investigations?: InvestigationsService | undefined;
}

/** An end-of-day report and whether it is the file kept at close. */
export interface ServedEndOfDay {
  report: EndOfDay;
  /** When it was kept (ISO), or null when built just now. */
  keptAt: string | null;
}

/** One step of a long build done: for the progress shown while it runs. */
export type Progress = (done: number, of: number, what: string) => void | Promise<void>;

export interface ReportsService {
  timeZone(site: string): string;
  /** The facility's today at `site`. */
  today(site: string): string;
  endOfDay(site: string, day: string): Promise<ServedEndOfDay>;
  /** Builds `site`'s report of `day` now and keeps it (the close schedule's work). */
  keepEndOfDay(site: string, day: string): Promise<EndOfDay>;
  velocity(site: string, days: number, progress?: Progress): Promise<Velocity>;
  expiry(site: string, withinDays: number): Promise<ExpiringPackage[]>;
  fifo(site: string, days: number): Promise<{ from: string; to: string; violations: FifoViolation[] }>;
  shrinkage(site: string, days: number, progress?: Progress): Promise<Shrinkage>;
}

export function createReportsService(deps: ReportsDeps): ReportsService {
  const timeZone = (site: string) => deps.sites.get(site)?.timeZone ?? deps.sites.default.timeZone;
  const build = (site: string, day: string) =>
    buildEndOfDay(
      {
        db: deps.db,
        counts: deps.counts,
        investigations: deps.investigations,
        nowMs: deps.clock.now(),
        envelopeSite: (s) => deps.sites.envelopeFilter(s),
      },
      site,
      day,
      timeZone(site),
    );
  const window = (site: string, days: number) => completeDaysBefore(deps.clock.now(), timeZone(site), days);
  return {
    timeZone,
    today: (site) => localDate(deps.clock.now(), timeZone(site)),
    async endOfDay(site, day) {
      const kept = await deps.kept.read(site, day);
      return kept ? { report: kept.report, keptAt: kept.keptAt } : { report: await build(site, day), keptAt: null };
    },
    async keepEndOfDay(site, day) {
      const report = await build(site, day);
      await deps.kept.keep(report);
      return report;
    },
    async velocity(site, days, progress) {
      await progress?.(0, 2, "reading the POS sales and the stock on hand");
      const v = await buildVelocity(deps.db, site, { days, nowMs: deps.clock.now(), timeZone: timeZone(site) });
      await progress?.(2, 2, "done");
      return v;
    },
    expiry: (site, withinDays) =>
      expiringPackages(deps.db, site, { nowMs: deps.clock.now(), timeZone: timeZone(site), withinDays }),
    async fifo(site, days) {
      const w = window(site, days);
      return { ...w, violations: await fifoViolations(deps.db, site, { ...w, timeZone: timeZone(site) }) };
    },
    async shrinkage(site, days, progress) {
      await progress?.(0, 2, "reading adjustments, counts and sales");
      const s = await buildShrinkage(deps.db, deps.counts, site, { ...window(site, days), timeZone: timeZone(site) });
      await progress?.(2, 2, "done");
      return s;
    },
  };
}
