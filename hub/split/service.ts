/** Package splits on the hub: stored `split` events applied one after another (one promise chain). */
import type { AnyStationEvent } from "#contract/validate.js";
import type { VaultOpsDeps } from "#hub/waste/context.js";
import { applySplit } from "./apply.js";

export interface SplitService {
  /** Newly stored station events: the split ones are applied to their site. */
  eventsStored(events: readonly AnyStationEvent[]): void;
  /** Resolves when everything handed in so far is done. */
  settled(): Promise<void>;
}

export function createSplitService(deps: VaultOpsDeps): SplitService {
  let chain: Promise<void> = Promise.resolve();
  return {
    eventsStored(events) {
      for (const e of events) {
        if (e.type !== "split") continue;
        const site = deps.sites.siteOf(e.siteId);
        if (!site) continue;
        chain = chain
          .then(() => applySplit(deps, site.id, e))
          .then(
            () => undefined,
            (err: unknown) =>
              deps.log.error(
                { err, code: (err as { code?: string }).code ?? "SPLIT_FAILED", splitId: e.payload.splitId },
                "package split failed",
              ),
          );
      }
    },
    settled: () => chain,
  };
}
