import { PostgresAdapter, type Kysely } from "kysely";

/** True when `db` runs on PostgreSQL: only there may several hub processes share one ledger. */
export function isPostgres<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
