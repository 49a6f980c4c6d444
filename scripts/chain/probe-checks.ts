/**
 * What a vault station needs of a broker, one check each, run with mqtt.js against a real
 * cluster (scripts/chain/probe.ts). Each check says what it saw, so the results table in
 * docs/chain.md is what the broker did, not what its manual says.
 */
import { connect, type IClientOptions, type MqttClient } from "mqtt";

/** A broker under test: its nodes' MQTT URLs, logins, and how to kill and restart a node. */
export interface ProbeTarget {
  urls: string[];
  hub: { username: string; password: string };
  /** Two stations' logins (`stationId` is also the MQTT username's station). */
  stations: { stationId: string; username: string; password: string }[];
  killNode(i: number): Promise<void>;
  startNode(i: number): Promise<void>;
  /** A TLS listener and the CA that signed it, when the target has one. */
  tls?: { url: string; ca: Buffer; username: string; password: string };
}

export interface ProbeResult {
  need: string;
  ok: boolean;
  detail: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Got = { topic: string; body: string; retain: boolean }[];
const received = new WeakMap<MqttClient, Got>();

/**
 * Connects, collecting every message from the first packet on: a resumed session's queued
 * messages may arrive in the same read as the CONNACK, before a listener added later.
 */
async function client(url: string, opts: IClientOptions): Promise<MqttClient> {
  const c = connect(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 8000, ...opts });
  const got: Got = [];
  received.set(c, got);
  c.on("message", (topic, payload, packet) => got.push({ topic, body: payload.toString(), retain: packet.retain }));
  await new Promise<void>((resolve, reject) => {
    c.once("connect", () => resolve());
    c.once("error", (err) => reject(err));
    c.once("close", () => reject(new Error("connection closed before CONNACK")));
  });
  return c;
}

/** Connects, trying again every 500 ms for up to `ms` (a cluster electing new leaders refuses for a while). */
async function clientRetrying(
  url: string,
  opts: IClientOptions,
  ms: number,
): Promise<{ c: MqttClient; tries: number }> {
  const end = Date.now() + ms;
  for (let tries = 1; ; tries++) {
    try {
      return { c: await client(url, opts), tries };
    } catch (err) {
      if (Date.now() > end) throw err;
      await sleep(500);
    }
  }
}

function collect(c: MqttClient): Got {
  return received.get(c) ?? [];
}

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await sleep(50);
  }
  return true;
}

const root = "vault/v1/station";

/** QoS 1 publish is PUBACKed and reaches a QoS 1 subscriber on another node. */
export async function qos1(t: ProbeTarget): Promise<ProbeResult> {
  const [s] = t.stations;
  const hub = await client(t.urls[1]!, { ...t.hub, clientId: "probe-hub-q" });
  const got = collect(hub);
  await hub.subscribeAsync(`${root}/+/event/+`, { qos: 1 });
  const st = await client(t.urls[0]!, { ...s!, clientId: `station-${s!.stationId}` });
  for (let i = 0; i < 100; i++) await st.publishAsync(`${root}/${s!.stationId}/event/scan`, `q${i}`, { qos: 1 });
  const ok = await until(() => got.length >= 100, 5000);
  await Promise.all([hub.endAsync(), st.endAsync()]);
  return { need: "QoS 1", ok, detail: `100 PUBACKed on node 1, ${got.length} received QoS 1 on node 2` };
}

/** A clean=false subscriber that is away gets what was published meanwhile, from any node. */
export async function persistentSession(t: ProbeTarget): Promise<ProbeResult> {
  const [s] = t.stations;
  const opts = { ...t.hub, clientId: "probe-hub-session", clean: false };
  const first = await client(t.urls[0]!, opts);
  await first.subscribeAsync(`${root}/+/event/+`, { qos: 1 });
  await first.endAsync();
  const st = await client(t.urls[1]!, { ...s!, clientId: `station-${s!.stationId}` });
  for (let i = 0; i < 200; i++) await st.publishAsync(`${root}/${s!.stationId}/event/scan`, `p${i}`, { qos: 1 });
  await st.endAsync();
  const again = await client(t.urls[2]!, opts);
  const got = collect(again);
  const ok = await until(() => new Set(got.map((g) => g.body)).size >= 200, 10_000);
  await again.endAsync();
  await (await client(t.urls[0]!, { ...opts, clean: true })).endAsync();
  return {
    need: "persistent session",
    ok,
    detail: `subscribed on node 1, away, 200 published on node 2, back on node 3: ${new Set(got.map((g) => g.body)).size} distinct of 200`,
  };
}

