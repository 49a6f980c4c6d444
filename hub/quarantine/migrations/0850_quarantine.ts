import type { Kysely } from "kysely";

/**
 * Quarantine holds (hold, release asked, release approved or denied), the state system's location changes
 * they need (written with the hold, queued once it committed), and the quarantine events already applied.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("quarantine_holds")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("location", "text", (c) => c.notNull())
    .addColumn("from_location", "text", (c) => c.notNull())
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("held_by", "text", (c) => c.notNull())
    .addColumn("held_at", "text", (c) => c.notNull())
    .addColumn("station_id", "text")
    .addColumn("release_asked_by", "text")
    .addColumn("release_asked_at", "text")
    .addColumn("release_note", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text")
    .addColumn("released_to", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("quarantine_holds_pk", ["site_id", "id"])
    .execute();
  await db.schema
    .createIndex("quarantine_holds_label")
    .on("quarantine_holds")
    .columns(["site_id", "label", "status"])
    .execute();
  await db.schema
    .createTable("quarantine_state_writes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("submission_id", "text")
    .execute();
  await db.schema
    .createTable("quarantine_applied_events")
    .addColumn("event_id", "text", (c) => c.primaryKey())
    .addColumn("applied_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("quarantine_applied_events").execute();
  await db.schema.dropTable("quarantine_state_writes").execute();
  await db.schema.dropTable("quarantine_holds").execute();
}
