import { sql, type Kysely } from "kysely";
import { addSiteColumns, type MigrationContext } from "#hub/store/site-column.js";

/**
 * Every package, item, movement and adjustment belongs to a site (a licence); a label and an item
 * id are unique per site. Rows from before sites were the one site the hub served: they take the
 * hub's default site. Movements and adjustments already had a site_id (the station's envelope),
 * empty for the sync's and the hub's own changes; it now names the package's site, so older rows
 * take the default site too. Events and stations keep what the stations' envelopes said.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await sql`update movements set site_id = ${ctx.defaultSiteId}`.execute(db);
  await sql`update adjustments set site_id = ${ctx.defaultSiteId}`.execute(db);
  await addSiteColumns(
    db,
    [
      { table: "items", primaryKey: ["site_id", "id"] },
      { table: "packages", primaryKey: ["site_id", "label"], indexes: { packages_site_item: ["site_id", "item_id"] } },
      { table: "movements", indexes: { movements_site_label_at: ["site_id", "label", "at"] } },
      { table: "adjustments", indexes: { adjustments_site_label_at: ["site_id", "label", "at"] } },
      { table: "stations", indexes: { stations_site: ["site_id"] } },
    ],
    ctx.defaultSiteId,
  );
}