/** A retained status is given to later subscribers, by exact topic and by `+/state`. */
export async function retained(t: ProbeTarget): Promise<ProbeResult> {
  const [s] = t.stations;
  const st = await client(t.urls[0]!, { ...s!, clientId: `station-${s!.stationId}` });
  await st.publishAsync(`${root}/${s!.stationId}/state`, `{"online":true}`, { qos: 1, retain: true });
  await st.endAsync();
  await sleep(500);
  const exact = await client(t.urls[1]!, { ...t.hub, clientId: "probe-ret-exact" });
  const gotExact = collect(exact);
  await exact.subscribeAsync(`${root}/${s!.stationId}/state`, { qos: 1 });
  const wild = await client(t.urls[2]!, { ...t.hub, clientId: "probe-ret-wild" });
  const gotWild = collect(wild);
  await wild.subscribeAsync(`${root}/+/state`, { qos: 1 });
  await until(() => gotExact.length > 0 && gotWild.length > 0, 3000);
  await Promise.all([exact.endAsync(), wild.endAsync()]);
  const e = gotExact.some((g) => g.retain);
  const w = gotWild.some((g) => g.retain);
  return {
    need: "retained status",
    ok: e && w,
    detail: `exact topic on node 2: ${e ? "yes" : "no"}; +/state on node 3: ${w ? "yes" : "no"}`,
  };
}

/** A station that vanishes (socket cut, no DISCONNECT) has its last will published. */
export async function lastWill(t: ProbeTarget): Promise<ProbeResult> {
  const [s] = t.stations;
  const hub = await client(t.urls[1]!, { ...t.hub, clientId: "probe-hub-will" });
  const got = collect(hub);
  await hub.subscribeAsync(`${root}/${s!.stationId}/state`, { qos: 1 });
  const st = await client(t.urls[0]!, {
    ...s!,
    clientId: `station-${s!.stationId}`,
    keepalive: 2,
    will: { topic: `${root}/${s!.stationId}/state`, payload: Buffer.from(`{"online":false}`), qos: 1, retain: true },
  });
  await sleep(300);
  st.stream.destroy();
  const ok = await until(() => got.some((g) => g.body.includes(`"online":false`)), 8000);
  st.end(true);
  await hub.endAsync();
  return {
    need: "last will",
    ok,
    detail: ok ? "will seen on another node after the socket was cut" : "no will within 8 s",
  };
}

/** Per-station logins: a wrong password is refused; station A can neither write B's events nor read B's commands. */
export async function credentialsAndAcl(t: ProbeTarget): Promise<ProbeResult> {
  const [a, b] = t.stations;
  const wrong = await client(t.urls[0]!, { username: a!.username, password: "wrong", clientId: "probe-wrong" }).then(
    async (c) => (await c.endAsync(), "accepted"),
    (err: Error) => `refused (${err.message})`,
  );
  const hub = await client(t.urls[0]!, { ...t.hub, clientId: "probe-hub-acl" });
  const got = collect(hub);
  await hub.subscribeAsync(`${root}/${b!.stationId}/event/+`, { qos: 1 });
  const sa = await client(t.urls[1]!, { ...a!, clientId: `station-${a!.stationId}` });
  const seenA = collect(sa);
  const grant = await sa.subscribeAsync(`${root}/${b!.stationId}/cmd/+`, { qos: 1 }).then(
    (g) => (g[0]?.qos === 128 ? "refused (SUBACK 0x80)" : `granted QoS ${g[0]?.qos}`),
    (err: Error) => `refused (${err.message})`,
  );
  // RabbitMQ closes the connection on a denied publish, so its PUBACK may never come.
  await Promise.race([
    sa.publishAsync(`${root}/${b!.stationId}/event/scan`, "forged", { qos: 1 }).catch(() => undefined),
    sleep(3000),
  ]);
  await hub.publishAsync(`${root}/${b!.stationId}/cmd/manifests`, "for-b", { qos: 1 });
  await sleep(1000);
  const forged = got.some((g) => g.body === "forged");
  const leaked = seenA.some((g) => g.body === "for-b");
  sa.end(true);
  await hub.endAsync();
  const ok = wrong.startsWith("refused") && !forged && !leaked;
  return {
    need: "per-station credentials and topic ACLs",
    ok,
    detail: `wrong password ${wrong}; A subscribing to B's cmd: ${grant}, B's command reached A: ${leaked ? "yes" : "no"}; A publishing as B reached the hub: ${forged ? "yes" : "no"}`,
  };
}

