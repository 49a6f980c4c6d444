import mqtt from "mqtt";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "#hub/config.js";
import { startHub } from "#hub/main.js";
import { startMosquitto } from "../../test/support/mosquitto.js";
import { benchIngestAuditCost } from "./ingest-audit-cost.js";
import { baselineIngest } from "./ingest-baseline.js";
import { runPublisher } from "./run-publisher.js";
import type { BenchRow } from "./table.js";

/**
 * Hub ingest through a real Mosquitto into the SQLite ledger, against the bare baseline in the
 * same run. The bench broker lifts Mosquitto's 1,000-message queue limit so that the figure is
 * ingest speed; the integration suite proves nothing is lost with the limit in place.
 */
/**
 * Ends the hub's persistent broker session: left in place, Mosquitto would queue every later run's
 * messages for it and hand them to the next hub with that client id.
 */
async function discardSession(url: string, clientId: string): Promise<void> {
  const client = await mqtt.connectAsync(url, { clientId, clean: true });
  await client.endAsync();
}

async function hubIngest(url: string, count: number, audit: "batch" | "event") {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-bench-hub-"));
  const clientId = `bench-hub-${audit}`;
  const hub = await startHub(
    loadConfig({
      HUB_PORT: "0",
      MQTT_URL: url,
      HUB_DATA_DIR: dir,
      LOG_LEVEL: "warn",
      HUB_MQTT_CLIENT_ID: clientId,
      HUB_INGEST_AUDIT: audit,
    }),
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
    const covered = await hub.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("audit_seq", "is not", null)
      .executeTakeFirstOrThrow();
    const entries = await hub.db
      .selectFrom("audit_entries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return {
      eventsPerSecond: (stats.stored / ms) * 1000,
      stored: stats.stored,
      ledgerRows: Number(rows.n),
      uncovered: Number(rows.n) - Number(covered.n),
      auditEntries: Number(entries.n),
      deadLettered: stats.deadLettered,
    };
  } finally {
    await hub.stop();
    await discardSession(url, clientId);
    rmSync(dir, { recursive: true, force: true });
  }
}

type HubRun = Awaited<ReturnType<typeof hubIngest>>;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The rows of one audit mode's runs: rate (median), ratio to the baseline median, loss, duplicates, cover. */
function hubRows(bench: string, mode: string, runs: readonly HubRun[], base: number, count: number): BenchRow[] {
  const rate = median(runs.map((r) => r.eventsPerSecond));
  const ratio = rate / base;
  const worst = (f: (r: HubRun) => number) => Math.max(...runs.map(f));
  return [
    {
      bench,
      metric: `hub ingest, ${mode} (validate, dedupe, ledger, audit, ack), median`,
      value: Math.round(rate),
      unit: "events/s",
      goal: "≥ 5,000",
      ok: rate >= 5000,
    },
    {
      bench,
      metric: `hub ${mode} / baseline`,
      value: Math.round(ratio * 100) / 100,
      unit: "×",
      goal: "≥ 0.5",
      ok: ratio >= 0.5,
    },
    { bench, metric: `${mode}: audit entries (last run)`, value: runs.at(-1)!.auditEntries, unit: "entries" },
    {
      bench,
      metric: `${mode}: lost (worst run)`,
      value: worst((r) => count - r.stored),
      unit: "events",
      goal: "0",
      ok: worst((r) => count - r.stored) === 0,
    },
    {
      bench,
      metric: `${mode}: ledger rows beyond those published (worst run)`,
      value: worst((r) => r.ledgerRows - count),
      unit: "events",
      goal: "0",
      ok: runs.every((r) => r.ledgerRows === count),
    },
    {
      bench,
      metric: `${mode}: events no audit entry covers`,
      value: worst((r) => r.uncovered),
      unit: "events",
      goal: "0",
      ok: worst((r) => r.uncovered) === 0,
    },
    {
      bench,
      metric: `${mode}: dead-lettered`,
      value: worst((r) => r.deadLettered),
      unit: "events",
      goal: "0",
      ok: worst((r) => r.deadLettered) === 0,
    },
  ];
}

/**
 * The baseline and the hub with each audit mode (HUB_INGEST_AUDIT: one entry per stored batch,
 * or one per event), `rounds` times each, interleaved so that the shared machine's noise falls on
 * all of them alike; rates are medians.
 */
export async function benchIngest(count = 100_000, rounds = 3): Promise<BenchRow[]> {
  const cost = await benchIngestAuditCost(count);
  const broker = await startMosquitto({ maxQueuedMessages: 0 });
  try {
    const base: number[] = [];
    const runs: Record<"batch" | "event", HubRun[]> = { batch: [], event: [] };
    for (let i = 0; i < rounds; i++) {
      base.push((await baselineIngest(broker.url, count)).eventsPerSecond);
      runs.batch.push(await hubIngest(broker.url, count, "batch"));
      runs.event.push(await hubIngest(broker.url, count, "event"));
    }
    const baseRate = median(base);
    const bench = `ingest ${count.toLocaleString("en-US")} events via Mosquitto, ${rounds} rounds`;
    return [
      ...cost,
      { bench, metric: "baseline (mqtt.js + batched SQLite), median", value: Math.round(baseRate), unit: "events/s" },
      ...hubRows(bench, "one audit entry per batch", runs.batch, baseRate, count),
      ...hubRows(bench, "one audit entry per event", runs.event, baseRate, count),
    ];
  } finally {
    await broker.close();
  }
}
