import type { Kysely } from "kysely";

/**
 * Waste recorded at the vault (hub/waste/tables.ts). Portable between SQLite and PostgreSQL:
 * text ids, ISO-8601 UTC times, quantities and grams as double precision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("waste_records")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("item_id", "text")
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("gross_grams", "double precision", (c) => c.notNull())
    .addColumn("tare_grams", "double precision", (c) => c.notNull())
    .addColumn("net_grams", "double precision", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("waste_method", "text")
    .addColumn("employee_id", "text")
    .addColumn("witness_id", "text", (c) => c.notNull())
    .addColumn("station_id", "text", (c) => c.notNull())
    .addColumn("door_session_id", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("refusal", "text")
    .addColumn("adjustment_id", "text")
    .addColumn("submission_id", "text")
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("waste_records_pk", ["site_id", "id"])
    .execute();
  await db.schema.createIndex("waste_records_at").on("waste_records").columns(["site_id", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("waste_records").execute();
}
