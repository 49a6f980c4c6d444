/**
 * Receiving as a hub module: give it to startHub's `modules` (after the state-system module, whose
 * state system and worker it reads lazily).
 *
 *   startHub(cfg, { modules: [receivingModule({ stateSystem: () => ss && { stateSystem: ss.stateSystem, worker: ss.worker } })] })
 *
 * It mounts /receiving and /api/receiving, adds "Receiving" to the header, applies the stations'
 * receive events, offers open manifests to stations coming online, and runs a pass (lab results,
 * offer, outcome watch) at start, after every state-system sync and every `everyMs`.
 */
import type { HubModule } from "#hub/modules.js";
import type { StateSystem, StateSystemWorker } from "#hub/statesystem/index.js";
import { receivingApi, receivingPages } from "./routes.js";
import { createReceivingService, type ReceivingService } from "./service.js";

/** The state system as receiving uses it, once the state-system module started. */
export interface ReceivingStateSystem {
  stateSystem: Pick<StateSystem, "labResults" | "coaDocument">;
  /** Its worker's progress events: a progress that is not running and has finishedAt ends a sync. */
  worker?: Pick<StateSystemWorker, "events" | "syncNow">;
}

export interface ReceivingModuleOptions {
  stateSystem?: () => ReceivingStateSystem | undefined;
  /** IANA zone of the state system's local times (FACILITY_TIME_ZONE). Default America/Los_Angeles. */
  timeZone?: string;
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

/** A sync from the state system now (when there is one), then a pass; what happened, in words. */
async function checkNow(worker: ReceivingStateSystem["worker"], service: ReceivingService): Promise<string> {
  const report = worker ? await worker.syncNow() : null;
  await service.pass();
  if (!report) return "No state system is configured: compared with the records synced last.";
  if (report.ok) return "Synced from METRC and compared.";
  return `The sync from METRC failed (${report.entities.find((e) => e.error)?.error ?? "see the state-system page"}); compared with what was synced.`;
}

/** Builds the receiving module; see ReceivingModuleOptions. */
export function receivingModule(opts: ReceivingModuleOptions = {}): HubModule {
  return {
    name: "receiving",
    async start(ctx) {
      const ss = () => opts.stateSystem?.();
      const service = createReceivingService({
        db: ctx.db, log: ctx.log, clock: ctx.clock, stationSync: ctx.stationSync, publish: ctx.publish,
        labSource: () => ss()?.stateSystem, timeZone: opts.timeZone ?? "America/Los_Angeles",
        documentUrl: (fileId) => `${opts.publicUrl?.() ?? ""}/receiving/coa/${encodeURIComponent(fileId)}`,
        stillShippedAfterMs: opts.stillShippedAfterMs ?? 24 * 3_600_000,
      });
      ctx.onEventsStored((events) => service.eventsStored(events));
      ctx.onStationOnline((id) => service.stationOnline(id));
      const worker = ss()?.worker;
      const onProgress = (p: { running: boolean; finishedAt: string | null }) => {
        if (!p.running && p.finishedAt) void service.pass();
      };
      worker?.events.on("progress", onProgress);
      const timer = setInterval(() => void service.pass(), opts.everyMs ?? 5 * 60_000);
      timer.unref();
      void service.catchUp().then(() => service.pass());
      opts.onStarted?.(service);
      // The last check's outcome is shown on the manifest pages: the page reloads after a check.
      let lastCheck: { at: string; said: string } | null = null;
      const deps = {
        db: ctx.db, coaSource: () => ss()?.stateSystem, lastCheck: () => lastCheck, timeZone: opts.timeZone ?? "America/Los_Angeles",
        checkNow: async () => {
          const said = await checkNow(ss()?.worker, service);
          lastCheck = { at: new Date(ctx.clock.now()).toISOString(), said };
          return said;
        },
      };
      return {
        routes: [{ path: "/receiving", app: receivingPages(deps) }, { path: "/api/receiving", app: receivingApi(deps) }],
        nav: [{ href: "/receiving", label: "Receiving" }],
        async stop() {
          clearInterval(timer);
          worker?.events.off("progress", onProgress);
          await service.settled();
        },
      };
    },
  };
}
