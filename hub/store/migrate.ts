import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResult } from "kysely";
import { HubError } from "../errors.js";
import type { Database } from "./database.js";

/** The one migrations folder: 0001–0099 ledger, 0100–0199 state system, 0200–0299 logins. */
export const migrationFolder = fileURLToPath(new URL("./migrations", import.meta.url));

const MIGRATION_FILE = /^\d{4}_[a-z0-9_-]+\.(ts|js|mts|mjs)$/;

/**
 * Kysely's FileMigrationProvider, with the same file rules, but importing from this module:
 * Kysely's own `import()` runs inside node_modules, outside the TypeScript loader that tsx and
 * vitest install, so it cannot load `.ts` migrations. Tests (`*.test.ts`) in the folder are ignored.
 */
export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.folder)).filter((f) => MIGRATION_FILE.test(f) && !f.endsWith(".d.ts")).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(this.folder, file)).href)) as Partial<Migration> & { default?: Migration };
      const migration = typeof mod.up === "function" ? (mod as Migration) : mod.default;
      if (!migration || typeof migration.up !== "function") {
        throw new HubError(`migration file ${file} exports no up()`, "MIGRATION_FAILED");
      }
      migrations[file.slice(0, file.lastIndexOf("."))] = migration;
    }
    return migrations;
  }
}

/**
 * Brings the ledger to the latest version. Several teams add numbered files to the same folder,
 * so a file that sorts before one already applied (0100 added after 0200 ran) is still applied:
 * Kysely refuses that unless allowUnorderedMigrations is set.
 */
export async function migrateLedger(
  db: Kysely<Database>,
  opts: { folder?: string; pgSchema?: string | undefined } = {},
): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: new FolderMigrationProvider(opts.folder ?? migrationFolder),
    allowUnorderedMigrations: true,
    // Kysely looks for its bookkeeping tables in every schema; name ours so that another
    // schema's tables on the same server are never mistaken for them.
    ...(opts.pgSchema ? { migrationTableSchema: opts.pgSchema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === "Error")?.migrationName;
    const message = (error as Error).message;
    // No migration failed: the database itself did not answer (or refused the bookkeeping tables).
    if (!failed) throw new HubError(`ledger not reachable: ${message}`, "DB_UNAVAILABLE", { cause: error });
    throw new HubError(`ledger migration ${failed} failed: ${message}`, "MIGRATION_FAILED", { cause: error });
  }
  return results;
}
