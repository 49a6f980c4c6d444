/**
 * Initial sync of N packages from the METRC simulator into a fresh SQLite ledger, at METRC's
 * rate limit (50 GET/s per facility, 10 in flight, 20 records per page) and no faster.
 *
 *   child process: METRC simulator seeded with N active packages (its memory is not ours)
 *   this process:  METRC client → runSync("packages:active") → ss_packages + catalog + request log
 *
 * Reports wall time, GET requests, 429s, peak GETs per second and in flight as the simulator
 * saw them, peak RSS and heap of the syncing process, and the time the same sync would take
 * for 100,000 packages at this rate (pages / rate), so a smaller run is projected honestly.
 * Run alone: `npx tsx scripts/bench/statesystem-sync.ts [packages]`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pino from "pino";
import { systemClock } from "#hub/clock.js";
import { DEFAULT_SITE_ID } from "#hub/sites/site.js";
import { MetrcStateSystem, METRC_PAGE_SIZE } from "#hub/statesystem/metrc/client.js";
import { METRC_GET_LIMITS } from "#hub/statesystem/metrc/rate-limiter.js";
import { syntheticSimSeed } from "#hub/statesystem/metrc-sim/seed.js";
import { startMetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import type { SimStats } from "#hub/statesystem/metrc-sim/faults.js";
import { requestLogSink } from "#hub/statesystem/store/request-log.js";
import { runSync } from "#hub/statesystem/sync.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import type { BenchRow } from "./table.js";

export interface StateSystemSyncBenchOptions {
  /** Active packages in the simulator. Default 100,000 (about 100 s at the rate limit). */
  packages?: number;
}

const SELF = fileURLToPath(import.meta.url);

/** Starts the simulator in a child process and resolves with its URL, keys and license. */
function startSimChild(
  packages: number,
): Promise<{ child: ChildProcess; url: string; vendorKey: string; userKey: string; license: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", SELF, "--serve-sim", String(packages)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line)
        resolve({
          child,
          ...(JSON.parse(line) as { url: string; vendorKey: string; userKey: string; license: string }),
        });
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`METRC simulator exited with ${code}`)));
  });
}

export async function benchStateSystemSync(
  opts: StateSystemSyncBenchOptions = {},
): Promise<{ name: string; metrics: BenchRow[] }> {
  const packages = opts.packages ?? 100_000;
  const name = `state system initial sync, ${packages.toLocaleString("en-US")} packages`;
  const sim = await startSimChild(packages);
  const dir = mkdtempSync(join(tmpdir(), "vaultline-bench-ss-"));
  const ledger = openLedger({ dataDir: dir });
  let peakRss = 0;
  let peakHeap = 0;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 100);
  try {
    await migrateLedger(ledger.db);
    const log = pino({ level: "warn" });
    const client = new MetrcStateSystem(
      {
        baseUrl: sim.url,
        vendorKey: sim.vendorKey,
        userKey: sim.userKey,
        license: sim.license,
        timeZone: "America/Los_Angeles",
      },
      { clock: systemClock, log, requestLog: requestLogSink(ledger.db, log, DEFAULT_SITE_ID) },
    );
    const started = performance.now();
    const report = await runSync(
      { db: ledger.db, site: DEFAULT_SITE_ID, stateSystem: client, clock: systemClock, log },
      { entities: ["packages:active"] },
    );
    const seconds = (performance.now() - started) / 1000;
    const stats = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as SimStats;
    const stored = Number(
      (
        await ledger.db
          .selectFrom("ss_packages")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const rate = stats.gets / seconds;
    const projected = Math.ceil(100_000 / METRC_PAGE_SIZE) / Math.min(rate, METRC_GET_LIMITS.perWindow);
    return {
      name,
      metrics: [
        { bench: name, metric: "wall time", value: Math.round(seconds * 10) / 10, unit: "s" },
        {
          bench: name,
          metric: "GET requests",
          value: stats.gets,
          unit: "requests",
          goal: `≈ ${Math.ceil(packages / METRC_PAGE_SIZE)} pages`,
          ok: stats.gets >= Math.ceil(packages / METRC_PAGE_SIZE),
        },
        {
          bench: name,
          metric: "GET rate, whole run (first second is a burst of 50)",
          value: Math.round(rate * 10) / 10,
          unit: "req/s",
        },
        {
          bench: name,
          metric: "peak GETs in any 1 s (simulator)",
          value: stats.peakPerWindow,
          unit: "requests",
          goal: "≤ 50",
          ok: stats.peakPerWindow <= METRC_GET_LIMITS.perWindow,
        },
        {
          bench: name,
          metric: "peak GETs being handled at once (simulator)",
          value: stats.peakInFlight,
          unit: "requests",
          goal: "≤ 10",
          ok: stats.peakInFlight <= METRC_GET_LIMITS.maxInFlight,
        },
        { bench: name, metric: "429 answers", value: stats.answered429, unit: "answers" },
        {
          bench: name,
          metric: "packages stored",
          value: stored,
          unit: "packages",
          goal: String(packages),
          ok: stored === packages && report.ok,
        },
        { bench: name, metric: "peak RSS (syncing process)", value: Math.round(peakRss / 1048576), unit: "MB" },
        { bench: name, metric: "peak heap (syncing process)", value: Math.round(peakHeap / 1048576), unit: "MB" },
        ...(packages < 100_000
          ? [
              {
                bench: name,
                metric: "projected for 100,000 packages at this rate",
                value: Math.round(projected),
                unit: "s",
              },
            ]
          : []),
      ],
    };
  } finally {
    clearInterval(sample);
    await ledger.close();
    sim.child.removeAllListeners("exit");
    sim.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function serveSim(packages: number): Promise<void> {
  const sim = await startMetrcSimulator({ port: 0, seed: syntheticSimSeed({ packages }) });
  console.log(JSON.stringify({ url: sim.url, ...sim.control.keys, license: sim.control.state.license }));
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (process.argv[2] === "--serve-sim") {
    await serveSim(Number(process.argv[3]));
  } else {
    const { renderTable } = await import("./table.js");
    const { metrics } = await benchStateSystemSync(process.argv[2] ? { packages: Number(process.argv[2]) } : {});
    console.log(renderTable(metrics));
  }
}
