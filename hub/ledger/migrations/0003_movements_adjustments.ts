import { sql, type Kysely } from "kysely";

/**
 * Every change to a package's state, as its own row with before and after (InvenTree's stock
 * tracking entries, OpenTHC's log_delta): movements (location or status: from, to, why, who, door
 * session) and adjustments (quantity: before, after, the state system's reason and a note). Each
 * row points at the audit entry written with it in the same transaction (`audit_seq`). Rows are
 * only ever added. Portable between SQLite and PostgreSQL: text ids and ISO-8601 UTC times,
 * double precision quantities.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A station's move happened in the door session of its last door event before it: door events
  // only (a handful among millions of scans), so ingest pays nothing for the index.
  await db.schema
    .createIndex("events_door_station_at")
    .on("events")
    .columns(["station_id", "at", "id"])
    .where(sql.ref("type"), "=", "door")
    .execute();

  await db.schema
    .createTable("movements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("from_location", "text")
    .addColumn("from_status", "text")
    .addColumn("to_location", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("employee_id", "text")
    .addColumn("station_id", "text")
    .addColumn("site_id", "text")
    .addColumn("door_session_id", "text")
    .addColumn("source_kind", "text")
    .addColumn("source_ref", "text")
    .addColumn("audit_seq", "integer", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  // A package's history reads its movements in time order: one index range scan, as for events.
  await db.schema.createIndex("movements_label_at").on("movements").columns(["label", "at"]).execute();

  await db.schema
    .createTable("adjustments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("quantity_before", "double precision", (c) => c.notNull())
    .addColumn("quantity_after", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("employee_id", "text")
    .addColumn("station_id", "text")
    .addColumn("site_id", "text")
    .addColumn("source_kind", "text")
    .addColumn("source_ref", "text")
    .addColumn("audit_seq", "integer", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("adjustments_label_at").on("adjustments").columns(["label", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("events_door_station_at").ifExists().execute();
  await db.schema.dropTable("adjustments").ifExists().execute();
  await db.schema.dropTable("movements").ifExists().execute();
}
