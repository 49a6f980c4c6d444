import type { Kysely } from "kysely";
import { parseTopic, topics } from "#contract/topics.js";
import type { StationStatus } from "#contract/messages.js";
import { checkStationEvent, checkStationStatus, type AnyStationEvent } from "#contract/validate.js";
import type { Clock } from "../clock.js";
import type { Log } from "../log.js";
import { toDeadLetterRow } from "../ledger/dead-letters.js";
import type { SiteDirectory } from "../sites/directory.js";
import type { Database } from "../store/database.js";
import type { EventAuditMode } from "../ledger/event-audit.js";
import { storeSplitting, type Batch, type StoredPart } from "./batch-store.js";
import { IngestFailures, type IngestFailure } from "./failures.js";

export type { IngestFailure } from "./failures.js";

/**
 * Station messages → ledger, in batches.
 *
 *   broker ─▶ handle(topic, bytes) ─▶ validate ─┬─▶ pending events ──┐  every flushMs or batchSize
 *                                               └─▶ dead letters ────┼─▶ ONE transaction (batch-store.ts):
 *                                                                    │     INSERT … ON CONFLICT(id) DO NOTHING
 *   station ◀── ack {ids} per station (QoS 1) ◀─────────────────────┘     + dead letters + stations.last_seen
 *                                                                          split when the ledger refuses a value
 *
 * With a sites list, a valid message whose envelope names a site the hub does not serve is a
 * dead letter too, with the reason (it is not acked: the station keeps it until it is set right).
 *
 * Every stored id is acked, duplicates included: a station resends until it sees its ack
 * (Mosquitto drops queued messages past 1,000 per client), so an ignored duplicate still needs one.
 * A batch the ledger cannot store at all is not acked (the stations resend it) and shows in
 * `stats().failing` until a batch stores again.
 */
export interface IngestDeps {
  db: Kysely<Database>;
  /** QoS 1 publish of a hub → station message. */
  publish(topic: string, payload: string): Promise<void>;
  log: Log;
  clock: Pick<Clock, "now">;
  /** The sites served; a message naming another is set aside. Absent: every site is taken. */
  sites?: Pick<SiteDirectory, "refusal">;
  /** Flush when this many messages wait. */
  batchSize: number;
  /** Flush a partial batch after this long, ms. */
  flushMs: number;
  /** One audit entry per stored batch (default) or per event (HUB_INGEST_AUDIT). */
  eventAudit?: EventAuditMode;
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
  /** Set while batches fail to store (the ledger is away or refuses writes); null when storing. */
  failing: IngestFailure | null;
}

/** The ingest as the MQTT client, main.ts and the benchmark see it. */
export interface Ingest {
  /**
   * Takes one message from a station topic. Returns a promise only when the ingest is behind
   * (pending past a high-water mark); the caller should wait for it before reading more.
   */
  handle(topic: string, raw: Buffer | string): Promise<void> | undefined;
  /** Stores everything pending now. */
  flush(): Promise<void>;
  stats(): IngestStats;
  /**
   * Takes no more messages (later ones are left unacked, for the stations to resend), flushes,
   * and waits (up to 2 s) for the last acks to reach the broker.
   */
  close(): Promise<void>;
}

/** Most "message set aside" log lines per second; a station sending garbage must not flood the journal. */
const WARNINGS_PER_SECOND = 5;

function throttledWarn(log: Log, clock: Pick<Clock, "now">): (topic: string, reason: string) => void {
  let windowStart = 0;
  let inWindow = 0;
  let suppressed = 0;
  return (topic, reason) => {
    const now = clock.now();
    if (now - windowStart >= 1_000) {
      if (suppressed > 0)
        log.warn({ suppressed, code: "MESSAGE_INVALID" }, "more messages set aside (see dead letters)");
      windowStart = now;
      inWindow = 0;
      suppressed = 0;
    }
    if (++inWindow <= WARNINGS_PER_SECOND) log.warn({ topic, reason, code: "MESSAGE_INVALID" }, "message set aside");
    else suppressed++;
  };
}

/** Most ids in one ack message (the contract allows 10,000). */
const ACK_CHUNK = 5_000;

/** The batching ingest; see IngestDeps for the knobs. */
class BatchingIngest implements Ingest {
  private readonly counters = { received: 0, stored: 0, duplicates: 0, deadLettered: 0 };
  private readonly highWater: number;
  private pending: Batch = { events: [], deadLetters: [] };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private flushing = false;
  private closed = false;
  private waiters: (() => void)[] = [];
  private readonly acksInFlight = new Set<Promise<void>>();
  private readonly warn: (topic: string, reason: string) => void;
  private readonly failures: IngestFailures;

  constructor(private readonly deps: IngestDeps) {
    this.highWater = deps.maxPending ?? deps.batchSize * 20;
    this.warn = throttledWarn(deps.log, deps.clock);
    this.failures = new IngestFailures({ log: deps.log, clock: deps.clock });
  }

