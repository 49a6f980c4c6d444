import type { Kysely } from "kysely";

/**
 * Restock: requests (kiosk, dashboard, low-stock check), their lines, the packages picked for
 * them, each item's floor minimum, and the restock events already applied. Portable between
 * SQLite and PostgreSQL: text ids, ISO-8601 UTC times, quantities as double precision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("restock_requests")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("station_id", "text")
    .addColumn("note", "text")
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("restock_requests_pk", ["site_id", "id"])
    .execute();
  await db.schema
    .createIndex("restock_requests_open")
    .on("restock_requests")
    .columns(["site_id", "status", "requested_at"])
    .execute();
  await db.schema
    .createTable("restock_request_lines")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("restock_request_lines_pk", ["site_id", "request_id", "item_id"])
    .execute();
  await db.schema
    .createTable("restock_picks")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("from_location", "text", (c) => c.notNull())
    .addColumn("to_location", "text", (c) => c.notNull())
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("expected_label", "text")
    .addColumn("override_reason", "text")
    .addColumn("employee_id", "text")
    .addColumn("station_id", "text")
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("picked_at", "text", (c) => c.notNull())
    .addColumn("submission_id", "text")
    .addPrimaryKeyConstraint("restock_picks_pk", ["site_id", "request_id", "label"])
    .execute();
  await db.schema
    .createTable("restock_minimums")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("minimum", "double precision", (c) => c.notNull())
    .addColumn("refill_to", "double precision", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("restock_minimums_pk", ["site_id", "item_id"])
    .execute();
  await db.schema
    .createTable("restock_applied_events")
    .addColumn("event_id", "text", (c) => c.primaryKey())
    .addColumn("applied_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "restock_applied_events",
    "restock_minimums",
    "restock_picks",
    "restock_request_lines",
    "restock_requests",
  ])
    await db.schema.dropTable(t).execute();
}
