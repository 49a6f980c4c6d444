import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topics } from "#contract/topics.js";
import { createBrokerAuth, runStationAddCli } from "#hub/auth/index.js";
import { renderAcl, renderPasswordFile } from "#hub/auth/mosquitto-files.js";
import { createAuthStore } from "#hub/auth/store.js";
import { startEmbeddedBroker } from "#hub/bus/broker.js";
import { silentLog } from "#hub/log.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import {
  collect,
  connectClient,
  mosquittoMissing,
  ROOT,
  sleep,
  startShippedMosquitto,
  subscribeGranted,
  waitFor,
} from "./broker-acl-kit.js";

/**
 * The broker lets a station connect only with its own credentials, publish only under its own
 * topics and read only its own commands — checked the same way against the embedded aedes broker
 * (hub/auth/broker-auth.ts) and against Mosquitto started with firmware-config/broker/.
 */
interface Creds {
  id: string;
  username: string;
  password: string;
}
interface BrokerUnderTest {
  url: string;
  stop(): Promise<void>;
}

const HUB = { username: "vaultline-hub", password: "hub-broker-password-for-tests" };
let ledger: TestLedger;
let stationA: Creds;
let stationB: Creds;

async function addStation(id: string): Promise<Creds> {
  const out: string[] = [];
  const code = await runStationAddCli(["add", id], {
    db: ledger.db,
    log: silentLog(),
    out: (l) => out.push(l),
    err: () => undefined,
    hubMqtt: HUB,
  });
  expect(code).toBe(0);
  return JSON.parse(out[0] ?? "{}") as Creds;
}

beforeAll(async () => {
  ledger = await openTestLedger("sqlite");
  stationA = await addStation("vault-a");
  stationB = await addStation("vault-b");
});
afterAll(() => ledger.dispose());

const asStation = (url: string, c: Creds, password = c.password) =>
  connectClient(url, { clientId: `station-${c.id}`, username: c.username, password, clean: true });
const asHub = (url: string) => connectClient(url, { clientId: `hub-${Math.random().toString(16).slice(2)}`, ...HUB });
const end = (...clients: MqttClient[]) => Promise.all(clients.map((c) => c.endAsync(true)));

/**
 * Broker differences that do not change what a station can do: aedes disconnects a client whose
 * publish is refused and answers a refused SUBSCRIBE with 0x80; Mosquitto 2.0 drops the publish
 * silently and grants the subscription but delivers nothing its read ACL refuses.
 */
interface BrokerTraits {
  deniedPublishDisconnects: boolean;
  deniedSubscribeIs128: boolean;
}

function aclSuite(name: string, start: () => Promise<BrokerUnderTest>, opts: BrokerTraits) {
  describe(name, () => {
    let broker: BrokerUnderTest;
    beforeAll(async () => {
      broker = await start();
    });
    afterAll(() => broker?.stop());

    it("refuses anonymous clients and wrong passwords, accepts the issued credentials", async () => {
      await expect(connectClient(broker.url, { clientId: "anon" })).rejects.toThrow(
        /Not authorized|Bad username or password|refused/i,
      );
      await expect(asStation(broker.url, stationA, "not-the-password")).rejects.toThrow(
        /Not authorized|Bad username or password/i,
      );
      await expect(asStation(broker.url, stationA, stationB.password)).rejects.toThrow(
        /Not authorized|Bad username or password/i,
      );
      const ok = await asStation(broker.url, stationA);
      expect(ok.connected).toBe(true);
      await end(ok);
    });

    it("delivers a station's own events to the hub but never one published as another station", async () => {
      const hub = await asHub(broker.url);
      const got = collect(hub);
      await subscribeGranted(hub, topics.allEvents);
      const a = await asStation(broker.url, stationA);
      a.publish(topics.event(stationB.id, "scan"), "forged", { qos: 0 });
      a.publish(topics.state(stationB.id), "forged", { qos: 0 });
      await sleep(300);
      const b = await asStation(broker.url, stationB);
      await b.publishAsync(topics.event(stationB.id, "scan"), "genuine", { qos: 1 });
      await waitFor(() => got.some((m) => m.payload === "genuine"));
      await sleep(200);
      expect(got.filter((m) => m.payload === "forged")).toEqual([]);
      if (opts.deniedPublishDisconnects) expect(a.connected).toBe(false);
      const a2 = await asStation(broker.url, stationA);
      await a2.publishAsync(topics.event(stationA.id, "weight"), "own", { qos: 1 });
      await waitFor(() => got.some((m) => m.topic === topics.event(stationA.id, "weight") && m.payload === "own"));
      await end(hub, a, a2, b);
    });

    it("lets a station read only its own commands and acks", async () => {
      const a = await asStation(broker.url, stationA);
      const b = await asStation(broker.url, stationB);
      const gotA = collect(a);
      const gotB = collect(b);
      const refusedGrant = await subscribeGranted(a, topics.command(stationB.id, "catalog"));
      if (opts.deniedSubscribeIs128) expect(refusedGrant).toBe(128);
      await subscribeGranted(a, "vault/v1/station/+/cmd/+");
      await subscribeGranted(a, "vault/v1/station/#");
      for (const t of topics.stationInbox(stationA.id)) expect(await subscribeGranted(a, t)).toBe(1);
      for (const t of topics.stationInbox(stationB.id)) expect(await subscribeGranted(b, t)).toBe(1);
      const hub = await asHub(broker.url);
      await hub.publishAsync(topics.command(stationB.id, "catalog"), "for-b", { qos: 1 });
      await hub.publishAsync(topics.ack(stationB.id), "ack-b", { qos: 1 });
      await hub.publishAsync(topics.command(stationA.id, "employees"), "for-a", { qos: 1 });
      await waitFor(() => gotA.some((m) => m.payload === "for-a") && gotB.some((m) => m.payload === "ack-b"));
      await sleep(200);
      expect(gotA.map((m) => m.payload).filter((p) => p !== "for-a")).toEqual([]);
      expect(gotB.map((m) => m.payload).sort()).toEqual(["ack-b", "for-b"]);
      await end(a, b, hub);
    });

    it("never shows a station other stations' events", async () => {
      const a = await asStation(broker.url, stationA);
      const gotA = collect(a);
      const granted = await subscribeGranted(a, topics.allEvents);
      if (opts.deniedSubscribeIs128) expect(granted).toBe(128);
      const hub = await asHub(broker.url);
      const gotHub = collect(hub);
      await subscribeGranted(hub, topics.allEvents);
      const b = await asStation(broker.url, stationB);
      await b.publishAsync(topics.event(stationB.id, "door"), "b-door", { qos: 1 });
      await waitFor(() => gotHub.some((m) => m.payload === "b-door"));
      await sleep(200);
      expect(gotA).toEqual([]);
      await end(a, b, hub);
    });
  });
}

