import type { Kysely } from "kysely";

/**
 * Reorder settings per item or vendor; the daily sales rollup per item (rollup.ts) and the imports
 * it holds; and an index on the POS lines by import, so the days a new import touched are found
 * without reading every line. Portable between SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("report_reorder_settings")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("lead_time_days", "double precision", (c) => c.notNull())
    .addColumn("safety_days", "double precision", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_reorder_settings_pk", ["site_id", "scope", "ref"])
    .execute();
  await db.schema
    .createTable("report_item_days")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("business_day", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("lines", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_item_days_pk", ["site_id", "business_day", "item_id", "unit"])
    .execute();
  await db.schema
    .createTable("report_rolled_imports")
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("import_id", "text", (c) => c.notNull())
    .addColumn("rolled_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_rolled_imports_pk", ["site_id", "import_id"])
    .execute();
  await db.schema.createIndex("pos_sales_import_day").on("pos_sales").columns(["import_id", "business_day"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("pos_sales_import_day").execute();
  await db.schema.dropTable("report_rolled_imports").execute();
  await db.schema.dropTable("report_item_days").execute();
  await db.schema.dropTable("report_reorder_settings").execute();
}
