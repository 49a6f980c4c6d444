import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectAsync, type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import { loadConfig, type HubConfig } from "../config.js";
import { silentLog } from "../log.js";
import { startHub, type RunningHub } from "../main.js";

const MOSQUITTO_URL = process.env.HUB_TEST_MQTT_URL ?? "mqtt://127.0.0.1:1883";

async function brokerAnswers(url: string): Promise<boolean> {
  try {
    const c = await connectAsync(url, { connectTimeout: 1_500, reconnectPeriod: 0 });
    await c.endAsync();
    return true;
  } catch {
    return false;
  }
}

const mosquittoUp = await brokerAnswers(MOSQUITTO_URL);
if (!mosquittoUp) console.warn(`Mosquitto tests skipped: no broker answers at ${MOSQUITTO_URL}`);

const EVENTS = 10_000;
const scan = eventSchemas.scan.parse(loadExample("scan"));

describe.skipIf(!mosquittoUp)("hub on an external Mosquitto", () => {
  const suffix = randomBytes(4).toString("hex");
  const stationId = `test-${suffix}`;
  let dir: string;
  let cfg: HubConfig;
  let hub: RunningHub | undefined;
  let station: MqttClient;
  const acked = new Set<string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vaultline-mosq-"));
    cfg = loadConfig({
      HUB_PORT: "0",
      MQTT_URL: MOSQUITTO_URL,
      HUB_DATA_DIR: dir,
      HUB_MQTT_CLIENT_ID: `hub-test-${suffix}`,
      LOG_LEVEL: "silent",
    });
    station = await connectAsync(MOSQUITTO_URL, { clientId: `station-${stationId}`, clean: true });
    station.on("message", (_t, payload) => {
      for (const id of (JSON.parse(payload.toString()) as { ids: string[] }).ids) acked.add(id);
    });
    await station.subscribeAsync(topics.ack(stationId), { qos: 1 });
  });
  afterAll(async () => {
    await hub?.stop();
    await station?.endAsync(true);
    // Drop the hub's persistent session so Mosquitto stops queueing for it.
    const c = await connectAsync(MOSQUITTO_URL, { clientId: `hub-test-${suffix}`, clean: true }).catch(() => undefined);
    await c?.endAsync();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`stores ${EVENTS.toLocaleString("en-US")} events published while it was down exactly once`, async () => {
    hub = await startHub(cfg, { log: silentLog() });
    await hub.stop();
    hub = undefined;

    const events = Array.from({ length: EVENTS }, () => ({ ...scan, id: newId(), stationId }));
    const topic = topics.event(stationId, "scan");
    for (let i = 0; i < events.length; i += 500) {
      await Promise.all(
        events.slice(i, i + 500).map((e) => station.publishAsync(topic, JSON.stringify(e), { qos: 1 })),
      );
    }

    hub = await startHub(cfg, { log: silentLog() });
    // What a station's outbox does: resend whatever is not acked yet, until the hub has acked it all.
    const deadline = Date.now() + 60_000;
    while (acked.size < EVENTS && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      const unacked = events.filter((e) => !acked.has(e.id));
      for (let i = 0; i < unacked.length; i += 500) {
        await Promise.all(
          unacked.slice(i, i + 500).map((e) => station.publishAsync(topic, JSON.stringify(e), { qos: 1 })),
        );
      }
    }
    expect(acked.size).toBe(EVENTS);
    const row = await hub.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("station_id", "=", stationId)
      .executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(EVENTS);
  });
});
