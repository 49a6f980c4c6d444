import type { Kysely } from "kysely";

/**
 * POS sales, the imports that landed them, and saved column mappings. Portable between SQLite and
 * PostgreSQL: text ids, ISO-8601 UTC times, integer flags, double precision quantities and money.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("pos_sales")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("receipt_id", "text", (c) => c.notNull())
    .addColumn("line_id", "text", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("completed_at", "text", (c) => c.notNull())
    .addColumn("business_day", "text", (c) => c.notNull())
    .addColumn("package_label", "text")
    .addColumn("sku", "text")
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("total", "double precision", (c) => c.notNull())
    .addColumn("voided", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("return_of", "text")
    .addColumn("attributed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("import_id", "text", (c) => c.notNull())
    .addColumn("row_number", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("pos_sales_pk", ["source", "receipt_id", "line_id"])
    .execute();
  // Reconciliation reads one site's day; package history reads one tag's sales.
  await db.schema.createIndex("pos_sales_site_day").on("pos_sales").columns(["site_id", "business_day"]).execute();
  await db.schema.createIndex("pos_sales_label").on("pos_sales").column("package_label").execute();

  await db.schema
    .createTable("pos_imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("file", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("mapping", "text")
    .addColumn("rows", "integer", (c) => c.notNull())
    .addColumn("imported", "integer", (c) => c.notNull())
    .addColumn("already_imported", "integer", (c) => c.notNull())
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("pos_imports_site_at").on("pos_imports").columns(["site_id", "imported_at"]).execute();

  await db.schema
    .createTable("pos_mappings")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["pos_mappings", "pos_imports", "pos_sales"]) await db.schema.dropTable(t).ifExists().execute();
}
