/**
 * Restocking the sales floor as a hub module: it needs the ledger (package moves, catalog upserts
 * to the stations) and uses the state system when a module provides one (location changes queued
 * per site).
 *
 *   startHub(cfg, { modules: [stateSystemModule(slice), restockModule()] })
 *
 * It mounts /restock and /api/restock, adds "Restock" to the header, applies the stations' restock
 * events, sends each site's open requests to its stations coming online, and runs a pass per site
 * (low-stock check, queued location changes, the stations' list) at start, after restock events,
 * after each state-system sync, when a POS import landed (the newest `pos_imports` row changed:
 * imports from the dashboard and from the `pos import` CLI in another process alike), and every
 * `everyMs`.
 */
import type { Kysely } from "kysely";
import type { HubModule } from "#hub/modules.js";
import type { Database } from "#hub/store/database.js";
import type { FloorPlaces } from "./pick-list.js";
import { restockApi, restockPages } from "./routes.js";
import { createRestockService, type RestockService } from "./service.js";

export interface RestockModuleOptions {
  /** The sales floor's location name. Default "Sales Floor". */
  floorLocation?: string;
  /** The quarantine shelf, never picked from. Default "Quarantine". */
  quarantineLocation?: string;
  /** Between checks for a landed POS import, ms. Default 30 s. */
  importWatchMs?: number;
  /** Between full passes, ms. Default 5 min. */
  everyMs?: number;
  onStarted?(service: RestockService): void;
}

/** The newest POS import's time per site, to see one land. */
async function lastImports(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("pos_imports")
    .select(["site_id", (eb) => eb.fn.max("imported_at").as("last")])
    .groupBy("site_id")
    .execute();
  return new Map(rows.map((r) => [r.site_id, String(r.last)]));
}

export function restockModule(opts: RestockModuleOptions = {}): HubModule {
  return {
    name: "restock",
    needs: ["ledger"],
    uses: ["stateSystem"],
    async start(ctx) {
      const ss = ctx.services.use("stateSystem");
      const places: FloorPlaces = {
        floorLocation: opts.floorLocation ?? "Sales Floor",
        quarantineLocation: opts.quarantineLocation ?? "Quarantine",
      };
      const service = createRestockService({
        db: ctx.db,
        log: ctx.log,
        clock: ctx.clock,
        sites: ctx.sites,
        places,
        stationSync: ctx.services.need("ledger"),
        publish: ctx.publish,
        stateSystem: (site) => ss?.forSite(site),
      });
      ctx.onEventsStored((events) => service.eventsStored(events));
      ctx.onStationOnline((id) => service.stationOnline(id));
      const unhook = ctx.sites.ids().map((site) => {
        const worker = ss?.forSite(site)?.worker;
        const onProgress = (p: { running: boolean; finishedAt: string | null }) => {
          if (!p.running && p.finishedAt) void service.pass(site);
        };
        worker?.events.on("progress", onProgress);
        return () => worker?.events.off("progress", onProgress);
      });
      let seen = await lastImports(ctx.db);
      const watch = setInterval(() => {
        void lastImports(ctx.db)
          .then((now) => {
            for (const [site, at] of now) if (seen.get(site) !== at && ctx.sites.get(site)) void service.pass(site);
            seen = now;
          })
          .catch((err: Error) => ctx.log.warn({ err: err.message }, "POS import watch failed"));
      }, opts.importWatchMs ?? 30_000);
      watch.unref();
      const timer = setInterval(() => void service.pass(), opts.everyMs ?? 5 * 60_000);
      timer.unref();
      void service.catchUp().then(() => service.pass());
      opts.onStarted?.(service);
      const deps = {
        db: ctx.db,
        sites: ctx.sites,
        service,
        floorLocation: places.floorLocation,
        now: () => ctx.clock.now(),
      };
      return {
        routes: [
          { path: "/restock", app: restockPages(deps) },
          { path: "/api/restock", app: restockApi(deps) },
        ],
        nav: [{ href: "/restock", label: "Restock" }],
        async stop() {
          clearInterval(watch);
          clearInterval(timer);
          for (const off of unhook) off();
          await service.settled();
        },
      };
    },
  };
}
