/**
 * `npm run bench -- reconcile`: one business day of a chain reconciled, every store in turn, on
 * SQLite (a file) and on PostgreSQL when 127.0.0.1:5432 answers. Default size: 10 stores, 100,000
 * packages (each in the ledger and the state system, each entered by a movement), 50,000 POS
 * lines, 50,000 state receipt lines, a full count finding every package, and about 1% of each
 * store's sales, packages and counts seeded with a difference. The baseline, measured in the same
 * run, is a bare SQL join of the same rows (the day's POS lines and state receipt lines joined to
 * the ledger's and the state system's packages, and every package to its state-system record)
 * with no classing, storing or cases. Medians of BENCH_RECONCILE_RUNS runs.
 */
import { sql, type Kysely } from "kysely";
import { silentLog } from "#hub/log.js";
import { reconcileDay } from "#hub/reconcile/service.js";
import type { Database } from "#hub/store/database.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import { openTestLedger, postgresAvailable } from "#hub/testing/ledger.js";
import { fixedCounts, RECON_TZ } from "#hub/testing/reconcile-kit.js";
import { loadChain, type ChainSize } from "./reconcile-chain.js";
import type { BenchRow } from "./table.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DAY = "2026-11-01";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bareJoin(db: Kysely<Database>, pg: boolean, site: string): Promise<number> {
  const lines = pg
    ? sql`select j->>'label' as label, (j->>'quantity')::float8 as quantity from ss_receipts r
          cross join lateral jsonb_array_elements(r.lines::jsonb) as j
          where r.site_id = ${site} and r.sales_date_time >= ${DAY} and r.sales_date_time < '2026-11-02' and r.voided = 0`
    : sql`select json_extract(j.value, '$.label') as label, json_extract(j.value, '$.quantity') as quantity
          from ss_receipts r, json_each(r.lines) j
          where r.site_id = ${site} and r.sales_date_time >= ${DAY} and r.sales_date_time < '2026-11-02' and r.voided = 0`;
  const q = sql<{ n: number }>`
    select count(*) as n from (
      select s.package_label as label, p.quantity, sp.status from pos_sales s
        left join packages p on p.site_id = s.site_id and p.label = s.package_label
        left join ss_packages sp on sp.site_id = s.site_id and sp.label = s.package_label
        where s.site_id = ${site} and s.business_day = ${DAY} and s.voided = 0
      union all
      select st.label, p.quantity, sp.status from (${lines}) st
        left join packages p on p.site_id = ${site} and p.label = st.label
        left join ss_packages sp on sp.site_id = ${site} and sp.label = st.label
      union all
      select p.label, p.quantity, sp.status from packages p
        left join ss_packages sp on sp.site_id = p.site_id and sp.label = p.label
        where p.site_id = ${site}
    ) x`;
  return Number((await q.execute(db)).rows[0]!.n);
}

async function measure(
  name: string,
  db: Kysely<Database>,
  pg: boolean,
  size: ChainSize,
  runs: number,
): Promise<BenchRow[]> {
  const chain = await loadChain(db, size);
  const log = silentLog();
  const runMs: number[] = [];
  const baseMs: number[] = [];
  let lines = 0;
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    for (const site of chain.sites) await bareJoin(db, pg, site);
    baseMs.push(performance.now() - t);
    t = performance.now();
    lines = 0;
    for (const site of chain.sites) {
      const counts = fixedCounts(chain.figures.get(site)!, chain.fullCounts.get(site)!);
      const { report } = await reconcileDay(
        { db, log, clock: { now: () => Date.now() }, counts },
        { site, timeZone: RECON_TZ, day: DAY, trigger: "cli", actor: "bench" },
      );
      lines += report.lines.length;
    }
    runMs.push(performance.now() - t);
  }
  if (lines !== chain.expectedLines) throw new Error(`${name}: ${lines} differences, ${chain.expectedLines} seeded`);
  const run = median(runMs);
  const base = median(baseMs);
  const what = `${size.stores} stores, ${size.packages.toLocaleString("en-US")} packages, ${size.lines.toLocaleString("en-US")} POS + state lines`;
  return [
    {
      bench: "reconcile",
      metric: `${name}: one day, ${what} (${lines} differences found)`,
      value: run,
      unit: "ms",
      goal: "≤ 2000 ms",
      ok: run <= 2_000,
    },
    { bench: "reconcile", metric: `${name}: bare SQL join of the same rows (baseline)`, value: base, unit: "ms" },
    {
      bench: "reconcile",
      metric: `${name}: run ÷ baseline`,
      value: run / base,
      unit: "×",
      goal: "≤ 3×",
      ok: run / base <= 3,
    },
  ];
}

export async function benchReconcile(size: ChainSize, runs = 5): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), "vaultline-reconcile-bench-"));
  const sqlite = openLedger({ dataDir: dir });
  try {
    await migrateLedger(sqlite.db);
    rows.push(...(await measure("SQLite", sqlite.db, false, size, runs)));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (!(await postgresAvailable())) {
    process.stderr.write("bench reconcile: PostgreSQL at 127.0.0.1:5432 does not answer; SQLite only\n");
    return rows;
  }
  const pg = await openTestLedger("postgres");
  try {
    rows.push(...(await measure("PostgreSQL", pg.db, true, size, runs)));
  } finally {
    await pg.dispose();
  }
  return rows;
}
