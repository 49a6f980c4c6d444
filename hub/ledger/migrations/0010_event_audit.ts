import type { Kysely } from "kysely";

/**
 * Station events join the audit trail: each stored event names the audit entry that covers it
 * (`audit_seq`: one entry per ingest batch, whose detail carries the digest of the batch's
 * events in order), so an export can list an entry's events and anyone can recompute the digest.
 * Events stored before this migration keep a null `audit_seq` and are not covered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("events").addColumn("audit_seq", "integer").execute();
  await db.schema.createIndex("events_audit_seq").on("events").column("audit_seq").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("events_audit_seq").execute();
  await db.schema.alterTable("events").dropColumn("audit_seq").execute();
}
