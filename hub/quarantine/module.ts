/**
 * Quarantine as a hub module: it needs the ledger (package status and location, catalog upserts
 * to the stations) and uses the state system when a module provides one (the quarantine shelf and
 * the release as location changes, queued per site).
 *
 *   startHub(cfg, { modules: [stateSystemModule(slice), quarantineModule()] })
 *
 * It mounts /quarantine and /api/quarantine, adds "Quarantine" to the header, applies the
 * stations' quarantine events, and queues the location changes at start and every `everyMs`.
 */
import type { HubModule } from "#hub/modules.js";
import { quarantineApi, quarantinePages } from "./routes.js";
import { createQuarantineService, type QuarantineService } from "./service.js";

export interface QuarantineModuleOptions {
  /** The quarantine shelf offered on the dashboard. Default "Quarantine". */
  quarantineLocation?: string;
  /** Between passes that queue waiting location changes, ms. Default 60 s. */
  everyMs?: number;
  onStarted?(service: QuarantineService): void;
}

export function quarantineModule(opts: QuarantineModuleOptions = {}): HubModule {
  return {
    name: "quarantine",
    needs: ["ledger"],
    uses: ["stateSystem"],
    start(ctx) {
      const ss = ctx.services.use("stateSystem");
      const service = createQuarantineService({
        db: ctx.db,
        log: ctx.log,
        clock: ctx.clock,
        sites: ctx.sites,
        stationSync: ctx.services.need("ledger"),
        stateSystem: (site) => ss?.forSite(site),
      });
      ctx.onEventsStored((events) => service.eventsStored(events));
      const timer = setInterval(() => void service.pass(), opts.everyMs ?? 60_000);
      timer.unref();
      void service.pass();
      opts.onStarted?.(service);
      const deps = {
        db: ctx.db,
        sites: ctx.sites,
        service,
        quarantineLocation: opts.quarantineLocation ?? "Quarantine",
      };
      return {
        routes: [
          { path: "/quarantine", app: quarantinePages(deps) },
          { path: "/api/quarantine", app: quarantineApi(deps) },
        ],
        nav: [{ href: "/quarantine", label: "Quarantine" }],
        async stop() {
          clearInterval(timer);
          await service.settled();
        },
      };
    },
  };
}
