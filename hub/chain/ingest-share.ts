/**
 * A chain's hub process ingests only the stations of the partitions it holds (partitions.ts):
 * it subscribes to their state and events, and hands the ingest only their messages. Every
 * process also hears every station's retained state on `+/state`, to learn of stations it may
 * come to hold; messages of other processes' stations are dropped before the ingest. A station's
 * events in flight while its partition moves are not lost: the station resends until an ack.
 *
 *   +/state ──▶ known stations ─┐
 *   stations table ─────────────┼─▶ held partitions ─▶ subscribe {id}/state, {id}/event/+
 *   advisory locks ─────────────┘                       unsubscribe the rest
 */
import type { Kysely } from "kysely";
import { parseTopic, TOPIC_ROOT } from "#contract/topics.js";
import type { HubClient } from "#hub/bus/hub-client.js";
import type { Log } from "#hub/log.js";
import type { Database } from "#hub/store/database.js";
import { partitionOf, startPartitions, type Partitions } from "./partitions.js";

/** The subscriptions every chain process holds from the start. */
export const CHAIN_BASE_SUBSCRIPTIONS = [`${TOPIC_ROOT}/+/state`];

export interface IngestShare {
  /** Passes a message on to `handle` when this process holds its station; else notes the station. */
  route(
    topic: string,
    payload: Buffer,
    handle: (t: string, p: Buffer) => Promise<void> | undefined,
  ): Promise<void> | undefined;
  /** True when this process ingests `stationId` now. */
  holds(stationId: string): boolean;
  /** Once the broker link is up: subscribe to the held stations. */
  attach(client: HubClient): Promise<void>;
  stop(): Promise<void>;
}

const filtersOf = (id: string) => [`${TOPIC_ROOT}/${id}/state`, `${TOPIC_ROOT}/${id}/event/+`];

export async function startIngestShare(deps: {
  db: Kysely<Database>;
  dbUrl: string;
  scope: string;
  partitions: number;
  log: Log;
  everyMs?: number;
}): Promise<IngestShare> {
  const log = deps.log.child({ mod: "chain-ingest" });
  const known = new Set<string>();
  const subscribed = new Set<string>();
  let client: HubClient | undefined;
  let syncing: Promise<void> = Promise.resolve();
  const holds = (id: string) => parts.owned().has(partitionOf(id, deps.partitions));

  const resubscribe = async () => {
    if (!client) return;
    for (const r of await deps.db.selectFrom("stations").select("id").execute()) known.add(r.id);
    const want = [...known].filter(holds);
    const add = want.filter((id) => !subscribed.has(id));
    const drop = [...subscribed].filter((id) => !holds(id));
    if (add.length > 0) await client.subscribe(add.flatMap(filtersOf));
    if (drop.length > 0) await client.unsubscribe(drop.flatMap(filtersOf));
    for (const id of add) subscribed.add(id);
    for (const id of drop) subscribed.delete(id);
    if (add.length + drop.length > 0)
      log.info({ added: add.length, dropped: drop.length, held: subscribed.size }, "stations held");
  };
  const sync = () => {
    syncing = syncing
      .then(resubscribe)
      .catch((err: Error) => log.warn({ err: err.message }, "station subscriptions not changed"));
    return syncing;
  };
  const parts: Partitions = await startPartitions({
    dbUrl: deps.dbUrl,
    scope: deps.scope,
    partitions: deps.partitions,
    log: deps.log,
    ...(deps.everyMs ? { everyMs: deps.everyMs } : {}),
    onChange: () => void sync(),
  });
  return {
    holds,
    route(topic, payload, handle) {
      const t = parseTopic(topic);
      if (t.kind === "state" || t.kind === "event") {
        if (!known.has(t.stationId)) {
          known.add(t.stationId);
          void sync();
        }
        if (!holds(t.stationId)) return undefined;
      }
      return handle(topic, payload);
    },
    async attach(c) {
      client = c;
      await sync();
    },
    async stop() {
      await parts.stop();
      await syncing;
    },
  };
}
