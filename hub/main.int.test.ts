import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectAsync, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas, StationStatus } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import { loadConfig } from "./config.js";
import { silentLog } from "./log.js";
import { seedLedger } from "./ledger/seed.js";
import { startHub, type RunningHub } from "./main.js";
import { ONE_PACKAGE, TEST_SITE, TEST_TAG as TAG } from "#hub/testing/ledger.js";

const scan = eventSchemas.scan.parse(loadExample("scan"));
const state = StationStatus.parse(loadExample("state"));

const store = {
  ...ONE_PACKAGE,
  employees: [
    {
      id: "emp-001",
      name: "Dana Reyes",
      role: "coordinator" as const,
      badge: "EMP-0001",
      pinHash: "scrypt$16384$8$1$a$b",
      active: true,
    },
  ],
};

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("hub with its embedded broker", () => {
  let dir: string;
  let hub: RunningHub;
  let station: MqttClient;
  const inbox: { topic: string; body: { payload: Record<string, unknown>; ids?: string[] } }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vaultline-hub-"));
    const cfg = loadConfig({ HUB_PORT: "0", MQTT_PORT: "0", HUB_DATA_DIR: dir, LOG_LEVEL: "silent" });
    hub = await startHub(cfg, { log: silentLog(), beforeStart: (db) => seedLedger(db, TEST_SITE, store) });
    station = await connectAsync(hub.mqttUrl, {
      clientId: "station-vault-1",
      clean: false,
      keepalive: 1,
      will: { topic: topics.state("vault-1"), payload: Buffer.from(exampleOffline()), qos: 1, retain: true },
    });
    station.on("message", (topic, payload) => inbox.push({ topic, body: JSON.parse(payload.toString()) }));
    await station.subscribeAsync(topics.stationInbox("vault-1"), { qos: 1 });
  });
  afterAll(async () => {
    await station?.endAsync(true);
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports the actual ports and a healthy ledger and broker", async () => {
    expect(hub.port).toBeGreaterThan(0);
    expect(hub.mqttUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    const health = await (await fetch(`${hub.url}/api/health`)).json();
    expect(health).toMatchObject({
      ok: true,
      db: { ok: true, dialect: "sqlite" },
      broker: { connected: true, embedded: true },
    });
  });

  it("sends employees and the whole catalog when a station comes online", async () => {
    await station.publishAsync(topics.state("vault-1"), JSON.stringify({ ...state, id: newId() }), {
      qos: 1,
      retain: true,
    });
    const catalog = await until(() => inbox.find((m) => m.topic === topics.command("vault-1", "catalog")));
    const employees = inbox.find((m) => m.topic === topics.command("vault-1", "employees"));
    expect(catalog.body.payload).toMatchObject({
      mode: "replace",
      packages: [{ label: TAG }],
      items: [{ id: "item-1" }],
    });
    expect(employees?.body.payload.employees).toEqual([
      expect.objectContaining({ id: "emp-001", pinHash: expect.stringMatching(/^scrypt\$/) }),
    ]);
    const stations = await (await fetch(`${hub.url}/api/stations`)).json();
    expect(stations).toEqual([expect.objectContaining({ id: "vault-1", online: true, outboxDepth: 0 })]);
  });

  it("stores scans once, acks every copy, and serves the package with its history", async () => {
    const a = { ...scan, id: newId(), at: "2026-11-27T18:00:00.000Z" };
    const b = { ...scan, id: newId(), at: "2026-11-27T18:05:00.000Z" };
    for (const e of [b, a, a])
      await station.publishAsync(topics.event("vault-1", "scan"), JSON.stringify(e), { qos: 1 });
    const acked = await until(() => {
      const ids = inbox.filter((m) => m.topic === topics.ack("vault-1")).flatMap((m) => m.body.ids as string[]);
      return ids.includes(a.id) && ids.includes(b.id) ? ids : undefined;
    });
    expect(acked).toEqual(expect.arrayContaining([a.id, b.id]));
    await until(() => hub.ingest.stats().stored >= 2 || undefined);
    expect(hub.ingest.stats()).toMatchObject({ stored: 2, duplicates: 1 });
    const res = await fetch(`${hub.url}/api/packages/${TAG}`);
    const body = (await res.json()) as { history: { id: string }[] };
    expect(body).toMatchObject({
      label: TAG,
      known: true,
      item: { name: "Blue Dream 3.5 g" },
      quantity: 4,
      location: "Vault A-1",
      status: "active",
    });
    expect(body.history.map((h) => h.id)).toEqual([a.id, b.id]);
  });

  it("answers for an unknown tag that was scanned, 404 for one never seen, 400 for a malformed one", async () => {
    const unknown = "1A4060300002199000000042";
    const e = {
      ...scan,
      id: newId(),
      payload: { ...scan.payload, code: unknown, classification: { kind: "metrc-tag", tag: unknown, form: "strict" } },
    };
    await station.publishAsync(topics.event("vault-1", "scan"), JSON.stringify(e), { qos: 1 });
    const body = await until(async () => {
      const r = await fetch(`${hub.url}/api/packages/${unknown}`);
      return r.status === 200 ? ((await r.json()) as object) : undefined;
    });
    expect(body).toMatchObject({ label: unknown, known: false, item: null, history: [{ id: e.id }] });
    const never = await fetch(`${hub.url}/api/packages/1A4060300002199000000043`);
    expect(never.status).toBe(404);
    expect(((await never.json()) as { error: string }).error).toMatch(/never scanned/);
    const bad = await fetch(`${hub.url}/api/packages/NOT-A-TAG`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/24 characters/);
  });

  it("dead-letters a malformed message and keeps running", async () => {
    const before = hub.ingest.stats().deadLettered;
    await station.publishAsync(topics.event("vault-1", "scan"), "{garbage", { qos: 1 });
    await station.publishAsync("vault/v1/station/vault-1/telemetry", "{}", { qos: 1 });
    await until(() => hub.ingest.stats().deadLettered >= before + 2 || undefined);
    const page = await (await fetch(`${hub.url}/`)).text();
    expect(page).toContain("not JSON");
    expect(page).toContain("vault/v1/station/vault-1/telemetry");
    expect((await fetch(`${hub.url}/api/health`)).status).toBe(200);
  });

  it("shows a killed station offline from its last will", async () => {
    (station as unknown as { stream: { destroy(): void } }).stream.destroy();
    station.options.reconnectPeriod = 0;
    await until(async () => {
      const stations = (await (await fetch(`${hub.url}/api/stations`)).json()) as { online: boolean }[];
      return stations[0]?.online === false ? true : undefined;
    });
    const page = await (await fetch(`${hub.url}/`)).text();
    expect(page).toMatch(/data-station="vault-1"[^>]*>[\s\S]*?offline/);
  });
});

function exampleOffline(): string {
  return JSON.stringify({ ...(loadExample("state-offline") as object), id: newId() });
}
