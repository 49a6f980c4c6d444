import type { Kysely } from "kysely";

/** The state system's items and locations, as its sync last saw them (see 0100_statesystem). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("ss_items")
    .addColumn("state_id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("category", "text")
    .addColumn("unit", "text")
    .addColumn("quantity_type", "text")
    .addColumn("strain", "text")
    .addColumn("synced_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("ss_locations")
    .addColumn("state_id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text")
    .addColumn("synced_at", "text", (c) => c.notNull())
    .execute();
}
