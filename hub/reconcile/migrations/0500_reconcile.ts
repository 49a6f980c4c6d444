import type { Kysely } from "kysely";

/**
 * Reconciliation runs and their lines, and the indexes reconciliation needs on other modules'
 * tables: the state system's receipts by site and local sale time (ss_receipts has only its primary
 * key), receiving's decisions by site and time (receiving_lines has none by time), and movements by
 * site and the status they moved to (the packages ever quarantined or held). Portable
 * between SQLite and PostgreSQL: text ids, ISO-8601 times, double precision quantities.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("reconcile_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("business_day", "text", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("line_count", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("reconcile_runs_site_day")
    .on("reconcile_runs")
    .columns(["site_id", "business_day", "id"])
    .execute();

  await db.schema
    .createTable("reconcile_lines")
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("business_day", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("class", "text", (c) => c.notNull())
    .addColumn("pos", "double precision")
    .addColumn("state", "double precision")
    .addColumn("ledger", "double precision")
    .addColumn("physical", "double precision")
    .addColumn("fix", "text", (c) => c.notNull())
    .addColumn("case_id", "text")
    .addPrimaryKeyConstraint("reconcile_lines_pk", ["run_id", "seq"])
    .execute();
  await db.schema
    .createIndex("reconcile_lines_site_label")
    .on("reconcile_lines")
    .columns(["site_id", "label"])
    .execute();

  await db.schema
    .createIndex("ss_receipts_site_sold")
    .on("ss_receipts")
    .columns(["site_id", "sales_date_time"])
    .execute();
  await db.schema
    .createIndex("movements_site_to_status")
    .on("movements")
    .columns(["site_id", "to_status", "label"])
    .execute();
  await db.schema
    .createIndex("receiving_lines_site_decided")
    .on("receiving_lines")
    .columns(["site_id", "decided_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("receiving_lines_site_decided").ifExists().execute();
  await db.schema.dropIndex("movements_site_to_status").ifExists().execute();
  await db.schema.dropIndex("ss_receipts_site_sold").ifExists().execute();
  for (const t of ["reconcile_lines", "reconcile_runs"]) await db.schema.dropTable(t).ifExists().execute();
}
