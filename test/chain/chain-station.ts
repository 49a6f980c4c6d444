/**
 * A vault station's bus as the chain tests and the chain benchmark need it, many per process:
 * the station contract without devices or kiosk. Events go into an outbox first and leave it only
 * when the hub's ack names them; unacked events are resent every `resendMs` (station/bus does the
 * same). It connects to every node of the cluster in turn (mqtt.js `servers`), with a persistent
 * session, a retained "online" status and a retained last will "offline".
 */
import mqtt, { type MqttClient } from "mqtt";
import { newId } from "#contract/ids.js";
import { HubAck } from "#contract/messages.js";
import { topics } from "#contract/topics.js";

export interface ChainStationOptions {
  stationId: string;
  siteId: string;
  /** The cluster's MQTT URLs; the station starts on `first` and moves on when a node goes. */
  urls: string[];
  first?: number;
  username: string;
  password: string;
  resendMs?: number;
}

function status(stationId: string, siteId: string, online: boolean, startedAt: string): string {
  const payload = online ? { online, startedAt, outboxDepth: 0 } : { online };
  return JSON.stringify({ id: newId(), type: "state", stationId, siteId, at: new Date().toISOString(), payload });
}

function scan(stationId: string, siteId: string, n: number): { id: string; body: string } {
  const id = newId();
  const tag = `1A4060300012B7C${String(n % 1_000_000).padStart(9, "0")}`;
  const body = JSON.stringify({
    id,
    type: "scan",
    stationId,
    siteId,
    at: new Date().toISOString(),
    payload: {
      code: tag,
      scannerId: "scanner-1",
      classification: { kind: "metrc-tag", tag, form: "strict" },
      workflow: "count",
    },
  });
  return { id, body };
}

export class ChainStation {
  /** Event ids published and not yet acked, with when each was last sent (ms). */
  readonly outbox = new Map<string, { body: string; sentAt: number }>();
  /** Every id this station made (the test's expected set). */
  readonly made: string[] = [];
  /** Commands received: topic and body. */
  readonly commands: { topic: string; body: string }[] = [];
  private client: MqttClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt = new Date().toISOString();

  constructor(private readonly opts: ChainStationOptions) {}

  get id(): string {
    return this.opts.stationId;
  }

  async start(): Promise<void> {
    const { stationId, siteId, urls } = this.opts;
    const order = urls.map((_, i) => urls[(i + (this.opts.first ?? 0)) % urls.length]!);
    const client = mqtt.connect({
      servers: order.map((u) => ({ host: new URL(u).hostname, port: Number(new URL(u).port) })),
      protocolVersion: 4,
      clientId: `station-${stationId}`,
      clean: false,
      keepalive: 5,
      reconnectPeriod: 500,
      connectTimeout: 5_000,
      username: this.opts.username,
      password: this.opts.password,
      will: {
        topic: topics.state(stationId),
        payload: Buffer.from(status(stationId, siteId, false, this.startedAt)),
        qos: 1,
        retain: true,
      },
    });
    this.client = client;
    client.on("connect", () => {
      void client.subscribeAsync(topics.stationInbox(stationId), { qos: 1 }).catch(() => undefined);
      void client
        .publishAsync(topics.state(stationId), status(stationId, siteId, true, this.startedAt), {
          qos: 1,
          retain: true,
        })
        .catch(() => undefined);
    });
    client.on("message", (topic, payload) => this.onMessage(topic, payload));
    await new Promise<void>((resolve) => client.once("connect", () => resolve()));
    const resendMs = this.opts.resendMs ?? 3_000;
    this.timer = setInterval(() => this.resend(resendMs), Math.max(100, resendMs / 4));
  }

  private onMessage(topic: string, payload: Buffer): void {
    if (topic === topics.ack(this.id)) {
      const ack = HubAck.safeParse(JSON.parse(payload.toString()));
      if (ack.success) for (const id of ack.data.ids) this.outbox.delete(id);
      return;
    }
    this.commands.push({ topic, body: payload.toString() });
  }

  private resend(resendMs: number): void {
    const c = this.client;
    if (!c?.connected) return;
    const now = Date.now();
    let sent = 0;
    for (const e of this.outbox.values()) {
      if (now - e.sentAt < resendMs) continue;
      e.sentAt = now;
      void c.publishAsync(topics.event(this.id, "scan"), e.body, { qos: 1 }).catch(() => undefined);
      if (++sent >= 2_000) break;
    }
  }

  /** Publishes `count` scans, at most `inFlight` awaiting their PUBACK at once. */
  async publishScans(count: number, inFlight = 50): Promise<void> {
    let n = 0;
    const one = async () => {
      while (n < count) {
        const e = scan(this.id, this.opts.siteId, this.made.length);
        n++;
        this.made.push(e.id);
        this.outbox.set(e.id, { body: e.body, sentAt: Date.now() });
        await this.publish(topics.event(this.id, "scan"), e.body);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, one));
  }

  /** QoS 1 publish that waits through a reconnect instead of failing (the outbox keeps the event anyway). */
  private async publish(topic: string, body: string): Promise<void> {
    const c = this.client!;
    await Promise.race([
      c.publishAsync(topic, body, { qos: 1 }).catch(() => undefined),
      new Promise((r) => setTimeout(r, 5_000)),
    ]);
  }

  /** Subscribes to another station's commands (the ACL test); resolves with the granted QoS, or an error text. */
  async trySubscribe(filter: string): Promise<string> {
    return this.client!.subscribeAsync(filter, { qos: 1 }).then(
      (g) => `granted ${g[0]?.qos}`,
      (err: Error) => `refused: ${err.message}`,
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.client?.endAsync();
  }
}
