import type { Kysely } from "kysely";

/**
 * Receiving: manifests the vault verified, each line's decision, the receive events already
 * applied, lab results fetched for incoming packages, and the differences between the vault's
 * decisions and what the state system recorded. Portable between SQLite and PostgreSQL: text ids,
 * ISO-8601 UTC times (sort as text), integer flags, quantities as double precision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("receiving_manifests")
    .addColumn("manifest_number", "text", (c) => c.primaryKey())
    .addColumn("receiving_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("station_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text")
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .addColumn("reject_reason", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("receiving_lines")
    .addColumn("manifest_number", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("receiving_id", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("received_quantity", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("note", "text")
    .addColumn("gross_grams", "double precision")
    .addColumn("net_grams", "double precision")
    .addColumn("location", "text", (c) => c.notNull())
    .addColumn("unexpected", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("station_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text")
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("receiving_lines_pk", ["manifest_number", "label"])
    .execute();

  await db.schema
    .createTable("receiving_applied_events")
    .addColumn("event_id", "text", (c) => c.primaryKey())
    .addColumn("applied_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("receiving_lab_results")
    .addColumn("result_id", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("test_type", "text", (c) => c.notNull())
    .addColumn("test_passed", "integer", (c) => c.notNull())
    .addColumn("overall_passed", "integer", (c) => c.notNull())
    .addColumn("performed_date", "text")
    .addColumn("level", "double precision")
    .addColumn("document_file_id", "text")
    .execute();
  await db.schema.createIndex("receiving_lab_results_label").on("receiving_lab_results").column("label").execute();

  await db.schema
    .createTable("receiving_lab_checks")
    .addColumn("label", "text", (c) => c.primaryKey())
    .addColumn("checked_at", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .execute();

  await db.schema
    .createTable("receiving_flags")
    .addColumn("manifest_number", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addColumn("vault_decision", "text")
    .addColumn("vault_quantity", "double precision")
    .addColumn("state_state", "text")
    .addColumn("state_quantity", "double precision")
    .addColumn("flagged_at", "text", (c) => c.notNull())
    .addColumn("cleared_at", "text")
    .addPrimaryKeyConstraint("receiving_flags_pk", ["manifest_number", "label", "kind"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "receiving_flags",
    "receiving_lab_checks",
    "receiving_lab_results",
    "receiving_applied_events",
    "receiving_lines",
    "receiving_manifests",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
