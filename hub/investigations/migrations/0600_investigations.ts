import { sql, type Kysely } from "kysely";

/**
 * Investigations: cases, the variances that opened or joined them, notes and evidence, and
 * resolutions. Portable between SQLite and PostgreSQL: text ids and ISO-8601 UTC times, integer
 * flags, double precision quantities. One open case per package and class is held by a partial
 * unique index (both dialects have them), so two runs opening the same difference at once join.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("inv_cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("class", "text", (c) => c.notNull())
    .addColumn("business_day", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("opened_by", "text", (c) => c.notNull())
    .addColumn("opened_day", "text", (c) => c.notNull())
    .addColumn("deadline_at", "text", (c) => c.notNull())
    .addColumn("assignee", "text")
    .addColumn("root_cause", "text")
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text")
    .addColumn("closed_day", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("inv_cases_open_one")
    .on("inv_cases")
    .columns(["site_id", "label", "class"])
    .unique()
    .where(sql.ref("status"), "=", "open")
    .execute();
  await db.schema.createIndex("inv_cases_site_status").on("inv_cases").columns(["site_id", "status"]).execute();
  await db.schema.createIndex("inv_cases_label").on("inv_cases").columns(["site_id", "label"]).execute();

  await db.schema
    .createTable("inv_variances")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("class", "text", (c) => c.notNull())
    .addColumn("business_day", "text", (c) => c.notNull())
    .addColumn("pos", "double precision")
    .addColumn("state", "double precision")
    .addColumn("ledger", "double precision")
    .addColumn("physical", "double precision")
    .addColumn("fix", "text", (c) => c.notNull())
    .addColumn("source_kind", "text", (c) => c.notNull())
    .addColumn("source_ref", "text", (c) => c.notNull())
    .addColumn("added_by", "text", (c) => c.notNull())
    .addColumn("added_at", "text", (c) => c.notNull())
    .execute();
  // The same difference reported twice by one run or count is one variance.
  await db.schema
    .createIndex("inv_variances_once")
    .on("inv_variances")
    .columns(["site_id", "source_kind", "source_ref", "label", "class"])
    .unique()
    .execute();
  await db.schema.createIndex("inv_variances_case").on("inv_variances").column("case_id").execute();

  await db.schema
    .createTable("inv_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("camera", "text")
    .addColumn("evidence_at", "text")
    .addColumn("by", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("inv_notes_case").on("inv_notes").column("case_id").execute();

  await db.schema
    .createTable("inv_resolutions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("writes", "text", (c) => c.notNull())
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addColumn("needs_approval", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("proposed_by", "text", (c) => c.notNull())
    .addColumn("proposed_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text")
    .addColumn("adjustment_id", "text")
    .addColumn("submission_ids", "text")
    .addColumn("queued_at", "text")
    .execute();
  await db.schema.createIndex("inv_resolutions_case").on("inv_resolutions").column("case_id").execute();
  await db.schema.createIndex("inv_resolutions_status").on("inv_resolutions").column("status").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["inv_resolutions", "inv_notes", "inv_variances", "inv_cases"])
    await db.schema.dropTable(t).ifExists().execute();
}
