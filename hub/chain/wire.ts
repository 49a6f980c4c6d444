import type { Kysely } from "kysely";
import type { HubConfig } from "#hub/config.js";
import type { Log } from "#hub/log.js";
import type { Database } from "#hub/store/database.js";
import type { LiveFeed } from "#hub/web/live.js";
import { CHAIN_BASE_SUBSCRIPTIONS, startIngestShare, SUBSCRIBE_BATCH, type IngestShare } from "./ingest-share.js";
import { startLiveRelay, type LiveRelay } from "./live-relay.js";

/** What startHub wires in when HUB_CHAIN=1: the ingest share, the live relay, and how the hub's client connects. */
export interface ChainProcess {
  share: IngestShare;
  relay: LiveRelay;
  client: { subscriptions: string[]; clean: true; filtersPerSubscribe: number };
  stop(): Promise<void>;
}

/** Starts this process's part of a chain: partition locks and the live relay, on their own connections. */
export async function startChainProcess(
  cfg: HubConfig,
  deps: { db: Kysely<Database>; live: LiveFeed; log: Log },
): Promise<ChainProcess> {
  const dbUrl = cfg.HUB_DB_URL!;
  const scope = cfg.HUB_DB_SCHEMA || "public";
  const share = await startIngestShare({
    db: deps.db,
    dbUrl,
    scope,
    partitions: cfg.HUB_CHAIN_PARTITIONS,
    log: deps.log,
  });
  const relay = await startLiveRelay({ dbUrl, scope, live: deps.live, log: deps.log }).catch(async (err: unknown) => {
    await share.stop();
    throw err;
  });
  return {
    share,
    relay,
    client: { subscriptions: CHAIN_BASE_SUBSCRIPTIONS, clean: true, filtersPerSubscribe: SUBSCRIBE_BATCH },
    async stop() {
      await share.stop();
      await relay.stop();
    },
  };
}
