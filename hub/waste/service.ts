/**
 * Waste on the hub: stored `waste` events applied one after another (one promise chain, so two
 * wastes of one package never race), and the adjustment reasons sent to the stations.
 */
import type { AnyStationEvent } from "#contract/validate.js";
import { stationSiteId } from "#hub/ledger/stations.js";
import { applyWaste } from "./apply.js";
import type { VaultOpsDeps } from "./context.js";
import { reasonsSender } from "./reasons.js";

export interface WasteService {
  /** Newly stored station events: the waste ones are applied to their site. */
  eventsStored(events: readonly AnyStationEvent[]): void;
  /** A station came online: it gets its site's adjustment reasons. */
  stationOnline(stationId: string): void;
  /** A site's state-system sync ended: its stations get the reasons again. */
  synced(site: string): void;
  /** Resolves when everything handed in so far is done. */
  settled(): Promise<void>;
}

export function createWasteService(
  deps: VaultOpsDeps & { publish(topic: string, payload: string): Promise<void> },
): WasteService {
  const reasons = reasonsSender(deps);
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (what: string, work: () => Promise<unknown>) => {
    chain = chain.then(work).then(
      () => undefined,
      (err: unknown) =>
        deps.log.error({ err, code: (err as { code?: string }).code ?? "WASTE_FAILED" }, `${what} failed`),
    );
  };
  return {
    eventsStored(events) {
      for (const e of events) {
        if (e.type !== "waste") continue;
        const site = deps.sites.siteOf(e.siteId);
        if (site) enqueue(`waste ${e.payload.wasteId}`, () => applyWaste(deps, site.id, e));
      }
    },
    stationOnline(stationId) {
      enqueue("adjustment reasons to a station", async () => {
        const site = deps.sites.siteOf((await stationSiteId(deps.db, stationId)) ?? "");
        if (site) await reasons.sendTo(site.id, stationId);
      });
    },
    synced(site) {
      enqueue("adjustment reasons to the stations", () => reasons.refresh(site));
    },
    settled: () => chain,
  };
}
