import type { Kysely } from "kysely";

/**
 * What several hub processes on one PostgreSQL ledger share: claims on queued state-system writes
 * (one process sends each) and the state system's requests in flight or in the rate window (one
 * limit per facility across processes). Created on SQLite too, where one process never reads them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("chain_claims")
    .addColumn("submission_id", "text", (c) => c.primaryKey())
    .addColumn("worker", "text", (c) => c.notNull())
    .addColumn("until_ms", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("chain_rate_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rate_key", "text", (c) => c.notNull())
    .addColumn("held_until_ms", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("chain_rate_requests_key")
    .on("chain_rate_requests")
    .columns(["rate_key", "held_until_ms"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("chain_rate_requests").execute();
  await db.schema.dropTable("chain_claims").execute();
}
