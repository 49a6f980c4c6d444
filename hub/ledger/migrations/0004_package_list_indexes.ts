import type { Kysely } from "kysely";

/**
 * The dashboard's packages list pages by label (keyset: `label > last seen`) within a filter: a
 * location, a status or an expiry window read only their slice of the index, not every package.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("packages_location_label").on("packages").columns(["location", "label"]).execute();
  await db.schema
    .createIndex("packages_status_label")
    .on("packages")
    .columns(["status", "lab_state", "label"])
    .execute();
  await db.schema
    .createIndex("packages_expiration_date")
    .on("packages")
    .columns(["expiration_date", "label"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ["packages_location_label", "packages_status_label", "packages_expiration_date"])
    await db.schema.dropIndex(name).execute();
}
