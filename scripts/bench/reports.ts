/**
 * `npm run bench -- reports`: velocity over one year of a chain (BENCH_REPORTS_SITES stores, 10;
 * BENCH_REPORTS_LINES sale lines in all, 5,000,000) on SQLite (a file ledger) and on PostgreSQL
 * (a fresh schema, dropped after; skipped with the reason when nothing answers at HUB_TEST_PG_URL).
 * Sale lines are generated inside the database (a recursive CTE on SQLite, generate_series on
 * PostgreSQL) with the POS table's indexes built after the load: bulk and fast, never through the
 * import. The baseline in the same run is a bare SQL aggregate of the same rows (net quantity and
 * value per package, SKU and unit of each store over the same days). Goal: every store's velocity
 * in ≤ 3 s. Medians of BENCH_REPORTS_RUNS (3) runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import type { Item, Package } from "#contract/domain.js";
import { seedLedger } from "#hub/ledger/seed.js";
import { buildVelocity } from "#hub/reports/velocity.js";
import type { Database } from "#hub/store/database.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger, type Ledger } from "#hub/store/open.js";
import type { BenchRow } from "./table.js";

const PG_URL = process.env.HUB_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const ITEMS = 40;
/** Items 0–3 are sold by weight (grams). */
const WEIGHT_ITEMS = 4;
const PACKAGES = 2_000;
const FIRST_DAY = "2025-11-30";
/** The first instant after the year: velocity's "today" is the day after its 365 complete days. */
const NOW = Date.parse("2026-11-30T20:00:00Z");
const ZONE = "UTC";

export interface ReportsBenchOptions {
  lines: number;
  sites: number;
  runs: number;
}

const siteId = (s: number) => `store-${String(s).padStart(2, "0")}`;
const labelOf = (s: number, p: number) => `1A40603000${String(s).padStart(2, "0")}${String(p).padStart(12, "0")}`;

async function seedCatalog(db: Kysely<Database>, sites: number): Promise<void> {
  const items: Item[] = Array.from({ length: ITEMS }, (_, i) => ({
    id: `item-${String(i).padStart(2, "0")}`,
    name: `Bench item ${i}`,
    category: i < WEIGHT_ITEMS ? "flower" : "edible",
    unit: i < WEIGHT_ITEMS ? "Grams" : "Each",
    weightBased: i < WEIGHT_ITEMS,
  }));
  for (let s = 0; s < sites; s++) {
    const packages: Package[] = Array.from({ length: PACKAGES }, (_, p) => ({
      label: labelOf(s, p),
      itemId: items[p % ITEMS]!.id,
      quantity: 100,
      unit: items[p % ITEMS]!.unit,
      location: p % 3 === 0 ? "Sales Floor" : "Vault A-1",
      status: "active",
      labState: "TestPassed",
      packagedDate: "2025-11-01",
    }));
    await seedLedger(db, siteId(s), { items, packages, employees: [] }, "2025-11-01T00:00:00Z");
  }
}

/** The SELECT that makes line `i` (0-based) from a number source `n(i)`; dialect bits passed in. */
function lineSelect(o: ReportsBenchOptions, d: { pad: (e: string, w: number) => string; day: string; cat: string }) {
  const site = `(i % ${o.sites})`;
  const pkg = `(((i / ${o.sites}) * 7919) % ${PACKAGES})`;
  const weight = `(${pkg} % ${ITEMS} < ${WEIGHT_ITEMS})`;
  const c = (...parts: string[]) => parts.join(` ${d.cat} `);
  return `select 'bench', ${c("'R'", "i")}, '1', ${c("'store-'", d.pad(site, 2))}, ${c(d.day, "'T20:00:00.000Z'")}, ${d.day},
    ${c("'1A40603000'", d.pad(site, 2), d.pad(pkg, 12))}, ${c("'item-'", d.pad(`(${pkg} % ${ITEMS})`, 2))},
    case when ${weight} then 3.5 else 1 + (i % 2) end, case when ${weight} then 'Grams' else 'Each' end,
    case when ${weight} then 35.0 else 20.0 * (1 + (i % 2)) end, case when i % 97 = 0 then 1 else 0 end,
    null, 0, ${c("'bench-store-'", d.pad(site, 2))}, i`;
}

const COLUMNS =
  "source, receipt_id, line_id, site_id, completed_at, business_day, package_label, sku, quantity, unit, total, voided, return_of, attributed, import_id, row_number";
