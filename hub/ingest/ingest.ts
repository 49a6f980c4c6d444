import type { Kysely } from "kysely";
import { parseTopic, topics } from "#contract/topics.js";
import type { StationStatus } from "#contract/messages.js";
import { checkStationEvent, checkStationStatus, type AnyStationEvent } from "#contract/validate.js";
import type { Clock } from "../clock.js";
import type { Log } from "../log.js";
import { insertDeadLetters, toDeadLetterRow } from "../ledger/dead-letters.js";
import { insertEvents, toEventRow } from "../ledger/events.js";
import { touchStations } from "../ledger/stations.js";
import type { Database, DeadLettersTable } from "../store/database.js";

/**
 * Station messages → ledger, in batches.
 *
 *   broker ─▶ handle(topic, bytes) ─▶ validate ─┬─▶ pending events ──┐  every flushMs or batchSize
 *                                               └─▶ dead letters ────┼─▶ ONE transaction:
 *                                                                    │     INSERT … ON CONFLICT(id) DO NOTHING
 *   station ◀── ack {ids} per station (QoS 1) ◀─────────────────────┘     + dead letters + stations.last_seen
 *
 * Every stored id is acked, duplicates included: a station resends until it sees its ack
 * (Mosquitto drops queued messages past 1,000 per client), so an ignored duplicate still needs one.
 */
export interface IngestDeps {
  db: Kysely<Database>;
  /** QoS 1 publish of a hub → station message. */
  publish(topic: string, payload: string): Promise<void>;
  log: Log;
  clock: Clock;
  /** Flush when this many messages wait. */
  batchSize: number;
  /** Flush a partial batch after this long, ms. */
  flushMs: number;
  /**
   * Past this many waiting messages the ingest asks its caller to hold the broker back
   * (default 20 batches). Generous on purpose: a held Mosquitto queues only 1,000 messages
   * per client and drops the rest, which the stations then resend.
   */
  maxPending?: number;
  /** A station's valid status (or last will) arrived; called after earlier events are stored. */
  onStatus?(status: StationStatus): void;
  /** New events were stored (not duplicates), in arrival order. */
  onStored?(events: readonly AnyStationEvent[]): void;
}

/** Counters since start. */
export interface IngestStats {
  /** Messages handed to the ingest (events, states and bad ones). */
  received: number;
  /** Events stored for the first time. */
  stored: number;
  /** Valid events whose id was already stored. */
  duplicates: number;
  deadLettered: number;
  /** Messages waiting for the next flush. */
  pending: number;
}

export interface Ingest {
  /**
   * Takes one message from a station topic. Returns a promise only when the ingest is behind
   * (pending past a high-water mark); the caller should wait for it before reading more.
   */
  handle(topic: string, raw: Buffer | string): Promise<void> | undefined;
  /** Stores everything pending now. */
  flush(): Promise<void>;
  stats(): IngestStats;
  /** Flushes, stops the timer, and waits (up to 2 s) for the last acks to reach the broker. */
  close(): Promise<void>;
}

/** Most "message set aside" log lines per second; a station sending garbage must not flood the journal. */
const WARNINGS_PER_SECOND = 5;

function throttledWarn(log: Log, clock: Clock): (topic: string, reason: string) => void {
  let windowStart = 0;
  let inWindow = 0;
  let suppressed = 0;
  return (topic, reason) => {
    const now = clock.now();
    if (now - windowStart >= 1_000) {
      if (suppressed > 0) log.warn({ suppressed, code: "MESSAGE_INVALID" }, "more messages set aside (see dead letters)");
      windowStart = now;
      inWindow = 0;
      suppressed = 0;
    }
    if (++inWindow <= WARNINGS_PER_SECOND) log.warn({ topic, reason, code: "MESSAGE_INVALID" }, "message set aside");
    else suppressed++;
  };
}

interface Pending {
  events: { event: AnyStationEvent }[];
  deadLetters: DeadLettersTable[];
}

