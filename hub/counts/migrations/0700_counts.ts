import type { Kysely } from "kysely";

/**
 * Cycle counts: sessions, their lines (snapshot, counts, verdicts, decisions), the count events
 * already applied, and each item's ABC class. Portable between SQLite and PostgreSQL: text ids,
 * ISO-8601 UTC times, integer flags, quantities as double precision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("count_sessions")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("category", "text")
    .addColumn("business_day", "text", (c) => c.notNull())
    .addColumn("station_id", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("snapshot_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("counted_at", "text")
    .addColumn("approved_by", "text")
    .addColumn("approved_at", "text")
    .addColumn("accuracy", "double precision")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("count_sessions_pk", ["site_id", "id"])
    .execute();
  await db.schema.createIndex("count_sessions_day").on("count_sessions").columns(["site_id", "business_day"]).execute();

  let lines = db.schema
    .createTable("count_lines")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("count_id", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull());
  for (const col of ["item_id", "item_name", "category", "class", "location", "unit", "count_by"])
    lines = lines.addColumn(col, "text", (c) => (col === "item_id" ? c : c.notNull()));
  for (const col of ["unit_weight_grams", "container_tare_grams", "snapshot_quantity"])
    lines = lines.addColumn(col, "double precision");
  lines = lines.addColumn("unexpected", "integer", (c) => c.notNull().defaultTo(0));
  lines = lines.addColumn("counted", "double precision");
  for (const col of ["counted_at", "counted_by", "method"]) lines = lines.addColumn(col, "text");
  lines = lines.addColumn("found", "integer");
  for (const col of ["gross_grams", "tare_grams"]) lines = lines.addColumn(col, "double precision");
  lines = lines.addColumn("counted_round", "integer");
  lines = lines.addColumn("first_counted", "double precision").addColumn("first_counted_by", "text");
  for (const col of ["expected", "sold_since_snapshot"]) lines = lines.addColumn(col, "double precision");
  lines = lines.addColumn("within_tolerance", "integer").addColumn("tolerance_pct", "double precision");
  lines = lines.addColumn("seen_round", "integer");
  lines = lines.addColumn("needs_recount", "integer", (c) => c.notNull().defaultTo(0));
  for (const col of ["recount_refused", "decision", "adjustment_id", "submission_id", "case_id"])
    lines = lines.addColumn(col, "text");
  await lines.addPrimaryKeyConstraint("count_lines_pk", ["site_id", "count_id", "label"]).execute();
  await db.schema.createIndex("count_lines_label").on("count_lines").columns(["site_id", "label"]).execute();

  await db.schema
    .createTable("count_applied_events")
    .addColumn("event_id", "text", (c) => c.primaryKey())
    .addColumn("applied_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("count_classes")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("class", "text", (c) => c.notNull())
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("velocity", "double precision", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("risk", "double precision", (c) => c.notNull())
    .addColumn("classed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("count_classes_pk", ["site_id", "item_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["count_classes", "count_applied_events", "count_lines", "count_sessions"])
    await db.schema.dropTable(t).execute();
}
