import type { Kysely } from "kysely";

/**
 * State-system tables (METRC / BioTrack): the submission queue, the request log kept for
 * auditors, per-entity sync checkpoints, and what the state system holds: its view of packages,
 * incoming transfers with deliveries and their packages, lab results, adjustment reasons and
 * sales receipts. Portable between SQLite and PostgreSQL: text ids, ISO-8601 UTC times, integer
 * flags, double precision quantities, JSON as text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("ss_submissions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("label", "text")
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("requested_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("confirmed_at", "text")
    .addColumn("state_ids", "text")
    .addColumn("error_code", "text")
    .addColumn("error_message", "text")
    .addColumn("remedy", "text")
    .addColumn("remedy_owner", "text")
    .addColumn("resolved_by", "text")
    .execute();
  await db.schema
    .createIndex("ss_submissions_state_due")
    .on("ss_submissions")
    .columns(["state", "next_attempt_at"])
    .execute();
  await db.schema.createIndex("ss_submissions_label").on("ss_submissions").columns(["label", "created_at"]).execute();
  await db.schema
    .createIndex("ss_submissions_fingerprint")
    .on("ss_submissions")
    .columns(["fingerprint", "state"])
    .execute();

  await db.schema
    .createTable("ss_request_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("system", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("request_body", "text")
    .addColumn("status", "integer")
    .addColumn("response_body", "text")
    .addColumn("error", "text")
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("submission_id", "text")
    .execute();
  await db.schema.createIndex("ss_request_log_submission").on("ss_request_log").column("submission_id").execute();
  await db.schema
    .createTable("ss_request_log_labels")
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("request_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ss_request_log_labels_pk", ["label", "request_id"])
    .execute();

  await db.schema
    .createTable("ss_checkpoints")
    .addColumn("entity", "text", (c) => c.primaryKey())
    .addColumn("checkpoint", "text")
    .addColumn("last_run_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .execute();

  await db.schema
    .createTable("ss_packages")
    .addColumn("label", "text", (c) => c.primaryKey())
    .addColumn("state_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("item_name", "text", (c) => c.notNull())
    .addColumn("item_category", "text")
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("location", "text")
    .addColumn("lab_state", "text")
    .addColumn("note", "text")
    .addColumn("finished_date", "text")
    .addColumn("received_from_manifest", "text")
    .addColumn("last_modified", "text", (c) => c.notNull())
    .addColumn("synced_at", "text", (c) => c.notNull())
    .addColumn("lab_synced_at", "text")
    .execute();
  await db.schema.createIndex("ss_packages_lab_synced").on("ss_packages").column("lab_synced_at").execute();

  await createReferenceTables(db);
}

async function createReferenceTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("ss_transfers")
    .addColumn("state_id", "text", (c) => c.primaryKey())
    .addColumn("manifest_number", "text", (c) => c.notNull())
    .addColumn("shipper_license", "text", (c) => c.notNull())
    .addColumn("shipper_name", "text", (c) => c.notNull())
    .addColumn("package_count", "integer", (c) => c.notNull())
    .addColumn("received_package_count", "integer", (c) => c.notNull())
    .addColumn("estimated_arrival", "text")
    .addColumn("received_at", "text")
    .addColumn("voided", "integer", (c) => c.notNull())
    .addColumn("last_modified", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("ss_deliveries")
    .addColumn("state_id", "text", (c) => c.primaryKey())
    .addColumn("transfer_id", "text", (c) => c.notNull())
    .addColumn("package_count", "integer", (c) => c.notNull())
    .addColumn("received_package_count", "integer", (c) => c.notNull())
    .addColumn("received_at", "text")
    .execute();
  await db.schema
    .createTable("ss_transfer_packages")
    .addColumn("delivery_id", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("package_state_id", "text", (c) => c.notNull())
    .addColumn("item_name", "text", (c) => c.notNull())
    .addColumn("item_category", "text")
    .addColumn("shipped_quantity", "double precision", (c) => c.notNull())
    .addColumn("shipped_unit", "text", (c) => c.notNull())
    .addColumn("received_quantity", "double precision")
    .addColumn("received_unit", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ss_transfer_packages_pk", ["delivery_id", "label"])
    .execute();
  await db.schema.createIndex("ss_transfer_packages_label").on("ss_transfer_packages").column("label").execute();
  await db.schema
    .createTable("ss_lab_results")
    .addColumn("result_id", "text", (c) => c.primaryKey())
    .addColumn("package_state_id", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("test_type", "text", (c) => c.notNull())
    .addColumn("test_passed", "integer", (c) => c.notNull())
    .addColumn("overall_passed", "integer", (c) => c.notNull())
    .addColumn("performed_date", "text")
    .addColumn("level", "double precision")
    .addColumn("document_file_id", "text")
    .execute();
  await db.schema.createIndex("ss_lab_results_label").on("ss_lab_results").column("label").execute();
  await db.schema
    .createTable("ss_adjustment_reasons")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("requires_note", "integer", (c) => c.notNull())
    .addColumn("requires_waste_weight", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("ss_receipts")
    .addColumn("state_id", "text", (c) => c.primaryKey())
    .addColumn("external_number", "text")
    .addColumn("sales_date_time", "text", (c) => c.notNull())
    .addColumn("customer_type", "text", (c) => c.notNull())
    .addColumn("lines", "text", (c) => c.notNull())
    .addColumn("final", "integer", (c) => c.notNull())
    .addColumn("voided", "integer", (c) => c.notNull())
    .addColumn("last_modified", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ss_receipts_external").on("ss_receipts").column("external_number").execute();
}