const INDEXES: Array<[string, string]> = [
  ["pos_sales_site_day", "site_id, business_day"],
  ["pos_sales_label", "package_label"],
  ["pos_sales_import_day", "import_id, business_day"],
];

async function loadLines(db: Kysely<Database>, o: ReportsBenchOptions, dialect: "sqlite" | "postgres"): Promise<void> {
  for (const [ix] of INDEXES) await sql.raw(`drop index ${ix}`).execute(db);
  const dayOf = `(i / ${o.sites}) % 365`;
  if (dialect === "sqlite") {
    const select = lineSelect(o, {
      pad: (e, w) => `printf('%0${w}d', ${e})`,
      day: `date('${FIRST_DAY}', '+' || (${dayOf}) || ' days')`,
      cat: "||",
    });
    await sql
      .raw(
        `with recursive n(i) as (select 0 union all select i + 1 from n where i < ${o.lines - 1}) insert into pos_sales (${COLUMNS}) ${select} from n`,
      )
      .execute(db);
  } else {
    const select = lineSelect(o, {
      pad: (e, w) => `lpad((${e})::text, ${w}, '0')`,
      day: `to_char(date '${FIRST_DAY}' + (${dayOf})::int, 'YYYY-MM-DD')`,
      cat: "||",
    });
    await sql
      .raw(`insert into pos_sales (${COLUMNS}) ${select} from generate_series(0::bigint, ${o.lines - 1}) as g(i)`)
      .execute(db);
  }
  for (const [ix, cols] of INDEXES) await sql.raw(`create index ${ix} on pos_sales (${cols})`).execute(db);
  await recordImports(db, o.sites, "bench");
  await sql.raw(dialect === "sqlite" ? "analyze" : "analyze pos_sales").execute(db);
}

/** One pos_imports row per store (every import has one: the rollup follows them). */
async function recordImports(db: Kysely<Database>, sites: number, prefix: string): Promise<void> {
  await db
    .insertInto("pos_imports")
    .values(
      Array.from({ length: sites }, (_, s) => ({
        id: `${prefix}-${siteId(s)}`,
        site_id: siteId(s),
        file: `${prefix}.csv`,
        format: "csv",
        mapping: null,
        rows: 0,
        imported: 0,
        already_imported: 0,
        file_sha256: prefix,
        actor: "bench",
        imported_at: new Date().toISOString(),
      })),
    )
    .execute();
}

/** A later import: one more day's lines for every store, on the year's last day. */
async function importOneMoreDay(
  db: Kysely<Database>,
  o: ReportsBenchOptions,
  dialect: "sqlite" | "postgres",
): Promise<number> {
  const perDay = Math.ceil(o.lines / 365);
  const src =
    dialect === "sqlite"
      ? `with recursive n(i) as (select ${o.lines} union all select i + 1 from n where i < ${o.lines + perDay - 1})`
      : "";
  const from =
    dialect === "sqlite" ? "from n" : `from generate_series(${o.lines}::bigint, ${o.lines + perDay - 1}) as g(i)`;
  const pad =
    dialect === "sqlite"
      ? (e: string, w: number) => `printf('%0${w}d', ${e})`
      : (e: string, w: number) => `lpad((${e})::text, ${w}, '0')`;
  const select = lineSelect(o, { pad, day: "'2026-11-29'", cat: "||" }).replace(`'bench-store-'`, `'later-store-'`);
  await sql.raw(`${src} insert into pos_sales (${COLUMNS}) ${select} ${from}`).execute(db);
  await recordImports(db, o.sites, "later");
  return perDay;
}

