/**
 * Waste as a hub module: it needs the ledger and uses the state system when a module provides
 * one (each site's worker takes the queued adjustments; its syncs refresh the reasons).
 *
 *   startHub(cfg, { modules: [stateSystemModule(slice), wasteModule()] })
 *
 * It applies the stations' `waste` events, sends each site's adjustment reasons and waste methods
 * to its stations (`adjustment-reasons` command) when they come online and after each sync, and
 * mounts /waste and /api/waste with "Waste" in the header.
 */
import type { HubModule } from "#hub/modules.js";
import { wasteApi, wastePages } from "./routes.js";
import { createWasteService, type WasteService } from "./service.js";

export interface WasteModuleOptions {
  /** Hands the started service to the caller (tests). */
  onStarted?(service: WasteService): void;
}

export function wasteModule(opts: WasteModuleOptions = {}): HubModule {
  return {
    name: "waste",
    needs: ["ledger"],
    uses: ["stateSystem"],
    start(ctx) {
      const stateSystem = ctx.services.use("stateSystem");
      const service = createWasteService({
        db: ctx.db,
        sites: ctx.sites,
        log: ctx.log,
        clock: ctx.clock,
        ledger: ctx.services.need("ledger"),
        stateSystem,
        publish: ctx.publish,
      });
      ctx.onEventsStored((events) => service.eventsStored(events));
      ctx.onStationOnline((id) => service.stationOnline(id));
      const unhook = ctx.sites.ids().map((site) => {
        const worker = stateSystem?.forSite(site)?.worker;
        const onProgress = (p: { running: boolean; finishedAt: string | null }) => {
          if (!p.running && p.finishedAt) service.synced(site);
        };
        worker?.events.on("progress", onProgress);
        return () => worker?.events.off("progress", onProgress);
      });
      opts.onStarted?.(service);
      const deps = { db: ctx.db, sites: ctx.sites };
      return {
        routes: [
          { path: "/waste", app: wastePages(deps) },
          { path: "/api/waste", app: wasteApi(deps) },
        ],
        nav: [{ href: "/waste", label: "Waste" }],
        async stop() {
          for (const off of unhook) off();
          await service.settled();
        },
      };
    },
  };
}
