import { EventEmitter } from "node:events";
import { connect, type IClientOptions, type MqttClient } from "mqtt";
import type { Logger } from "pino";
import type { Envelope } from "#contract/envelope.js";
import { parseTopic, topics, type EventType } from "#contract/topics.js";
import { checkCommand, checkHubAck, type AnyCommand } from "#contract/validate.js";
import type { Clock } from "#station/clock.js";
import type { Outbox } from "#station/store/outbox.js";
import { statusMessage, type StatusFacts } from "./status-message.js";

/**
 * The station's only MQTT code. Publishes outbox events (QoS 1) and the retained status; receives
 * the hub's acks and commands.
 *
 *   outbox ──(window of N unacked)──▶ publish event/{type} ──▶ broker ──▶ hub ledger
 *      ▲                                                                   │
 *      └────────────── ack {ids} ◀──────────────── broker ◀────────────────┘
 *
 * Why resend until the hub acks, not until the broker's PUBACK: Mosquitto queues at most 1,000
 * QoS 1 messages for an offline client (max_queued_messages) and drops the rest, so a PUBACK
 * proves nothing about the ledger. The end-to-end ack is the guarantee; duplicates are harmless
 * because the hub stores each event id once.
 */
export interface BusDeps {
  url: string;
  stationId: string;
  siteId: string;
  /** MQTT keep-alive, seconds. */
  keepaliveSeconds: number;
  username?: string | undefined;
  password?: string | undefined;
  outbox: Outbox;
  /** Most unacknowledged events on the wire at once. */
  window: number;
  /** Publish an unacknowledged event again after this long, ms (backs off to 3× while no ack comes). */
  resendMs: number;
  clock: Clock;
  log: Logger;
  /** Applies a validated hub command; commands are handed over one at a time, in arrival order. */
  onCommand(cmd: AnyCommand): Promise<void>;
  /** Current facts for the retained status message. */
  statusFacts(): StatusFacts;
  /** mqtt.js connect, swappable in tests. */
  connectFn?: typeof connect;
}

/** Hub link as the kiosk and /api/status show it. */
export interface BusStatus {
  connected: boolean;
  /** ISO time of the last ack from the hub. */
  lastAckAt: string | null;
  /**
   * False when connected but events have waited longer than the resend interval without any ack:
   * the broker is up, the hub behind it is not storing.
   */
  answering: boolean;
  inFlight: number;
}

const STATUS_THROTTLE_MS = 1000;
/**
 * The retained status goes out again at least this often, so the hub can tell a quiet station
 * from a vanished one even where no last will reaches it (HUB_STATION_STALE_MS, 3 minutes).
 */
const STATUS_HEARTBEAT_MS = 60_000;
/** Resends back off to at most this multiple of `resendMs` while no ack comes. */
const MAX_BACKOFF = 3;

/** The station's MQTT link; see the diagram above `BusDeps`. */
export class StationBus {
  readonly events = new EventEmitter<{ link: [BusStatus] }>();
  private readonly client: MqttClient;
  private readonly inFlight = new Map<string, number>();
  private connected = false;
  private lastAckAt: string | null = null;
  private commandChain: Promise<void> = Promise.resolve();
  private resendEvery: number;
  private lastResendCheck: number;
  private readonly timer: NodeJS.Timeout;
  private statusTimer: NodeJS.Timeout | null = null;
  /** When the status was last published, on the monotonic clock. */
  private lastStatusAt = -Infinity;
  private stopped = false;
  private lastLinkError: string | null = null;
  /** When the oldest event still waiting for an ack was sent, ms; null when nothing waits. */
  private waitingSince: number | null = null;
  private lastAnswering = true;

