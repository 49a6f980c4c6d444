import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { HubError } from "../errors.js";
import type { Database } from "./database.js";

/** Which database the ledger runs on. */
export type LedgerDialect = "sqlite" | "postgres";

/** An open ledger connection: the Kysely handle every repository function takes. */
export interface Ledger {
  db: Kysely<Database>;
  dialect: LedgerDialect;
  /** Where it lives, for logs and /api/health (the password is never included). */
  where: string;
  /** PostgreSQL schema in use, when one was named. */
  pgSchema?: string | undefined;
  close(): Promise<void>;
}

/** Where the ledger lives. */
export interface LedgerOptions {
  /** Unset: SQLite file `ledger.sqlite` in dataDir; postgres://… → PostgreSQL. */
  dbUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL schema to use (search_path); tests use a fresh one per run. */
  pgSchema?: string;
  /** SQLite only: use this file instead of dataDir/ledger.sqlite (":memory:" for tests). */
  sqliteFile?: string;
}

/**
 * Opens SQLite in WAL mode with synchronous=NORMAL: a commit survives a process crash, and only an
 * OS crash can lose the last transactions, which the stations' outboxes still hold until acked.
 */
function openSqlite(file: string): Ledger {
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", where: file, close: () => db.destroy() };
}

function openPostgres(url: string, schema?: string): Ledger {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new HubError(`bad PostgreSQL schema name "${schema}"`, "CONFIG_INVALID");
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A server that accepts but never answers must fail the start, not hang it.
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(url);
  safe.password = "";
  return { db, dialect: "postgres", where: safe.toString(), pgSchema: schema, close: () => db.destroy() };
}

/** Opens the ledger the configuration asks for (no migrations; see migrateLedger). */
export function openLedger(opts: LedgerOptions): Ledger {
  if (opts.dbUrl) return openPostgres(opts.dbUrl, opts.pgSchema);
  const file = opts.sqliteFile ?? join(opts.dataDir, "ledger.sqlite");
  if (file !== ":memory:") mkdirSync(opts.dataDir, { recursive: true });
  return openSqlite(file);
}
