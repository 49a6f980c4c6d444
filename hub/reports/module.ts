/**
 * The manager's reports as a hub module: give it to startHub's `modules` (compose.ts does).
 *
 *   startHub(cfg, { modules: [..., reportsModule(reportsSlice(cfg))] })
 *
 * It uses `counts` and `investigations` when those modules run (their sections read "no counts
 * recorded" and zero otherwise), mounts /reports and /api/reports, adds "Reports" to the header,
 * and keeps each site's end-of-day report at close (close-schedule.ts).
 */
import type { HubConfig } from "#hub/config.js";
import type { HubModule } from "#hub/modules.js";
import { startCloseSchedule } from "./close-schedule.js";
import { KeptReports } from "./kept-reports.js";
import { reportsApi, reportsPages } from "./routes.js";
import { createReportsService } from "./service.js";

/** The reports' slice of the hub's configuration. */
export interface ReportsConfig {
  /** Where end-of-day reports are kept (HUB_DATA_DIR; files under reports/<site>/). */
  dataDir: string;
  /** Facility-local "HH:MM" the day's report is built and kept, or "off" (REPORTS_CLOSE_TIME). */
  closeTime: string;
}

export function reportsSlice(cfg: HubConfig): ReportsConfig {
  return { dataDir: cfg.HUB_DATA_DIR, closeTime: cfg.REPORTS_CLOSE_TIME };
}

export function reportsModule(cfg: ReportsConfig): HubModule {
  return {
    name: "reports",
    uses: ["counts", "investigations"],
    start(ctx) {
      const kept = new KeptReports(cfg.dataDir);
      const service = createReportsService({
        db: ctx.db,
        sites: ctx.sites,
        clock: ctx.clock,
        kept,
        counts: ctx.services.use("counts"),
        investigations: ctx.services.use("investigations"),
      });
      const schedule = startCloseSchedule({
        clock: ctx.clock,
        log: ctx.log,
        sites: ctx.sites.list,
        closeTime: cfg.closeTime,
        isKept: async (site, day) => (await kept.read(site, day)) !== undefined,
        buildAndKeep: async (site, day) => void (await service.keepEndOfDay(site, day)),
      });
      const deps = { db: ctx.db, sites: ctx.sites, service, kept, now: () => ctx.clock.now() };
      return {
        routes: [
          { path: "/reports", app: reportsPages(deps) },
          { path: "/api/reports", app: reportsApi(deps) },
        ],
        nav: [{ href: "/reports", label: "Reports" }],
        stop: () => schedule.stop(),
      };
    },
  };
}