  constructor(private readonly deps: BusDeps) {
    this.resendEvery = deps.resendMs;
    this.lastResendCheck = deps.clock.monotonic();
    this.client = (deps.connectFn ?? connect)(deps.url, this.options());
    this.client.on("connect", () => this.onConnect());
    this.client.on("close", () => this.onClose());
    this.client.on("error", (err) => this.onLinkError(err));
    this.client.on("message", (topic, payload) => this.onMessage(topic, payload));
    deps.outbox.events.on("added", () => this.pump());
    this.timer = setInterval(
      () => {
        this.resendStale();
        if (this.deps.clock.monotonic() - this.lastStatusAt >= STATUS_HEARTBEAT_MS) this.statusChanged();
      },
      Math.max(50, Math.min(1000, deps.resendMs / 4)),
    );
    this.timer.unref();
  }

  status(): BusStatus {
    const waited = this.waitingSince === null ? 0 : this.deps.clock.monotonic() - this.waitingSince;
    const answering = this.connected && waited < this.deps.resendMs;
    return { connected: this.connected, lastAckAt: this.lastAckAt, answering, inFlight: this.inFlight.size };
  }

  /** Something in the status changed: republish the retained status, at most once a second. */
  statusChanged(): void {
    if (this.statusTimer || !this.connected || this.stopped) return;
    const wait = Math.max(0, this.lastStatusAt + STATUS_THROTTLE_MS - this.deps.clock.monotonic());
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.publishStatus();
    }, wait);
    this.statusTimer.unref();
  }

  /** Publishes the "offline" status, then disconnects. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    if (this.connected) {
      const offline = statusMessage(this.deps.stationId, this.deps.siteId, new Date(this.deps.clock.now()), null);
      await Promise.race([
        this.client
          .publishAsync(topics.state(this.deps.stationId), JSON.stringify(offline), { qos: 1, retain: true })
          .catch(() => undefined),
        new Promise((r) => setTimeout(r, 1000)),
      ]);
    }
    await this.client.endAsync(true).catch(() => undefined);
    await this.commandChain;
  }

  private options(): IClientOptions {
    const { stationId, siteId } = this.deps;
    const will = statusMessage(stationId, siteId, new Date(this.deps.clock.now()), null);
    return {
      clientId: `station-${stationId}`,
      clean: false,
      keepalive: this.deps.keepaliveSeconds,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      username: this.deps.username,
      password: this.deps.password,
      will: { topic: topics.state(stationId), payload: Buffer.from(JSON.stringify(will)), qos: 1, retain: true },
    };
  }

  private onConnect(): void {
    this.connected = true;
    this.lastLinkError = null;
    this.inFlight.clear();
    this.waitingSince = null;
    this.lastAnswering = true;
    this.deps.log.info({ url: this.deps.url, depth: this.deps.outbox.depth }, "broker connected");
    this.client.subscribe(topics.stationInbox(this.deps.stationId), { qos: 1 }, (err) => {
      if (err) this.deps.log.error({ err: err.message, code: "MQTT_PUBLISH_FAILED" }, "subscribe failed");
    });
    this.publishStatus();
    this.events.emit("link", this.status());
    this.pump();
  }

  /** The first failure after a working link is a warning; retries every second are only debug lines. */
  private onLinkError(err: Error): void {
    const repeated = err.message === this.lastLinkError;
    this.lastLinkError = err.message;
    if (repeated) this.deps.log.debug({ err: err.message }, "broker still unreachable");
    else
      this.deps.log.warn(
        { err: err.message, code: "MQTT_PUBLISH_FAILED", url: this.deps.url },
        "broker link error; retrying every second",
      );
  }

  private onClose(): void {
    if (!this.connected) return;
    this.connected = false;
    this.inFlight.clear();
    this.waitingSince = null;
    this.lastAnswering = false;
    if (!this.stopped) this.deps.log.warn({ depth: this.deps.outbox.depth }, "broker link lost; outbox keeps events");
    this.events.emit("link", this.status());
  }

  private publishStatus(): void {
    // Once stopping, the last word on the retained topic is "offline".
    if (!this.connected || this.stopped) return;
    this.lastStatusAt = this.deps.clock.monotonic();
    const { stationId, siteId } = this.deps;
    const msg = statusMessage(stationId, siteId, new Date(this.deps.clock.now()), this.deps.statusFacts());
    this.client.publish(topics.state(stationId), JSON.stringify(msg), { qos: 1, retain: true }, (err) => {
      if (err && !this.stopped)
        this.deps.log.warn({ err: err.message, code: "MQTT_PUBLISH_FAILED" }, "status publish failed");
    });
  }

  /** Publishes pending events, oldest first, until the window is full. */
  private pump(): void {
    if (!this.connected || this.stopped) return;
    for (const env of this.deps.outbox.entries()) {
      if (this.inFlight.size >= this.deps.window) return;
      if (this.inFlight.has(env.id)) continue;
      this.send(env);
    }
  }

  private send(env: Envelope): void {
    this.inFlight.set(env.id, this.deps.clock.monotonic());
    this.waitingSince ??= this.deps.clock.monotonic();
    const topic = topics.event(this.deps.stationId, env.type as EventType);
    this.client.publish(topic, JSON.stringify(env), { qos: 1 }, (err) => {
      if (!err || this.stopped) return;
      this.inFlight.delete(env.id);
      this.deps.log.warn(
        { id: env.id, err: err.message, code: "MQTT_PUBLISH_FAILED" },
        "event publish failed; kept in outbox",
      );
    });
  }

  /** Tells the kiosk when the hub stops (or starts again) acknowledging. */
  private noteAnswering(): void {
    const { answering } = this.status();
    if (answering === this.lastAnswering) return;
    this.lastAnswering = answering;
    if (this.connected)
      this.deps.log[answering ? "info" : "warn"](
        { depth: this.deps.outbox.depth },
        answering ? "hub acknowledging again" : "hub not acknowledging events",
      );
    this.events.emit("link", this.status());
  }

  /** Events the hub has not acked within the resend interval go out again. */
  private resendStale(): void {
    this.noteAnswering();
    const now = this.deps.clock.monotonic();
    if (!this.connected || now - this.lastResendCheck < this.resendEvery) return;
    this.lastResendCheck = now;
    let stale = 0;
    for (const [id, sentAt] of this.inFlight) {
      if (now - sentAt < this.resendEvery) continue;
      this.inFlight.delete(id);
      stale++;
    }
    if (stale === 0) return;
    // No ack in a whole interval: the hub is probably down. Back off so a long outage does not
    // pile duplicates into the broker's queue for the hub.
    this.resendEvery = Math.min(this.resendEvery * 2, this.deps.resendMs * MAX_BACKOFF);
    this.deps.log.info({ stale, nextCheckMs: this.resendEvery }, "resending events the hub has not acked");
    this.pump();
  }

  private onMessage(topic: string, payload: Buffer): void {
    const t = parseTopic(topic);
    if (t.kind === "ack") return this.onAck(topic, payload);
    if (t.kind === "command") {
      const checked = checkCommand(topic, payload);
      if (!checked.ok) {
        this.deps.log.warn({ topic, reason: checked.reason, code: "MQTT_MESSAGE_INVALID" }, "command rejected");
        return;
      }
      const cmd = checked.value;
      this.commandChain = this.commandChain
        .then(() => this.deps.onCommand(cmd))
        .catch((err) => this.deps.log.error({ topic, err, code: "STORE_WRITE_FAILED" }, "command not applied"));
      return;
    }
    this.deps.log.warn({ topic, code: "MQTT_MESSAGE_INVALID" }, "message on an unexpected topic ignored");
  }

  private onAck(topic: string, payload: Buffer): void {
    const checked = checkHubAck(payload);
    if (!checked.ok) {
      this.deps.log.warn({ topic, reason: checked.reason, code: "MQTT_MESSAGE_INVALID" }, "ack rejected");
      return;
    }
    for (const id of checked.value.ids) this.inFlight.delete(id);
    this.deps.outbox.ack(checked.value.ids);
    this.lastAckAt = new Date(this.deps.clock.now()).toISOString();
    this.waitingSince = this.inFlight.size > 0 ? this.deps.clock.monotonic() : null;
    this.resendEvery = this.deps.resendMs;
    this.noteAnswering();
    this.pump();
  }
}