/** The rollup holds what the lines say: net quantity and value of a store's year, both ways. */
async function sameTotals(db: Kysely<Database>, site: string): Promise<void> {
  const lines = await sql<{ q: number; v: number }>`select sum(quantity) as q, sum(total) as v from pos_sales
    where site_id = ${site} and voided = 0 and business_day >= ${"2025-11-30"} and business_day <= ${"2026-11-29"}`.execute(
    db,
  );
  const v = await buildVelocity(db, site, { days: 365, nowMs: NOW, timeZone: ZONE });
  const sold = v.items.reduce((n, i) => n + i.sold, 0);
  const value = v.items.reduce((n, i) => n + i.value, 0);
  const want = lines.rows[0]!;
  if (Math.abs(sold - Number(want.q)) > 0.5 || Math.abs(value - Number(want.v)) > 0.5)
    throw new Error(`velocity sold ${sold} for ${value}; the lines say ${want.q} for ${want.v}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(runs: number, work: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await work();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

async function measure(ledger: Ledger, o: ReportsBenchOptions, dialect: "sqlite" | "postgres"): Promise<BenchRow[]> {
  const db = ledger.db;
  const t = performance.now();
  await seedCatalog(db, o.sites);
  await loadLines(db, o, dialect);
  const loadMs = performance.now() - t;
  const sites = Array.from({ length: o.sites }, (_, s) => siteId(s));
  const velocity = async () => {
    let items = 0;
    for (const s of sites)
      items += (await buildVelocity(db, s, { days: 365, nowMs: NOW, timeZone: ZONE })).items.length;
    if (items !== o.sites * ITEMS) throw new Error(`velocity gave ${items} items, expected ${o.sites * ITEMS}`);
  };
  // The first read after the load rolls up every store's year; later ones read the rollup.
  const coldMs = await timed(1, velocity);
  const velocityMs = await timed(o.runs, velocity);
  await sameTotals(db, sites[0]!);
  const bareMs = await timed(o.runs, async () => {
    for (const s of sites)
      await sql`select package_label, sku, unit, sum(quantity), sum(total), count(*) from pos_sales
        where site_id = ${s} and business_day >= ${"2025-11-30"} and business_day <= ${"2026-11-29"} and voided = 0
        group by package_label, sku, unit`.execute(db);
  });
  const later = await importOneMoreDay(db, o, dialect);
  const afterImportMs = await timed(1, velocity);
  const n = o.lines.toLocaleString("en-US");
  const bench = `reports (${dialect})`;
  const row = (metric: string, value: number, unit: string, goalMs?: number): BenchRow => ({
    bench,
    metric,
    value,
    unit,
    ...(goalMs ? { goal: `≤ ${goalMs.toLocaleString("en-US")} ms`, ok: value <= goalMs } : {}),
  });
  return [
    row(`load ${n} sale lines, ${o.sites} stores (generated in the database)`, Math.round(loadMs), "ms"),
    row(`velocity, ${o.sites} stores × 365 days, first read (rolls up ${n} lines)`, Math.round(coldMs), "ms"),
    row(`velocity, ${o.sites} stores × 365 days (median)`, Math.round(velocityMs), "ms", 3_000),
    row(
      `velocity after one more day's import (${later.toLocaleString("en-US")} lines)`,
      Math.round(afterImportMs),
      "ms",
      3_000,
    ),
    row("bare SQL aggregate of the same rows (median)", Math.round(bareMs), "ms"),
    row("bare aggregate ÷ velocity (times faster)", Math.round(bareMs / velocityMs), "×"),
    row("first read ÷ bare aggregate", Math.round((coldMs / bareMs) * 100) / 100, "×"),
  ];
}

async function onSqlite(o: ReportsBenchOptions): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-reports-bench-"));
  const ledger = openLedger({ dataDir: dir });
  try {
    await migrateLedger(ledger.db);
    return await measure(ledger, o, "sqlite");
  } finally {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(o: ReportsBenchOptions): Promise<BenchRow[]> {
  const schema = `vl_bench_reports_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1_500 });
  try {
    await admin.connect();
  } catch (e) {
    console.warn(`reports bench on PostgreSQL skipped: nothing answers at ${PG_URL} (${(e as Error).message})`);
    return [];
  }
  await admin.query(`create schema ${schema}`);
  const ledger = openLedger({ dataDir: ".", dbUrl: PG_URL, pgSchema: schema });
  try {
    await migrateLedger(ledger.db, { pgSchema: schema });
    return await measure(ledger, o, "postgres");
  } finally {
    await ledger.close();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

/** One dialect's rows, or one failed row naming why (the other dialect's figures still print). */
async function settled(dialect: string, run: () => Promise<BenchRow[]>): Promise<BenchRow[]> {
  try {
    return await run();
  } catch (e) {
    return [
      {
        bench: `reports (${dialect})`,
        metric: `failed: ${(e as Error).message}`,
        value: Number.NaN,
        unit: "",
        ok: false,
      },
    ];
  }
}

export async function benchReports(o: ReportsBenchOptions): Promise<BenchRow[]> {
  return [...(await settled("sqlite", () => onSqlite(o))), ...(await settled("postgres", () => onPostgres(o)))];
}
