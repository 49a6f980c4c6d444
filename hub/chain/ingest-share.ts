/**
 * A chain's hub process ingests only the stations of the partitions it holds (partitions.ts):
 * it subscribes to their events, and hands the ingest only their messages and states. Every
 * process also hears every station's retained state on `+/state`, to learn of stations it may
 * come to hold; messages of other processes' stations are dropped before the ingest. A station's
 * events in flight while its partition moves are not lost: the station resends until an ack.
 *
 *   +/state ──▶ known stations ─┐
 *   stations table ─────────────┼─▶ held partitions ─▶ subscribe {id}/event/+
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

/**
 * A held station's events. Its state comes on the shared `+/state` (one subscription for all):
 * NATS makes a JetStream consumer per QoS 1 subscription, each one more Raft group on the cluster.
 */
const filterOf = (id: string) => `${TOPIC_ROOT}/${id}/event/+`;
const ALL_EVENTS = `${TOPIC_ROOT}/+/event/+`;

/**
 * Stations per SUBSCRIBE (the hub client's filtersPerSubscribe). NATS answers a SUBSCRIBE only once
 * it made every filter's consumer and gives up on any it cannot make within 4 s (0x80): small
 * batches, and a refused one is retried.
 */
export const SUBSCRIBE_BATCH = 4;
/** Between retries of refused subscriptions (and checks for new stations), ms. */
const RESYNC_MS = 2_000;

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

  // Alone (every partition held): one subscription for all stations' events, one JetStream consumer.
  let everything = false;
  const holdEverything = async (c: HubClient) => {
    if ((await c.subscribe([ALL_EVENTS])).length > 0) throw new Error("subscription to every station's events refused");
    everything = true;
    if (subscribed.size > 0) await c.unsubscribe([...subscribed].map(filterOf));
    subscribed.clear();
    log.info("every station held: one subscription for all events");
  };
  const holdSome = async (c: HubClient) => {
    const drop = [...subscribed].filter((id) => !holds(id));
    if (drop.length > 0) await c.unsubscribe(drop.map(filterOf));
    for (const id of drop) subscribed.delete(id);
    const add = [...known].filter((id) => holds(id) && !subscribed.has(id));
    const notHeld = new Set(await c.subscribe(add.map(filterOf)));
    for (const id of add) if (!notHeld.has(filterOf(id))) subscribed.add(id);
    const refused = notHeld.size;
    // The held stations' own subscriptions are in place before the one for all goes.
    if (everything && refused === 0) {
      await c.unsubscribe([ALL_EVENTS]);
      everything = false;
    }
    if (add.length + drop.length > 0) {
      log.info({ added: add.length - refused, refused, dropped: drop.length, held: subscribed.size }, "stations held");
    }
  };
  const resubscribe = async () => {
    if (!client) return;
    for (const r of await deps.db.selectFrom("stations").select("id").execute()) known.add(r.id);
    if (parts.owned().size === deps.partitions) {
      if (!everything) await holdEverything(client);
      return;
    }
    await holdSome(client);
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
  const timer = setInterval(() => void sync(), RESYNC_MS);
  timer.unref();
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
      clearInterval(timer);
      await parts.stop();
      await syncing;
    },
  };
}
