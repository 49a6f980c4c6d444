import { PostgresAdapter, sql, type Kysely } from "kysely";

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

  // Other modules' tables carry site_id since their sites migrations (0004, 0102, 0301), which run
  // before this one; a ledger migrated in another order gets these indexes once it has the column.
  const tables = await db.introspection.getTables();
  // PostgreSQL lists every schema's tables (stores may share a server): only this ledger's count.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
  const has = (table: string, column: string) =>
    tables.some(
      (t) =>
        t.name === table && (schema === undefined || t.schema === schema) && t.columns.some((c) => c.name === column),
    );
  const indexes: Array<[string, string, string[]]> = [
    ["ss_receipts_site_sold", "ss_receipts", ["site_id", "sales_date_time"]],
    ["movements_site_to_status", "movements", ["site_id", "to_status", "label"]],
    ["receiving_lines_site_decided", "receiving_lines", ["site_id", "decided_at"]],
  ];
  for (const [name, table, columns] of indexes)
    if (columns.every((c) => has(table, c)))
      await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("receiving_lines_site_decided").ifExists().execute();
  await db.schema.dropIndex("movements_site_to_status").ifExists().execute();
  await db.schema.dropIndex("ss_receipts_site_sold").ifExists().execute();
  for (const t of ["reconcile_lines", "reconcile_runs"]) await db.schema.dropTable(t).ifExists().execute();
}
