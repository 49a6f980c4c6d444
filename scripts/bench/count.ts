/**
 * `npm run bench -- count`: blind cycle counts.
 *
 * - Kiosk: a full count of BENCH_COUNT_PACKAGES (2,000) packages at a station in its own process
 *   (dist build), scan → verdict frame on the count screen; the pure workflow step and the disk's
 *   append + fdatasync floor as baselines.
 * - Hub: the review of a counted full count of BENCH_COUNT_HUB_PACKAGES (100,000) packages on
 *   SQLite (every line with its snapshot, expected, counted, difference and verdict, differences
 *   first); the baseline is reading the same rows bare. The snapshot that starts the count is timed too.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Item, Package } from "#contract/domain.js";
import { defaultCountsConfig } from "#hub/counts/config.js";
import { countReview } from "#hub/counts/queries.js";
import { startCount } from "#hub/counts/start.js";
import { seedLedger } from "#hub/ledger/seed.js";
import { singleSite } from "#hub/sites/directory.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import { buildDist } from "../build.js";
import { fsyncBaseline, runStationBench, type ScanToScreen } from "./station-scan.js";
import { percentile, type BenchRow } from "./table.js";

interface CountScan {
  scans: number;
  p50Ms: number;
  p99Ms: number;
  workflowP50Ms: number;
  workflowP99Ms: number;
}

async function kiosk(packages: number): Promise<BenchRow[]> {
  await buildDist();
  const floor = fsyncBaseline();
  // The same station without the count: a plain scan to the home screen's feed, as many scans, as many packages.
  const plain = await runStationBench<ScanToScreen>("scan-to-screen", [packages, packages]);
  const r = await runStationBench<CountScan>("count-scan", [packages]);
  const bench = `count scan → verdict (${packages.toLocaleString("en-US")}-package full count, dist build)`;
  return [
    { bench, metric: "baseline: append + fdatasync, p99", value: floor.p99, unit: "ms" },
    { bench, metric: "baseline: plain scan → home feed frame, median", value: plain.p50Ms, unit: "ms" },
    { bench, metric: "baseline: plain scan → home feed frame, p99", value: plain.p99Ms, unit: "ms" },
    { bench, metric: "pure workflow step, p99", value: r.workflowP99Ms, unit: "ms" },
    { bench, metric: "scan → verdict on the kiosk, median", value: r.p50Ms, unit: "ms" },
    { bench, metric: "scan → verdict on the kiosk, p99", value: r.p99Ms, unit: "ms", goal: "≤ 25", ok: r.p99Ms <= 25 },
    { bench, metric: "count p99 ÷ plain scan p99", value: r.p99Ms / plain.p99Ms, unit: "×" },
  ];
}

function store(n: number): { items: Item[]; packages: Package[]; employees: [] } {
  const categories = ["flower", "vape", "edible", "pre-roll", "concentrate"] as const;
  const items: Item[] = Array.from({ length: 200 }, (_, k) => ({
    id: `item-${k}`,
    name: `Item ${k}`,
    category: categories[k % 5]!,
    unit: k % 5 === 0 ? "Grams" : "Each",
    weightBased: k % 5 === 0,
  }));
  const packages: Package[] = Array.from({ length: n }, (_, i) => ({
    label: `1A40603000${String(i).padStart(14, "0")}`,
    itemId: `item-${i % 200}`,
    quantity: 10 + (i % 40),
    unit: (i % 200) % 5 === 0 ? "Grams" : "Each",
    location: `Vault ${"ABCD"[i % 4]}-${(i % 6) + 1}`,
    status: "active",
    labState: "TestPassed",
    packagedDate: "2026-10-01",
  }));
  return { items, packages, employees: [] };
}

async function timed<T>(fn: () => Promise<T>, runs: number): Promise<{ median: number; value: T }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), value };
}

async function hubReview(n: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-count-bench-"));
  const ledger = openLedger({ dataDir: dir });
  try {
    const { db } = ledger;
    await migrateLedger(db);
    await seedLedger(db, "default", store(n), "2026-12-01T08:00:00.000Z");
    await db
      .insertInto("stations")
      .values({ id: "vault-1", site_id: "default", online: 1, last_seen: "2026-12-01T08:00:00.000Z", status: "{}" })
      .execute();
    const deps = {
      db,
      site: "default",
      sites: singleSite(),
      cfg: defaultCountsConfig,
      now: "2026-12-01T17:00:00.000Z",
    };
    const t0 = performance.now();
    const started = await startCount(deps, { kind: "full", businessDay: "2026-12-01", by: "bench" });
    const snapshotMs = performance.now() - t0;
    if (!started.ok) throw new Error(started.reason);
    // Every line counted; one in a hundred (labels ending 00) short by two.
    await db
      .updateTable("count_lines")
      .set((eb) => ({
        counted: eb.ref("snapshot_quantity"),
        expected: eb.ref("snapshot_quantity"),
        counted_at: "2026-12-01T18:00:00.000Z",
        counted_by: "emp-001",
        first_counted_by: "emp-001",
        within_tolerance: 1,
        found: 1,
        counted_round: 1,
        sold_since_snapshot: 0,
        tolerance_pct: 5,
      }))
      .where("count_id", "=", started.countId)
      .execute();
    await db
      .updateTable("count_lines")
      .set((eb) => ({ counted: eb("snapshot_quantity", "-", 2), within_tolerance: 0 }))
      .where("count_id", "=", started.countId)
      .where("label", "like", "%00")
      .execute();
    await db.updateTable("count_sessions").set({ status: "review" }).where("id", "=", started.countId).execute();
    const bare = await timed(
      () =>
        db
          .selectFrom("count_lines")
          .selectAll()
          .where("site_id", "=", "default")
          .where("count_id", "=", started.countId)
          .execute(),
      3,
    );
    const review = await timed(() => countReview(db, "default", started.countId), 5);
    const listed = review.value?.lines.length ?? 0;
    const matched = review.value?.matched ?? 0;
    const bench = `count review on the hub (${n.toLocaleString("en-US")}-package full count, SQLite)`;
    return [
      { bench, metric: "snapshot that starts the count", value: snapshotMs, unit: "ms" },
      { bench, metric: "baseline: the lines read bare, median", value: bare.median, unit: "ms" },
      {
        bench,
        metric: "review built, median",
        value: review.median,
        unit: "ms",
        goal: "≤ 1000",
        ok: review.median <= 1000,
      },
      { bench, metric: "review ÷ bare read", value: review.median / bare.median, unit: "×" },
      {
        bench,
        metric: "lines listed (they differ)",
        value: listed,
        unit: "lines",
        goal: `${n / 100}`,
        ok: listed === n / 100,
      },
      {
        bench,
        metric: "lines listed + matched",
        value: listed + matched,
        unit: "lines",
        goal: `${n}`,
        ok: listed + matched === n,
      },
    ];
  } finally {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both halves; sizes from BENCH_COUNT_PACKAGES (kiosk) and BENCH_COUNT_HUB_PACKAGES (hub). */
export async function benchCount(kioskPackages = 2_000, hubPackages = 100_000): Promise<BenchRow[]> {
  return [...(await kiosk(kioskPackages)), ...(await hubReview(hubPackages))];
}
