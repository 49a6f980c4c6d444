/**
 * The site migrations (0004_sites, 0102_sites, 0201_login_sites, 0301_sites) over a SQLite ledger
 * from before sites holding N movements and N state-system packages: SQLite rebuilds those tables
 * to give them a not-null site_id and their per-site keys (packages and items go the same way), so
 * the time grows with the ledger. The baseline is loading those rows in the same run. The rows
 * are written as the older hub wrote them; the `packages` table itself is left to the ledger
 * (hub/boundaries.test.ts), and its rebuild takes the same path as ss_packages'.
 * Run alone: `npm run bench -- sites` (BENCH_SITE_PACKAGES, default 100,000).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, sql, type Kysely, type Migration } from "kysely";
import { FolderMigrationProvider, hubMigrationFolders, migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import type { BenchRow } from "./table.js";

const SITE_MIGRATIONS = ["0004_sites", "0102_sites", "0201_login_sites", "0301_sites"];
const AT = "2026-11-01T00:00:00.000Z";

/** Loads `n` state-system packages, each with a movement, into the tables as they were before sites. */
async function loadOlderRows(db: Kysely<Record<string, Record<string, unknown>>>, n: number): Promise<void> {
  for (let i = 0; i < n; i += 500) {
    const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
      label: `1A40603000${String(i + k).padStart(14, "0")}`,
      state_id: String(i + k),
      status: "active",
      item_name: "Blue Dream 3.5g",
      quantity: 1,
      unit: "Each",
      location: "Vault A-1",
      last_modified: AT,
      synced_at: AT,
    }));
    await db.insertInto("ss_packages").values(rows).execute();
    await db
      .insertInto("movements")
      .values(
        rows.map((r, k) => ({
          id: `m-${i + k}`,
          label: r.label,
          at: AT,
          to_location: "Vault A-1",
          to_status: "active",
          quantity: 1,
          unit: "Each",
          reason: "seed",
          actor: "system",
          audit_seq: i + k,
          recorded_at: AT,
        })),
      )
      .execute();
  }
}

export async function benchSiteMigration(n = 100_000): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-site-migration-"));
  const ledger = openLedger({ dataDir: dir });
  try {
    const all = await new FolderMigrationProvider(hubMigrationFolders).getMigrations();
    const before: Record<string, Migration> = Object.fromEntries(
      Object.entries(all).filter(([id]) => !SITE_MIGRATIONS.includes(id)),
    );
    await new Migrator({
      db: ledger.db,
      provider: { getMigrations: async () => before },
      allowUnorderedMigrations: true,
    }).migrateToLatest();
    let t0 = performance.now();
    await loadOlderRows(ledger.db as unknown as Kysely<Record<string, Record<string, unknown>>>, n);
    const loadMs = performance.now() - t0;
    t0 = performance.now();
    await migrateLedger(ledger.db, { defaultSiteId: "oakland" });
    const migrateMs = performance.now() - t0;
    for (const table of ["ss_packages", "movements"]) {
      const kept = Number(
        (
          await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where site_id = 'oakland'`.execute(
            ledger.db,
          )
        ).rows[0]!.n,
      );
      if (kept !== n) throw new Error(`${kept} of ${n} rows of ${table} got the default site`);
    }
    const bench = `site migrations, SQLite ledger of ${n.toLocaleString("en-US")} state-system packages and movements`;
    return [
      { bench, metric: "baseline: loading those rows", value: loadMs, unit: "ms" },
      { bench, metric: "site_id added, keys per site, rows kept", value: migrateMs, unit: "ms" },
    ];
  } finally {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
