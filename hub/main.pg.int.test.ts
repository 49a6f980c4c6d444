import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectAsync } from "mqtt";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import { loadConfig } from "./config.js";
import { silentLog } from "./log.js";
import { startHub, type RunningHub } from "./main.js";
import { PG_TEST_URL, postgresAvailable } from "#hub/testing/ledger.js";

const pgUp = await postgresAvailable();
if (!pgUp) console.warn(`hub-on-PostgreSQL test skipped: nothing answers at ${PG_TEST_URL}`);

const scan = eventSchemas.scan.parse(loadExample("scan"));

describe.skipIf(!pgUp)("hub with its ledger on PostgreSQL", () => {
  const schema = `vl_hub_${randomBytes(5).toString("hex")}`;
  const dir = mkdtempSync(join(tmpdir(), "vaultline-pg-"));
  let hub: RunningHub | undefined;

  afterAll(async () => {
    await hub?.stop();
    const admin = new pg.Client({ connectionString: PG_TEST_URL });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it("migrates a fresh schema, stores a batch with duplicates once, and serves history", async () => {
    const cfg = loadConfig({
      HUB_PORT: "0",
      MQTT_PORT: "0",
      HUB_DATA_DIR: dir,
      HUB_DB_URL: PG_TEST_URL,
      HUB_DB_SCHEMA: schema,
      LOG_LEVEL: "silent",
    });
    hub = await startHub(cfg, { log: silentLog() });
    const station = await connectAsync(hub.mqttUrl, { clientId: "station-vault-1" });
    const events = Array.from({ length: 2_000 }, (_, i) => ({
      ...scan,
      id: newId(),
      at: new Date(Date.UTC(2026, 10, 27, 10, 0, i)).toISOString(),
    }));
    const sends = [...events, ...events.slice(0, 300)];
    await Promise.all(
      sends.map((e) => station.publishAsync(topics.event("vault-1", "scan"), JSON.stringify(e), { qos: 1 })),
    );
    const running = hub;
    const deadline = Date.now() + 30_000;
    while (running.ingest.stats().stored + running.ingest.stats().duplicates < sends.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await station.endAsync();
    expect(hub.ingest.stats()).toMatchObject({ stored: 2_000, duplicates: 300 });
    const body = (await (await fetch(`${hub.url}/api/packages/${scan.payload.code}`)).json()) as {
      history: { id: string }[];
    };
    expect(body.history).toHaveLength(2_000);
    expect(body.history[0]?.id).toBe(events[0]?.id);
    expect(body.history.at(-1)?.id).toBe(events.at(-1)?.id);
    const health = (await (await fetch(`${hub.url}/api/health`)).json()) as { db: { dialect: string } };
    expect(health.db.dialect).toBe("postgres");
  });
});