  handle(topic: string, raw: Buffer | string): Promise<void> | undefined {
    const t = parseTopic(topic);
    // The hub listens to the whole station tree to catch misrouted messages; its own acks and
    // commands come back to it there and are not station messages.
    if (t.kind === "ack" || t.kind === "command") return undefined;
    // Stopping: nothing more reaches a ledger about to close; unacked, the station sends it again.
    if (this.closed) return undefined;
    this.counters.received++;
    if (t.kind === "event") {
      const checked = checkStationEvent(topic, raw);
      const why = checked.ok ? this.deps.sites?.refusal(checked.value.siteId) : checked.reason;
      if (why !== undefined) this.deadLetter(topic, why, raw);
      else if (checked.ok) this.pending.events.push(checked.value);
    } else if (t.kind === "state") {
      const checked = checkStationStatus(topic, raw);
      const why = checked.ok ? this.deps.sites?.refusal(checked.value.siteId) : checked.reason;
      // Events that came before a status are stored before it is handed on, so a last will
      // (offline) is never overtaken by the batch of events the station sent before it died.
      if (why !== undefined) this.deadLetter(topic, why, raw);
      else if (checked.ok) void this.flush().then(() => this.deps.onStatus?.(checked.value));
    } else {
      this.deadLetter(topic, "not a station event or state topic", raw);
    }
    if (this.size() === 0) return undefined;
    this.schedule();
    return this.size() >= this.highWater ? new Promise<void>((resolve) => this.waiters.push(resolve)) : undefined;
  }

  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.flushing) return this.running;
    this.flushing = true;
    this.running = this.drain();
    return this.running;
  }

  stats(): IngestStats {
    return { ...this.counters, pending: this.size(), failing: this.failures.get() };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    await Promise.race([Promise.all(this.acksInFlight), new Promise((r) => setTimeout(r, 2_000).unref())]);
  }

  private size(): number {
    return this.pending.events.length + this.pending.deadLetters.length;
  }

  private nowIso(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }

  private deadLetter(topic: string, reason: string, raw: Buffer | string): void {
    this.warn(topic, reason);
    this.pending.deadLetters.push(toDeadLetterRow(topic, reason, raw, this.nowIso()));
  }

  private schedule(): void {
    if (this.size() >= this.deps.batchSize) {
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.deps.flushMs);
    }
  }

  /** Stores pending messages, at most one batch per transaction, until none wait. */
  private async drain(): Promise<void> {
    try {
      while (this.size() > 0) {
        const batch: Batch = {
          events: this.pending.events.splice(0, this.deps.batchSize),
          deadLetters: this.pending.deadLetters,
        };
        this.pending.deadLetters = [];
        try {
          const store = {
            db: this.deps.db,
            log: this.deps.log,
            receivedAt: this.nowIso(),
            eventAudit: this.deps.eventAudit,
          };
          await storeSplitting(store, batch, (part) => this.committed(part));
          this.failures.stored();
        } catch (err) {
          // Nothing of this part was committed: the stations resend what they did not see acked.
          this.failures.failed(err, batch.events.length);
        }
        this.release();
      }
    } finally {
      // Cleared in the same turn the last batch ends (or at once when nothing waits), so a
      // flush() right after sees the true state.
      this.flushing = false;
    }
  }

  /** Counts, acks and hands on one committed part of a batch. */
  private committed(part: StoredPart): void {
    const setAside = part.setAside ? 1 : 0;
    this.counters.stored += part.fresh.length;
    this.counters.duplicates += part.events - part.fresh.length - setAside;
    this.counters.deadLettered += part.deadLetters;
    const acked = part.setAside ? [...part.unique, part.setAside] : part.unique;
    if (acked.length > 0) this.ackAll(acked);
    if (part.fresh.length > 0) this.deps.onStored?.(part.fresh);
  }

  /**
   * Publishes the acks without waiting for their PUBACKs: while the ingest holds incoming
   * messages (behind), the broker's PUBACKs queue behind them on the same connection, so waiting
   * here would never end.
   */
  private ackAll(events: Iterable<AnyStationEvent>): void {
    const byStation = new Map<string, string[]>();
    for (const e of events) {
      const ids = byStation.get(e.stationId) ?? [];
      ids.push(e.id);
      byStation.set(e.stationId, ids);
    }
    const at = this.nowIso();
    for (const [stationId, ids] of byStation) {
      for (let i = 0; i < ids.length; i += ACK_CHUNK) this.sendAck(stationId, { ids: ids.slice(i, i + ACK_CHUNK), at });
    }
  }

  private sendAck(stationId: string, ack: { ids: string[]; at: string }): void {
    const sending = this.deps.publish(topics.ack(stationId), JSON.stringify(ack)).catch((err: Error) => {
      // The station resends unacked events, so a lost ack costs a duplicate, never an event.
      this.deps.log.warn({ stationId, err: err.message, code: "MQTT_PUBLISH" }, "ack not published");
    });
    this.acksInFlight.add(sending);
    void sending.finally(() => this.acksInFlight.delete(sending));
  }

  private release(): void {
    if (this.size() >= this.highWater) return;
    const ready = this.waiters;
    this.waiters = [];
    for (const w of ready) w();
  }
}

/** Builds the batching ingest; see IngestDeps for the knobs. */
export function createIngest(deps: IngestDeps): Ingest {
  return new BatchingIngest(deps);
}
