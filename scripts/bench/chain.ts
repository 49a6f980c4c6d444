import { sql } from "kysely";
import { HUB_LOGIN, startChainRig, type ChainRig } from "../../test/chain/chain-rig.js";
import { chainSkipReason } from "../../test/chain/skip-reason.js";
import { chainBaseline, withLogin } from "./chain-baseline.js";
import { runPublisher } from "./run-publisher.js";
import type { BenchRow } from "./table.js";

/**
 * `npm run bench -- chain`: ingest into PostgreSQL through the 3-node NATS cluster with 1 and
 * with 2 hub processes (HUB_CHAIN=1), against the bare baseline (mqtt.js + batched INSERT … ON
 * CONFLICT) in the same run, cluster and schema. BENCH_CHAIN_EVENTS events (default 30,000)
 * from BENCH_CHAIN_STATIONS station ids (default 6), published by one child process.
 */
const STATION_PREFIX = "chainbench";

async function storedCount(rig: ChainRig): Promise<number> {
  return Number((await sql<{ n: string }>`select count(*) as n from events`.execute(rig.ledger.db)).rows[0]!.n);
}

/** Events/s from the publisher's start until the ledger holds `count` more events than before. */
async function hubRun(rig: ChainRig, count: number, stations: number, run: string) {
  const before = await storedCount(rig);
  const started = performance.now();
  // Each run publishes under its own station ids' topics, known to the hubs beforehand.
  await runPublisher(withLogin(rig.cluster.mqttUrls[0]!, HUB_LOGIN), count, stations, `${STATION_PREFIX}${run}`);
  const deadline = Date.now() + 180_000;
  let now = before;
  while (now - before < count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    now = await storedCount(rig);
  }
  const ms = performance.now() - started;
  return { eventsPerSecond: ((now - before) / ms) * 1000, stored: now - before };
}

async function registerStations(rig: ChainRig, stations: number, runs: string[]): Promise<void> {
  const at = new Date().toISOString();
  const rows = runs.flatMap((run) =>
    Array.from({ length: stations }, (_, i) => ({
      id: `${STATION_PREFIX}${run}-${i + 1}`,
      site_id: "default",
      online: 1,
      last_seen: at,
      status: "{}",
    })),
  );
  await rig.ledger.db.insertInto("stations").values(rows).execute();
}

function rows(
  bench: string,
  label: string,
  r: { eventsPerSecond: number; stored: number },
  base: number,
  count: number,
): BenchRow[] {
  const ratio = r.eventsPerSecond / base;
  return [
    { bench, metric: `hub ingest, ${label}`, value: Math.round(r.eventsPerSecond), unit: "events/s" },
    {
      bench,
      metric: `${label} / baseline`,
      value: Math.round(ratio * 100) / 100,
      unit: "×",
      goal: "≥ 0.7",
      ok: ratio >= 0.7,
    },
    {
      bench,
      metric: `${label}: lost or doubled`,
      value: r.stored - count,
      unit: "events",
      goal: "0",
      ok: r.stored === count,
    },
  ];
}

export async function benchChain(count: number, stations: number): Promise<BenchRow[]> {
  const cannot = await chainSkipReason({ nats: true, bench: true });
  if (cannot) throw new Error(cannot);
  const rig = await startChainRig({ basePort: 20940, stations: 0 });
  const bench = `chain ingest ${count.toLocaleString("en-US")} events, NATS ×3 → PostgreSQL`;
  try {
    await registerStations(rig, stations, ["a", "b"]);
    const base = await chainBaseline({
      mqttUrl: rig.cluster.mqttUrls[0]!,
      login: HUB_LOGIN,
      dbUrl: rig.dbUrl,
      schema: rig.ledger.pgSchema!,
      count,
      stations,
    });
    const env = { HUB_SITES: "", HUB_INGEST_BATCH: "1000", LOG_LEVEL: process.env.BENCH_CHAIN_LOG_LEVEL ?? "warn" };
    await rig.startHub(1, env);
    const one = await hubRun(rig, count, stations, "a");
    await rig.startHub(2, env);
    // The second process takes its share of the partitions within a second or two.
    await new Promise((r) => setTimeout(r, 3_000));
    const two = await hubRun(rig, count, stations, "b");
    const size = await sql<{ bytes: string; n: string }>`
      select pg_total_relation_size('events') as bytes, (select count(*) from events) as n`.execute(rig.ledger.db);
    const bytesPerEvent = Number(size.rows[0]!.bytes) / Math.max(1, Number(size.rows[0]!.n));
    return [
      {
        bench,
        metric: "baseline (mqtt.js + batched INSERT … ON CONFLICT)",
        value: Math.round(base.eventsPerSecond),
        unit: "events/s",
      },
      ...rows(bench, "1 hub process", one, base.eventsPerSecond, count),
      ...rows(bench, "2 hub processes", two, base.eventsPerSecond, count),
      {
        bench,
        metric: "ledger events table, bytes per scan (rows + indexes)",
        value: Math.round(bytesPerEvent),
        unit: "bytes",
      },
    ];
  } finally {
    await rig.close();
  }
}
