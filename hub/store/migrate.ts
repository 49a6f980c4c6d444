import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResult } from "kysely";
import { authMigrations } from "#hub/auth/migrations/index.js";
import { investigationsMigrations } from "#hub/investigations/migrations/index.js";
import { chainMigrations } from "#hub/chain/migrations/index.js";
import { countsMigrations } from "#hub/counts/migrations/index.js";
import { ledgerMigrations } from "#hub/ledger/migrations/index.js";
import { posMigrations } from "#hub/pos/migrations/index.js";
import { quarantineMigrations } from "#hub/quarantine/migrations/index.js";
import { receivingMigrations } from "#hub/receiving/migrations/index.js";
import { restockMigrations } from "#hub/restock/migrations/index.js";
import { reportsMigrations } from "#hub/reports/migrations/index.js";
import { reconcileMigrations } from "#hub/reconcile/migrations/index.js";
import { splitMigrations } from "#hub/split/migrations/index.js";
import { stateSystemMigrations } from "#hub/statesystem/migrations/index.js";
import { wasteMigrations } from "#hub/waste/migrations/index.js";
import { HubError } from "../errors.js";
import { DEFAULT_SITE_ID } from "../sites/site.js";
import type { Database } from "./database.js";
import type { MigrationContext } from "./site-column.js";

/**
 * Every module's migrations folder. A migration's id is its file name without the extension
 * (`0100_statesystem`), the same whichever folder holds it, so a database migrated before the
 * files moved into their modules (one hub/store/migrations folder) migrates forward unchanged.
 * Numbers keep the modules apart: 0001–0099 ledger, 0100–0199 state system, 0200–0299 logins,
 * 0300–0399 receiving, 0400–0499 POS import, 0500–0599 reconciliation, 0600–0699 investigations,
 * 0700–0799 counts, 0800–0849 restock, 0850–0899 quarantine, 0900–0999 waste and package splits,
 * 1000–1099 reports, 1100–1199 the chain.
 * 0300–0399 receiving, 0400–0499 POS import, 1000–1099 reports.
 * 0300–0399 receiving, 0400–0499 POS import, 0500–0599 reconciliation.
 */
export const hubMigrationFolders: readonly string[] = [
  ledgerMigrations,
  stateSystemMigrations,
  authMigrations,
  receivingMigrations,
  posMigrations,
  investigationsMigrations,
  restockMigrations,
  quarantineMigrations,
  chainMigrations,
  countsMigrations,
  reportsMigrations,
  reconcileMigrations,
  wasteMigrations,
  splitMigrations,
];

const MIGRATION_FILE = /^\d{4}_[a-z0-9_-]+\.(ts|js|mts|mjs)$/;

/**
 * Kysely's FileMigrationProvider over several folders, with the same file rules, but importing
 * from this module: Kysely's own `import()` runs inside node_modules, outside the TypeScript
 * loader that tsx and vitest install, so it cannot load `.ts` migrations. Other files in a
 * folder (index.ts, tests, READMEs) are ignored; one id in two folders is refused. Each
 * migration's up() gets `context` as its second argument (the site of older rows).
 */
export class FolderMigrationProvider implements MigrationProvider {
  private readonly folders: readonly string[];

  constructor(
    folders: string | readonly string[],
    private readonly context: MigrationContext = { defaultSiteId: DEFAULT_SITE_ID },
  ) {
    this.folders = typeof folders === "string" ? [folders] : folders;
  }

  async getMigrations(): Promise<Record<string, Migration>> {
    const found = new Map<string, { file: string; migration: Migration }>();
    for (const folder of this.folders) {
      const files = (await readdir(folder)).filter((f) => MIGRATION_FILE.test(f) && !f.endsWith(".d.ts")).sort();
      for (const file of files) {
        const id = file.slice(0, file.lastIndexOf("."));
        const where = path.join(folder, file);
        const twin = found.get(id);
        if (twin) throw new HubError(`migration ${id} is in two places: ${twin.file} and ${where}`, "MIGRATION_FAILED");
        found.set(id, { file: where, migration: await load(where, this.context) });
      }
    }
    return Object.fromEntries([...found].sort(([a], [b]) => a.localeCompare(b)).map(([id, m]) => [id, m.migration]));
  }
}

/** A migration file's exports: Kysely's up/down, which may take the MigrationContext too. */
interface HubMigration {
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
  down?(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}

async function load(file: string, ctx: MigrationContext): Promise<Migration> {
  const mod = (await import(pathToFileURL(file).href)) as Partial<HubMigration> & { default?: HubMigration };
  const m = typeof mod.up === "function" ? (mod as HubMigration) : mod.default;
  if (!m || typeof m.up !== "function") {
    throw new HubError(`migration file ${path.basename(file)} exports no up()`, "MIGRATION_FAILED");
  }
  const { up, down } = m;
  return down ? { up: (db) => up(db, ctx), down: (db) => down(db, ctx) } : { up: (db) => up(db, ctx) };
}

/**
 * Brings the hub's database to the latest version. Each module adds numbered files to its own
 * folder, so a file that sorts before one already applied (0100 added after 0200 ran) is still
 * applied: Kysely refuses that unless allowUnorderedMigrations is set. `defaultSiteId` (the
 * hub's default site, "default" unless given) is the site of rows written before sites existed.
 */
export async function migrateLedger(
  db: Kysely<Database>,
  opts: { folder?: string; folders?: readonly string[]; pgSchema?: string | undefined; defaultSiteId?: string } = {},
): Promise<MigrationResult[]> {
  const context = { defaultSiteId: opts.defaultSiteId ?? DEFAULT_SITE_ID };
  const migrator = new Migrator({
    db,
    provider: new FolderMigrationProvider(opts.folders ?? (opts.folder ? [opts.folder] : hubMigrationFolders), context),
    allowUnorderedMigrations: true,
    // Kysely looks for its bookkeeping tables in every schema; name ours so that another
    // schema's tables on the same server are never mistaken for them.
    ...(opts.pgSchema ? { migrationTableSchema: opts.pgSchema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    if (error instanceof HubError) throw error;
    const failed = results.find((r) => r.status === "Error")?.migrationName;
    const message = (error as Error).message;
    // No migration failed: the database itself did not answer (or refused the bookkeeping tables).
    if (!failed) throw new HubError(`ledger not reachable: ${message}`, "DB_UNAVAILABLE", { cause: error });
    throw new HubError(`ledger migration ${failed} failed: ${message}`, "MIGRATION_FAILED", { cause: error });
  }
  return results;
}
