import { benchChain } from "./chain.js";
import { benchCount } from "./count.js";
import { benchHistory } from "./history.js";
import { benchIngest } from "./ingest.js";
import { benchPosImport } from "./pos-import.js";
import { benchReconcile } from "./reconcile.js";
import { benchStateSystemSync } from "./statesystem-sync.js";
import { benchSiteMigration } from "./site-migration.js";
import { benchReceiveScan, benchStationScan } from "./station-scan.js";
import { benchReports } from "./reports.js";
import { renderTable, type BenchRow } from "./table.js";

/**
 * `npm run bench`: the benchmarks behind design.md's performance budgets, one table. Each bench
 * carries its own baseline measured in the same run, because these machines are shared and noisy.
 * `npm run bench -- ingest` (or station, receiving, history, statesystem, pos, sites, count) runs one.
 * `npm run bench -- ingest` (or station, receiving, history, statesystem, pos, sites, reports) runs one.
 * `npm run bench -- ingest` (or station, receiving, history, statesystem, pos, sites, reconcile) runs one.
 */
type Bench = () => Promise<BenchRow[]>;

const benches: Record<string, Bench> = {
  ingest: () =>
    benchIngest(Number(process.env.BENCH_INGEST_EVENTS ?? 100_000), Number(process.env.BENCH_INGEST_ROUNDS ?? 3)),
  station: () => benchStationScan(Number(process.env.BENCH_SCANS ?? 10_000)),
  receiving: () => benchReceiveScan(Number(process.env.BENCH_MANIFEST_PACKAGES ?? 1_000)),
  history: () => benchHistory(Number(process.env.BENCH_HISTORY_EVENTS ?? 2_000_000)),
  statesystem: async () =>
    (await benchStateSystemSync({ packages: Number(process.env.BENCH_STATESYSTEM_PACKAGES ?? 100_000) })).metrics,
  pos: () => benchPosImport(Number(process.env.BENCH_POS_MONTHS ?? 7)),
  sites: () => benchSiteMigration(Number(process.env.BENCH_SITE_PACKAGES ?? 100_000)),
  chain: () =>
    benchChain(Number(process.env.BENCH_CHAIN_EVENTS ?? 30_000), Number(process.env.BENCH_CHAIN_STATIONS ?? 6)),
  count: () =>
    benchCount(
      Number(process.env.BENCH_COUNT_PACKAGES ?? 2_000),
      Number(process.env.BENCH_COUNT_HUB_PACKAGES ?? 100_000),
    ),
  reports: () =>
    benchReports({
      lines: Number(process.env.BENCH_REPORTS_LINES ?? 5_000_000),
      sites: Number(process.env.BENCH_REPORTS_SITES ?? 10),
      runs: Number(process.env.BENCH_REPORTS_RUNS ?? 3),
    }),
  reconcile: () =>
    benchReconcile(
      {
        stores: Number(process.env.BENCH_RECONCILE_STORES ?? 10),
        packages: Number(process.env.BENCH_RECONCILE_PACKAGES ?? 100_000),
        lines: Number(process.env.BENCH_RECONCILE_LINES ?? 50_000),
      },
      Number(process.env.BENCH_RECONCILE_RUNS ?? 5),
    ),
};

const chosen = process.argv.slice(2).filter((a) => a in benches);
const rows: BenchRow[] = [];
for (const name of chosen.length ? chosen : Object.keys(benches)) {
  process.stderr.write(`bench: ${name}…\n`);
  try {
    rows.push(...(await benches[name]!()));
  } catch (e) {
    rows.push({ bench: name, metric: `failed: ${(e as Error).message}`, value: Number.NaN, unit: "", ok: false });
  }
}
console.log(renderTable(rows));
process.exitCode = rows.some((r) => r.ok === false) ? 1 : 0;
