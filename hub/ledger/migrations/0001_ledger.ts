import type { Kysely } from "kysely";

/**
 * The ledger's first tables. Types are portable between SQLite and PostgreSQL: text for ids,
 * ISO times and JSON, integer for flags, double precision for quantities (PostgreSQL `real` is
 * only 4 bytes and would round package weights).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("station_id", "text", (c) => c.notNull())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("employee_id", "text")
    .addColumn("label", "text")
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
  // Package history reads all events of one tag in time order: one index range scan.
  await db.schema.createIndex("events_label_at").on("events").columns(["label", "at"]).execute();
  await db.schema.createIndex("events_station_at").on("events").columns(["station_id", "at"]).execute();

  await db.schema
    .createTable("items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("brand", "text")
    .addColumn("strain", "text")
    .addColumn("gtin", "text")
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("weight_based", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("unit_weight_grams", "double precision")
    .addColumn("container_tare_grams", "double precision")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("packages")
    .addColumn("label", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("lab_state", "text", (c) => c.notNull())
    .addColumn("packaged_date", "text", (c) => c.notNull())
    .addColumn("expiration_date", "text")
    .addColumn("batch", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("packages_item_id").on("packages").column("item_id").execute();
  await db.schema.createIndex("packages_updated_at").on("packages").column("updated_at").execute();

  await db.schema
    .createTable("employees")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("badge", "text", (c) => c.notNull().unique())
    .addColumn("pin_hash", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("stations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull())
    .addColumn("online", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_seen", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();

  await db.schema
    .createTable("dead_letters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("dead_letters_received_at").on("dead_letters").column("received_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["dead_letters", "stations", "employees", "packages", "items", "events"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
