/**
 * Counts as a hub module: it needs the ledger, uses the state system (adjustment reasons and the
 * submission queue) and investigations when modules provide them, and provides `counts`.
 *
 *   startHub(cfg, { modules: [stateSystemModule(…), countsModule(countsSlice(cfg))] })
 *
 * It mounts /counts and /api/counts, adds "Counts" to the header, applies the stations' count
 * events, sends each station its open counts when it comes online, and every `everyMs` creates
 * the day's cycle count of each site (when `autoSchedule`) and queues approved adjustments that
 * are not queued yet.
 */
import type { HubModule } from "#hub/modules.js";
import type { CountsConfig } from "./config.js";
import { countsServiceOf } from "./queries.js";
import { countsApi, countsPages } from "./routes.js";
import { createCountsRunner, type CountsRunner } from "./service.js";

export interface CountsModuleOptions {
  /** Between passes, ms. Default 5 min. */
  everyMs?: number;
  /** Hands the started runner to the caller (tests, demo). */
  onStarted?(runner: CountsRunner): void;
}

/** Builds the counts module from its configuration slice (config.ts). */
export function countsModule(cfg: CountsConfig, opts: CountsModuleOptions = {}): HubModule {
  return {
    name: "counts",
    provides: ["counts"],
    needs: ["ledger"],
    uses: ["stateSystem", "investigations"],
    start(ctx) {
      const runner = createCountsRunner({
        db: ctx.db,
        log: ctx.log.child({ mod: "counts" }),
        clock: ctx.clock,
        sites: ctx.sites,
        cfg,
        publish: ctx.publish,
        stateSystem: ctx.services.use("stateSystem"),
        investigations: () => ctx.services.use("investigations"),
      });
      ctx.onEventsStored((events) => runner.eventsStored(events));
      ctx.onStationOnline((id) => runner.stationOnline(id));
      const timer = setInterval(() => void runner.pass(), opts.everyMs ?? 5 * 60_000);
      timer.unref();
      void runner.pass();
      opts.onStarted?.(runner);
      const deps = { db: ctx.db, sites: ctx.sites, runner };
      return {
        routes: [
          { path: "/counts", app: countsPages(deps) },
          { path: "/api/counts", app: countsApi(deps) },
        ],
        nav: [{ href: "/counts", label: "Counts" }],
        provides: { counts: countsServiceOf(ctx.db) },
        async stop() {
          clearInterval(timer);
          await runner.settled();
        },
      };
    },
  };
}