/** Builds the batching ingest; see IngestDeps for the knobs. */
export function createIngest(deps: IngestDeps): Ingest {
  const counters = { received: 0, stored: 0, duplicates: 0, deadLettered: 0 };
  const highWater = deps.maxPending ?? deps.batchSize * 20;
  let pending: Pending = { events: [], deadLetters: [] };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let flushing = false;
  let waiters: (() => void)[] = [];
  const acksInFlight = new Set<Promise<void>>();

  const size = () => pending.events.length + pending.deadLetters.length;
  const nowIso = () => new Date(deps.clock.now()).toISOString();

  const warn = throttledWarn(deps.log, deps.clock);

  function deadLetter(topic: string, reason: string, raw: Buffer | string): void {
    warn(topic, reason);
    pending.deadLetters.push(toDeadLetterRow(topic, reason, raw, nowIso()));
  }

  function schedule(): void {
    if (size() >= deps.batchSize) {
      void flush();
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = null;
        void flush();
      }, deps.flushMs);
    }
  }

  function handle(topic: string, raw: Buffer | string): Promise<void> | undefined {
    const t = parseTopic(topic);
    // The hub listens to the whole station tree to catch misrouted messages; its own acks and
    // commands come back to it there and are not station messages.
    if (t.kind === "ack" || t.kind === "command") return undefined;
    counters.received++;
    if (t.kind === "event") {
      const checked = checkStationEvent(topic, raw);
      if (checked.ok) pending.events.push({ event: checked.value });
      else deadLetter(topic, checked.reason, raw);
    } else if (t.kind === "state") {
      const checked = checkStationStatus(topic, raw);
      // Events that came before a status are stored before it is handed on, so a last will
      // (offline) is never overtaken by the batch of events the station sent before it died.
      if (checked.ok) void flush().then(() => deps.onStatus?.(checked.value));
      else deadLetter(topic, checked.reason, raw);
    } else {
      deadLetter(topic, "not a station event or state topic", raw);
    }
    if (size() === 0) return undefined;
    schedule();
    return size() >= highWater ? new Promise<void>((resolve) => waiters.push(resolve)) : undefined;
  }

  async function store(batch: Pending): Promise<void> {
    const receivedAt = nowIso();
    const unique = new Map<string, AnyStationEvent>();
    for (const { event } of batch.events) if (!unique.has(event.id)) unique.set(event.id, event);
    const stations = new Map<string, string>();
    for (const e of unique.values()) stations.set(e.stationId, e.siteId);
    const rows = [...unique.values()].map((e) => toEventRow(e, receivedAt));
    const inserted = await deps.db.transaction().execute(async (trx) => {
      const ids = rows.length > 0 ? await insertEvents(trx, rows) : [];
      await insertDeadLetters(trx, batch.deadLetters);
      if (stations.size > 0) await touchStations(trx, stations, receivedAt);
      return new Set(ids);
    });
    const fresh = [...unique.values()].filter((e) => inserted.has(e.id));
    counters.stored += fresh.length;
    counters.duplicates += batch.events.length - fresh.length;
    counters.deadLettered += batch.deadLetters.length;
    if (batch.events.length > 0) ackAll(batch.events.map((p) => p.event));
    if (fresh.length > 0) deps.onStored?.(fresh);
  }

  /**
   * Publishes the acks without waiting for their PUBACKs: while the ingest holds incoming
   * messages (behind), the broker's PUBACKs queue behind them on the same connection, so waiting
   * here would never end.
   */
  function ackAll(events: readonly AnyStationEvent[]): void {
    const byStation = new Map<string, Set<string>>();
    for (const e of events) {
      const ids = byStation.get(e.stationId) ?? new Set<string>();
      ids.add(e.id);
      byStation.set(e.stationId, ids);
    }
    const at = nowIso();
    for (const [stationId, ids] of byStation) {
      const sending = deps.publish(topics.ack(stationId), JSON.stringify({ ids: [...ids], at })).catch((err: Error) => {
        // The station resends unacked events, so a lost ack costs a duplicate, never an event.
        deps.log.warn({ stationId, err: err.message, code: "MQTT_PUBLISH" }, "ack not published");
      });
      acksInFlight.add(sending);
      void sending.finally(() => acksInFlight.delete(sending));
    }
  }

  function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (flushing) return running;
    flushing = true;
    running = (async () => {
      while (size() > 0) {
        const batch = pending;
        pending = { events: [], deadLetters: [] };
        try {
          await store(batch);
        } catch (err) {
          // Nothing was committed: the stations resend what they did not see acked.
          deps.log.error({ err: (err as Error).message, code: "DB_UNAVAILABLE", events: batch.events.length }, "batch not stored");
        }
        release();
      }
      flushing = false;
    })();
    return running;
  }

  function release(): void {
    if (size() >= highWater) return;
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  }

  return {
    handle,
    flush,
    stats: () => ({ ...counters, pending: size() }),
    close: async () => {
      await flush();
      if (timer) clearTimeout(timer);
      await Promise.race([Promise.all(acksInFlight), new Promise((r) => setTimeout(r, 2_000).unref())]);
    },
  };
}
