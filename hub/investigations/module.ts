/**
 * Investigations as a hub module: it provides `investigations` (hub/modules.ts
 * InvestigationsService: reconciliation and counts open their differences here), needs the ledger
 * (adjusted packages to the stations) and uses the state system (adjustment reasons, and the
 * submission queue resolutions go to).
 *
 *   startHub(cfg, { modules: [stateSystemModule(…), investigationsModule(investigationsSlice(cfg)), …] })
 *
 * It mounts /investigations, /api/investigations and /packages/:label/timeline, and adds
 * "Investigations" to the header. At start it queues the approved resolutions a stopped hub left.
 */
import type { HubModule } from "#hub/modules.js";
import { DEFAULT_INVESTIGATIONS_CONFIG, type InvestigationsConfig } from "./config.js";
import { investigationPages, investigationsApi, packageTimelineRoutes } from "./routes.js";
import { createInvestigationsService } from "./service.js";

/** Builds the investigations module from its slice of the configuration (config.ts `investigationsSlice`). */
export function investigationsModule(config: InvestigationsConfig = DEFAULT_INVESTIGATIONS_CONFIG): HubModule {
  return {
    name: "investigations",
    provides: ["investigations"],
    needs: ["ledger"],
    uses: ["stateSystem"],
    start(ctx) {
      const service = createInvestigationsService({
        db: ctx.db,
        log: ctx.log,
        clock: ctx.clock,
        sites: ctx.sites,
        config,
        stateSystem: ctx.services.use("stateSystem"),
        ledger: ctx.services.need("ledger"),
      });
      void service.flush();
      const deps = { db: ctx.db, sites: ctx.sites, service, clock: ctx.clock };
      return {
        routes: [
          { path: "/investigations", app: investigationPages(deps) },
          { path: "/api/investigations", app: investigationsApi(deps) },
          { path: "/packages", app: packageTimelineRoutes(deps) },
        ],
        nav: [{ href: "/investigations", label: "Investigations" }],
        provides: { investigations: { open: service.open, daySummary: service.daySummary } },
        stop: () => service.flush(),
      };
    },
  };
}