aclSuite(
  "embedded aedes broker with createBrokerAuth",
  async () => {
    const hooks = createBrokerAuth({ store: createAuthStore(ledger.db), log: silentLog(), hub: HUB });
    const b = await startEmbeddedBroker({ port: 0, host: "127.0.0.1", hooks, log: silentLog() });
    return { url: b.url, stop: () => b.close() };
  },
  { deniedPublishDisconnects: true, deniedSubscribeIs128: true },
);

describe("embedded broker client ids", () => {
  it("refuses a station that connects under another station's client id", async () => {
    const hooks = createBrokerAuth({ store: createAuthStore(ledger.db), log: silentLog(), hub: HUB });
    const b = await startEmbeddedBroker({ port: 0, host: "127.0.0.1", hooks, log: silentLog() });
    try {
      await expect(
        connectClient(b.url, {
          clientId: `station-${stationB.id}`,
          username: stationA.username,
          password: stationA.password,
        }),
      ).rejects.toThrow(/Bad username or password/i);
    } finally {
      await b.close();
    }
  });
});

const missing = mosquittoMissing();
if (missing) console.warn(`Mosquitto ACL suite skipped: ${missing}`);

describe.skipIf(missing !== undefined)("Mosquitto with the shipped config", () => {
  let dir: string;
  let mosquitto: Awaited<ReturnType<typeof startShippedMosquitto>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vl-mosq-"));
    mosquitto = await startShippedMosquitto(dir, await renderPasswordFile(createAuthStore(ledger.db), HUB));
  });
  afterAll(async () => {
    await mosquitto?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ships the ACL that renderAcl produces for the default hub username", () => {
    expect(readFileSync(join(ROOT, "firmware-config/broker/acl"), "utf8")).toBe(renderAcl(HUB.username));
  });

  aclSuite("plain loopback listener", async () => ({ url: mosquitto.url, stop: async () => undefined }), {
    deniedPublishDisconnects: false,
    deniedSubscribeIs128: false,
  });

  it("does not let a station take over another station's session by its client id", async () => {
    const b = await asStation(mosquitto.url, stationB);
    const intruder = await connectClient(mosquitto.url, {
      clientId: `station-${stationB.id}`,
      username: stationA.username,
      password: stationA.password,
    });
    await sleep(300);
    expect(b.connected).toBe(true);
    await Promise.all([b.endAsync(true), intruder.endAsync(true)]);
  });

  it("accepts a station over TLS when it trusts the site CA, and refuses the handshake otherwise", async () => {
    const ca = readFileSync(mosquitto.caFile);
    const ok = await connectClient(mosquitto.tlsUrl, {
      clientId: `station-${stationA.id}`,
      username: stationA.username,
      password: stationA.password,
      ca,
      rejectUnauthorized: true,
    });
    expect(ok.connected).toBe(true);
    await ok.endAsync(true);
    await expect(
      connectClient(mosquitto.tlsUrl, {
        clientId: `station-${stationA.id}`,
        username: stationA.username,
        password: stationA.password,
        rejectUnauthorized: true,
      }),
    ).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
  });
});
