import type { Kysely } from "kysely";

/**
 * Reorder settings per item or vendor, and an index that lets velocity read a site's sales of a
 * range of days from the index alone (site, day, then what it sums), on SQLite and PostgreSQL.
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
    .createIndex("pos_sales_site_day_sums")
    .on("pos_sales")
    .columns(["site_id", "business_day", "voided", "package_label", "sku", "unit", "quantity", "total"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("pos_sales_site_day_sums").execute();
  await db.schema.dropTable("report_reorder_settings").execute();
}
