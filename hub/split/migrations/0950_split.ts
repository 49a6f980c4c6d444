import type { Kysely } from "kysely";

/** Package splits recorded at the vault (hub/split/tables.ts); portable between SQLite and PostgreSQL. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("split_records")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("source_before", "double precision", (c) => c.notNull())
    .addColumn("source_remaining", "double precision", (c) => c.notNull())
    .addColumn("packages", "text", (c) => c.notNull())
    .addColumn("difference", "text")
    .addColumn("employee_id", "text")
    .addColumn("station_id", "text", (c) => c.notNull())
    .addColumn("door_session_id", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("refusal", "text")
    .addColumn("create_submission_id", "text")
    .addColumn("difference_submission_id", "text")
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("split_records_pk", ["site_id", "id"])
    .execute();
  await db.schema.createIndex("split_records_at").on("split_records").columns(["site_id", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("split_records").execute();
}
