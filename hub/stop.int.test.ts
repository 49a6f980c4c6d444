import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { connectAsync } from "mqtt";
import pg from "pg";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import { loadConfig } from "./config.js";
import { startHub } from "./main.js";
import { openLedger } from "./store/open.js";
import { receivingModule } from "./receiving/module.js";
import { PG_TEST_URL, testDialects } from "#hub/testing/ledger.js";

/**
 * A hub stopped while a station's last events are still on their way in: everything that was
 * acked is in the ledger, and nothing touches the ledger after it closed (on PostgreSQL that
 * used to log "driver has already been destroyed" from the receiving module).
 */
const scan = eventSchemas.scan.parse(loadExample("scan"));
const receive = eventSchemas.receive.parse(loadExample("receive"));

function capturingLog() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: pino({ level: "debug" }, sink), lines };
}

describe.each(await testDialects())("stopping a hub on %s mid-stream", (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-stop-"));
  const schema = `vl_stop_${randomBytes(5).toString("hex")}`;
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (dialect !== "postgres") return;
    const admin = new pg.Client({ connectionString: PG_TEST_URL });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it("stores every acked event and closes the ledger last", async () => {
    if (dialect === "postgres") {
      const admin = new pg.Client({ connectionString: PG_TEST_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
    }
    const db = dialect === "postgres" ? { HUB_DB_URL: PG_TEST_URL, HUB_DB_SCHEMA: schema } : {};
    const { log, lines } = capturingLog();
    const hub = await startHub(
      loadConfig({ HUB_PORT: "0", MQTT_PORT: "0", HUB_DATA_DIR: dir, HUB_INGEST_FLUSH_MS: "20", ...db }),
      {
        log,
        modules: [receivingModule({ everyMs: 3_600_000 })],
      },
    );
    const station = await connectAsync(hub.mqttUrl, { clientId: "station-vault-1" });
    const acked = new Set<string>();
    station.on("message", (topic, payload) => {
      if (topic !== topics.ack("vault-1")) return;
      for (const id of (JSON.parse(payload.toString()) as { ids: string[] }).ids) acked.add(id);
    });
    await station.subscribeAsync(topics.stationInbox("vault-1"), { qos: 1 });
    const status = {
      id: newId(),
      type: "state",
      stationId: "vault-1",
      siteId: scan.siteId,
      at: new Date().toISOString(),
      payload: { online: true, startedAt: new Date().toISOString() },
    };
    await station.publishAsync(topics.state("vault-1"), JSON.stringify(status), { qos: 1 });
    const events = Array.from({ length: 400 }, (_, i) =>
      i % 4 === 0 ? { ...receive, id: newId() } : { ...scan, id: newId() },
    );
    // Stopped as soon as the broker has them: most are still pending in the ingest.
    await Promise.all(
      events.map((e) => station.publishAsync(topics.event("vault-1", e.type), JSON.stringify(e), { qos: 1 })),
    );
    await hub.stop();
    await station.endAsync(true);

    const after = openLedger({
      dataDir: dir,
      ...(dialect === "postgres" ? { dbUrl: PG_TEST_URL, pgSchema: schema } : {}),
    });
    const stored = await after.db.selectFrom("events").select("id").execute();
    await after.close();
    const storedIds = new Set(stored.map((r) => r.id));
    expect([...acked].filter((id) => !storedIds.has(id))).toEqual([]);
    expect(storedIds.size).toBeLessThanOrEqual(events.length);
    expect(lines.filter((l) => l.includes("destroyed"))).toEqual([]);
    expect(lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50)).toEqual([]);
  });
});
