/**
 * Reconciliation as a hub module: give it to startHub's `modules` (compose.ts does).
 *
 *   startHub(cfg, { modules: [..., reconcileModule(reconcileSlice(cfg))] })
 *
 * It uses counts (physical figures), investigations (a case per difference) and the state system
 * (a sync before a scheduled or dashboard run) when modules provide them, and runs without each.
 * It mounts /reconciliation and /api/reconciliations, adds "Reconciliation" to the header, and
 * reconciles each site's previous business day once its clock passes RECONCILE_AT.
 */
import { startDailyJob } from "#hub/daily-job.js";
import type { HubModule } from "#hub/modules.js";
import type { ReconcileConfig } from "./config.js";
import { hasRun } from "./run-store.js";
import { reconciliationApi, reconciliationPages } from "./routes.js";
import { reconcileDay, type RunRequest } from "./service.js";

export function reconcileModule(cfg: ReconcileConfig): HubModule {
  return {
    name: "reconcile",
    uses: ["counts", "investigations", "stateSystem"],
    start(ctx) {
      const deps = {
        db: ctx.db,
        log: ctx.log.child({ mod: "reconcile" }),
        clock: ctx.clock,
        counts: ctx.services.use("counts"),
        investigations: ctx.services.use("investigations"),
      };
      const ss = ctx.services.use("stateSystem");
      /** A run after a sync of the site's state system (when it has one; a failed sync compares what was synced last). */
      const run = async (req: RunRequest) => {
        const worker = ss?.forSite(req.site)?.worker;
        if (worker)
          await worker
            .syncNow()
            .catch((err: unknown) => deps.log.warn({ err, site: req.site }, "reconcile: sync before the run failed"));
        return reconcileDay(deps, req);
      };
      const schedule = startDailyJob({
        mod: "reconcile",
        failureCode: "RECONCILE_SCHEDULE_FAILED",
        sites: ctx.sites.list,
        at: cfg.at,
        dayOffset: -1,
        // A hub down at that time runs yesterday's when it starts; it does not go back further.
        catchUpAtStart: false,
        clock: ctx.clock,
        log: deps.log,
        done: (site, day) => hasRun(ctx.db, site, day, "schedule"),
        run: async (site, day) => {
          await run({ site: site.id, timeZone: site.timeZone, day, trigger: "schedule", actor: "schedule" });
        },
      });
      const routeDeps = { db: ctx.db, sites: ctx.sites, clock: ctx.clock, run };
      return {
        routes: [
          { path: "/reconciliation", app: reconciliationPages(routeDeps) },
          { path: "/api/reconciliations", app: reconciliationApi(routeDeps) },
        ],
        nav: [{ href: "/reconciliation", label: "Reconciliation" }],
        stop: () => schedule.stop(),
      };
    },
  };
}
