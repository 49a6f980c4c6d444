/**
 * Receiving as a hub module: it needs the ledger (package state, catalog upserts to the stations)
 * and uses the state system when a module provides one (each site's lab results, COA documents,
 * a sync before each outcome check); startHub starts it after that module.
 *
 *   startHub(cfg, { modules: [stateSystemModule(slice), receivingModule()] })
 *
 * It mounts /receiving and /api/receiving, adds "Receiving" to the header, applies the stations'
 * receive events to their site, offers each site's open manifests to that site's stations coming
 * online, and runs a pass per site (lab results, offer, outcome watch) at start, after the site's
 * state-system sync and every `everyMs`. Each site's state system reads local times in its own
 * time zone (the site's `timeZone`).
 */
import type { HubModule, HubServices } from "#hub/modules.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import { receivingApi, receivingPages } from "./routes.js";
import { createReceivingService, type ReceivingService } from "./service.js";

export interface ReceivingModuleOptions {
  /**
   * Base URL the stations reach the hub's pages at (e.g. http://hub.local:8080), for COA links on
   * the kiosk; without it links are paths on the hub.
   */
  publicUrl?: () => string | undefined;
  /** Decided at the vault and still Shipped in METRC past this is flagged, ms. Default 24 h. */
  stillShippedAfterMs?: number;
  /** Between passes when no sync ends, ms. Default 5 min. */
  everyMs?: number;
  /** Hands the started service to the caller (tests, demo). */
  onStarted?(service: ReceivingService): void;
}

type StateSystems = HubServices["stateSystem"] | undefined;

/** A sync of each site asked for (when it has a state system), then a pass; what happened, in words. */
async function checkNow(ss: StateSystems, sites: readonly string[], service: ReceivingService): Promise<string> {
  const said: string[] = [];
  for (const site of sites) {
    const worker = ss?.forSite(site)?.worker;
    const report = worker ? await worker.syncNow() : null;
    await service.pass(site);
    const where = sites.length > 1 ? `${site}: ` : "";
    if (!report) said.push(`${where}No state system is configured: compared with the records synced last.`);
    else if (report.ok) said.push(`${where}Synced from METRC and compared.`);
    else
      said.push(
        `${where}The sync from METRC failed (${report.entities.find((e) => e.error)?.error ?? "see the state-system page"}); compared with what was synced.`,
      );
  }
  return said.join(" ");
}

/** `/receiving/coa/:fileId`, with the site when the hub serves several. */
function coaPath(sites: SiteDirectory, fileId: string, site: string): string {
  return `/receiving/coa/${encodeURIComponent(fileId)}${sites.multi ? `?site=${encodeURIComponent(site)}` : ""}`;
}

/** Builds the receiving module; see ReceivingModuleOptions. */
export function receivingModule(opts: ReceivingModuleOptions = {}): HubModule {
  return {
    name: "receiving",
    needs: ["ledger"],
    uses: ["stateSystem"],
    async start(ctx) {
      const ss = ctx.services.use("stateSystem");
      const { sites } = ctx;
      const service = createReceivingService({
        db: ctx.db,
        log: ctx.log,
        clock: ctx.clock,
        sites,
        stationSync: ctx.services.need("ledger"),
        publish: ctx.publish,
        labSource: (site) => ss?.forSite(site)?.system,
        documentUrl: (fileId, site) => `${opts.publicUrl?.() ?? ""}${coaPath(sites, fileId, site)}`,
        stillShippedAfterMs: opts.stillShippedAfterMs ?? 24 * 3_600_000,
      });
      ctx.onEventsStored((events) => service.eventsStored(events));
      ctx.onStationOnline((id) => service.stationOnline(id));
      const unhook = sites.ids().map((site) => {
        const worker = ss?.forSite(site)?.worker;
        const onProgress = (p: { running: boolean; finishedAt: string | null }) => {
          if (!p.running && p.finishedAt) void service.pass(site);
        };
        worker?.events.on("progress", onProgress);
        return () => worker?.events.off("progress", onProgress);
      });
      const timer = setInterval(() => void service.pass(), opts.everyMs ?? 5 * 60_000);
      timer.unref();
      void service.catchUp().then(() => service.pass());
      opts.onStarted?.(service);
      // The last check's outcome per site is shown on the manifest pages: the page reloads after a check.
      const lastCheck = new Map<string, { at: string; said: string }>();
      const deps = {
        db: ctx.db,
        sites,
        coaSource: (site: string) => ss?.forSite(site)?.system,
        lastCheck: (site: string) => lastCheck.get(site) ?? null,
        checkNow: async (chosen: readonly string[]) => {
          const said = await checkNow(ss, chosen, service);
          const at = new Date(ctx.clock.now()).toISOString();
          for (const site of chosen) lastCheck.set(site, { at, said });
          return said;
        },
      };
      return {
        routes: [
          { path: "/receiving", app: receivingPages(deps) },
          { path: "/api/receiving", app: receivingApi(deps) },
        ],
        nav: [{ href: "/receiving", label: "Receiving" }],
        async stop() {
          clearInterval(timer);
          for (const off of unhook) off();
          await service.settled();
        },
      };
    },
  };
}
