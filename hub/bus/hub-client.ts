import { connect, type MqttClient } from "mqtt";
import { HubError } from "../errors.js";
import type { Log } from "../log.js";
import { TOPIC_ROOT } from "#contract/topics.js";

/** Where the hub's own MQTT client connects and how it identifies itself. */
export interface HubClientOptions {
  url: string;
  clientId: string;
  username?: string | undefined;
  password?: string | undefined;
  log: Log;
  /** Takes each message; a returned promise holds the next message (and its PUBACK) until it settles. */
  onMessage(topic: string, payload: Buffer): Promise<void> | undefined;
  /** Connection timeout, ms. */
  connectTimeoutMs?: number;
  /** Topic filters to hold; default the whole station tree. A chain's hub process holds its stations' only. */
  subscriptions?: string[];
  /** A clean session (a chain's hub process: its stations move to others while it is away). */
  clean?: boolean;
  /**
   * Filters per SUBSCRIBE, on every subscribe and on the resubscribe after a reconnect; default all
   * in one. NATS answers a SUBSCRIBE only once it made every filter's JetStream consumer and gives
   * up on any it cannot make within 4 s (0x80), so a chain sends few at a time.
   */
  filtersPerSubscribe?: number;
}

/** The hub's broker link: QoS 1 publishes and its connection state. */
export interface HubClient {
  /** QoS 1 publish; `retain` for commands a late-joining station must still see. */
  publish(topic: string, payload: string, opts?: { retain?: boolean }): Promise<void>;
  connected(): boolean;
  /**
   * Adds QoS 1 subscriptions (held again after a reconnect), `filtersPerSubscribe` a SUBSCRIBE;
   * resolves to the filters the broker refused (or that a lost link left unanswered).
   */
  subscribe(filters: string[]): Promise<string[]>;
  /** Drops subscriptions. */
  unsubscribe(filters: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The hub's only mqtt.js code. A persistent session (clean: false, fixed client id) so that an
 * external broker queues station events while the hub is down; the stations' outboxes cover
 * whatever the broker drops beyond its queue limit.
 */
export async function connectHubClient(opts: HubClientOptions): Promise<HubClient> {
  const log = opts.log.child({ mod: "mqtt" });
  const client: MqttClient = connect(opts.url, {
    clientId: opts.clientId,
    clean: opts.clean ?? false,
    // The "connect" handler below holds the subscriptions again, a few per SUBSCRIBE; mqtt.js's own
    // resubscribe would send them all in one.
    resubscribe: false,
    keepalive: 30,
    reconnectPeriod: 1_000,
    connectTimeout: opts.connectTimeoutMs ?? 10_000,
    username: opts.username,
    password: opts.password,
  });
  let hold: Promise<void> | undefined;
  client.on("message", (topic, payload) => {
    hold = opts.onMessage(topic, payload);
  });
  // mqtt.js calls handleMessage after emitting "message" and reads the next packet only when it
  // calls back: holding the callback is how a hub that falls behind slows the broker down.
  client.handleMessage = (_packet, done) => {
    const wait = hold;
    hold = undefined;
    if (wait)
      wait.then(
        () => done(),
        () => done(),
      );
    else done();
  };
  // The whole station tree by default, not just state and event/+: a message on a wrong topic is
  // dead-lettered with its topic instead of vanishing unseen.
  const held = new Set(opts.subscriptions ?? [`${TOPIC_ROOT}/#`]);
  const perSubscribe = opts.filtersPerSubscribe ?? Number.POSITIVE_INFINITY;
  /** Sends `filters` a few per SUBSCRIBE; the filters of the refused ones, each refusal logged. */
  const subscribeInParts = async (filters: readonly string[]): Promise<string[]> => {
    const refused: string[] = [];
    for (let i = 0; i < filters.length; i += perSubscribe) {
      const part = filters.slice(i, i + perSubscribe);
      await client.subscribeAsync(part, { qos: 1 }).catch((err: Error) => {
        log.error({ err: err.message, filters: part, code: "MQTT_CONNECT" }, "subscribe failed");
        refused.push(...part);
      });
    }
    return refused;
  };
  client.on("connect", (ack) => {
    log.info({ url: opts.url, sessionPresent: ack.sessionPresent }, "connected to broker");
    void subscribeInParts([...held]);
  });
  client.on("offline", () => log.warn({ url: opts.url }, "broker link lost; reconnecting"));
  // mqtt.js retries every second while the broker is away: one line a minute is enough for the journal.
  let lastErrorLog = 0;
  let quiet = 0;
  client.on("error", (err) => {
    const now = Date.now();
    if (now - lastErrorLog < 60_000) {
      quiet++;
      return;
    }
    log.warn({ err: err.message, code: "MQTT_CONNECT", ...(quiet ? { repeated: quiet } : {}) }, "broker error");
    lastErrorLog = now;
    quiet = 0;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      reject(new HubError(`no MQTT broker answered at ${opts.url}: check MQTT_URL or MQTT_PORT`, "MQTT_CONNECT"));
    }, opts.connectTimeoutMs ?? 10_000);
    client.once("connect", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    publish: async (topic, payload, o) => {
      await client.publishAsync(topic, payload, { qos: 1, retain: o?.retain ?? false });
    },
    connected: () => client.connected,
    subscribe: async (filters) => {
      for (const f of filters) held.add(f);
      return client.connected ? subscribeInParts(filters) : [];
    },
    unsubscribe: async (filters) => {
      for (const f of filters) held.delete(f);
      if (filters.length > 0 && client.connected) await client.unsubscribeAsync(filters);
    },
    close: async () => {
      await client.endAsync();
    },
  };
}
