import type { Kysely } from "kysely";

/**
 * A dashboard login may be limited to some sites: `sites` holds their ids as a JSON array; null
 * (every login from before) sees every site the hub serves.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("dashboard_users").addColumn("sites", "text").execute();
}