/** Stations reach the broker over TLS, checked against the CA. */
export async function tls(t: ProbeTarget): Promise<ProbeResult> {
  if (!t.tls) return { need: "TLS", ok: false, detail: "no TLS listener configured" };
  const c = await client(t.tls.url, {
    username: t.tls.username,
    password: t.tls.password,
    clientId: "probe-tls",
    ca: t.tls.ca,
    rejectUnauthorized: true,
  }).then(
    async (cl) => (await cl.endAsync(), "connected, certificate verified"),
    (err: Error) => `failed: ${err.message}`,
  );
  return { need: "TLS", ok: c.startsWith("connected"), detail: c };
}

/** `$share/group/filter`: two hub processes share the station events, each message to one of them. */
export async function sharedSubscription(t: ProbeTarget): Promise<ProbeResult> {
  const [s] = t.stations;
  const h1 = await client(t.urls[0]!, { ...t.hub, clientId: "probe-share-1" });
  const h2 = await client(t.urls[1]!, { ...t.hub, clientId: "probe-share-2" });
  const g1 = collect(h1);
  const g2 = collect(h2);
  const sub = async (c: MqttClient) =>
    c.subscribeAsync(`$share/hub/${root}/+/event/+`, { qos: 1 }).then(
      (g) => `QoS ${g[0]?.qos}`,
      (err: Error) => `refused (${err.message})`,
    );
  const grants = [await sub(h1), await sub(h2)];
  const st = await client(t.urls[2]!, { ...s!, clientId: `station-${s!.stationId}` });
  for (let i = 0; i < 100; i++) await st.publishAsync(`${root}/${s!.stationId}/event/scan`, `s${i}`, { qos: 1 });
  await sleep(1500);
  await Promise.all([h1.endAsync(), h2.endAsync(), st.endAsync()]);
  const total = g1.length + g2.length;
  const ok = total === 100 && g1.length > 0 && g2.length > 0;
  return {
    need: "shared subscriptions ($share)",
    ok,
    detail: `SUBACK ${grants.join(", ")}; received ${g1.length} + ${g2.length} of 100`,
  };
}

/** A node dies: stations and the hub move to another node; QoS 1 published meanwhile is not lost. */
export async function nodeLoss(t: ProbeTarget): Promise<ProbeResult> {
  const [s] = t.stations;
  const opts = { ...t.hub, clientId: "probe-hub-loss", clean: false };
  const hub = await client(t.urls[0]!, opts);
  await hub.subscribeAsync(`${root}/+/event/+`, { qos: 1 });
  await hub.endAsync();
  await t.killNode(0);
  const started = Date.now();
  const { c: st, tries } = await clientRetrying(t.urls[1]!, { ...s!, clientId: `station-${s!.stationId}` }, 20_000);
  const connectedMs = Date.now() - started;
  let acked = 0;
  for (let i = 0; i < 200; i++) {
    await st.publishAsync(`${root}/${s!.stationId}/event/scan`, `l${i}`, { qos: 1 }).then(
      () => acked++,
      () => undefined,
    );
  }
  await st.endAsync();
  const { c: again } = await clientRetrying(t.urls[2]!, opts, 20_000);
  const got = collect(again);
  await until(() => new Set(got.map((g) => g.body)).size >= acked, 10_000);
  await again.endAsync();
  await t.startNode(0);
  const distinct = new Set(got.map((g) => g.body)).size;
  return {
    need: "one node lost",
    ok: acked === 200 && distinct === 200,
    detail: `node 1 killed; a station got in on node 2 after ${connectedMs} ms (${tries} CONNECTs); ${acked}/200 PUBACKed in ${Date.now() - started} ms; session resumed on node 3 with ${distinct} distinct`,
  };
}

/** Every check, in the order of docs/chain.md's table. */
export const checks = [
  qos1,
  persistentSession,
  retained,
  lastWill,
  credentialsAndAcl,
  tls,
  sharedSubscription,
  nodeLoss,
];
