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
import { randomBytes } from "node:crypto";
import pg from "pg";
import { chainCounts, CHAIN_TZ, loadChain, type ChainSize } from "./reconcile-chain.js";
import type { BenchRow } from "./table.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DAY = "2026-11-01";
const PG_URL = process.env.HUB_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
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
      const { report } = await reconcileDay(
        { db, log, clock: { now: () => Date.now() }, counts: chainCounts(chain, site) },
        { site, timeZone: CHAIN_TZ, day: DAY, trigger: "cli", actor: "bench" },
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

async function onPostgres(dir: string, size: ChainSize, runs: number): Promise<BenchRow[]> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1_500 });
  const up = await admin.connect().then(
    () => true,
    () => false,
  );
  if (!up) {
    process.stderr.write(`bench reconcile: PostgreSQL at ${PG_URL} does not answer; SQLite only\n`);
    return [];
  }
  const schema = `vl_reconcile_${randomBytes(4).toString("hex")}`;
  await admin.query(`create schema ${schema}`);
  const ledger = openLedger({ dataDir: dir, dbUrl: PG_URL, pgSchema: schema });
  try {
    await migrateLedger(ledger.db, { pgSchema: schema });
    return await measure("PostgreSQL", ledger.db, true, size, runs);
  } finally {
    await ledger.close();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

export async function benchReconcile(size: ChainSize, runs = 5): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-reconcile-bench-"));
  const sqlite = openLedger({ dataDir: dir });
  try {
    await migrateLedger(sqlite.db);
    const rows = await measure("SQLite", sqlite.db, false, size, runs);
    await sqlite.close();
    return [...rows, ...(await onPostgres(dir, size, runs))];
  } finally {
    await sqlite.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
