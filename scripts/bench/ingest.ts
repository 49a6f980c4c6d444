import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "#hub/config.js";
import { startHub } from "#hub/main.js";
import { startMosquitto } from "../../test/support/mosquitto.js";
import { baselineIngest } from "./ingest-baseline.js";
import { runPublisher } from "./run-publisher.js";
import type { BenchRow } from "./table.js";

/**
 * Hub ingest through a real Mosquitto into the SQLite ledger, against the bare baseline in the
 * same run. The bench broker lifts Mosquitto's 1,000-message queue limit so that the figure is
 * ingest speed; the integration suite proves nothing is lost with the limit in place.
 */
async function hubIngest(url: string, count: number) {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-bench-hub-"));
  const hub = await startHub(
    loadConfig({ HUB_PORT: "0", MQTT_URL: url, HUB_DATA_DIR: dir, LOG_LEVEL: "warn", HUB_MQTT_CLIENT_ID: "bench-hub" }),
  );
  try {
    const started = performance.now();
    await runPublisher(url, count, 4, "hubbench");
    let finished = performance.now();
    const deadline = Date.now() + 120_000;
    while (hub.ingest.stats().stored < count && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
      finished = performance.now();
    }
    const stats = hub.ingest.stats();
    const ms = finished - started;
    const rows = await hub.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return {
      eventsPerSecond: (stats.stored / ms) * 1000,
      stored: stats.stored,
      ledgerRows: Number(rows.n),
      deadLettered: stats.deadLettered,
    };
  } finally {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchIngest(count = 100_000): Promise<BenchRow[]> {
  const broker = await startMosquitto({ maxQueuedMessages: 0 });
  try {
    const base = await baselineIngest(broker.url, count);
    const hub = await hubIngest(broker.url, count);
    const ratio = hub.eventsPerSecond / base.eventsPerSecond;
    const bench = `ingest ${count.toLocaleString("en-US")} events via Mosquitto`;
    return [
      {
        bench,
        metric: "baseline (mqtt.js + batched SQLite)",
        value: Math.round(base.eventsPerSecond),
        unit: "events/s",
      },
      {
        bench,
        metric: "hub ingest (validate, dedupe, ledger, ack)",
        value: Math.round(hub.eventsPerSecond),
        unit: "events/s",
        goal: "≥ 5,000",
        ok: hub.eventsPerSecond >= 5000,
      },
      {
        bench,
        metric: "hub / baseline",
        value: Math.round(ratio * 100) / 100,
        unit: "×",
        goal: "≥ 0.5",
        ok: ratio >= 0.5,
      },
      { bench, metric: "lost", value: count - hub.stored, unit: "events", goal: "0", ok: hub.stored === count },
      {
        bench,
        metric: "ledger rows beyond those published",
        value: hub.ledgerRows - count,
        unit: "events",
        goal: "0",
        ok: hub.ledgerRows === count,
      },
      {
        bench,
        metric: "dead-lettered",
        value: hub.deadLettered,
        unit: "events",
        goal: "0",
        ok: hub.deadLettered === 0,
      },
    ];
  } finally {
    await broker.close();
  }
}
