import type { Kysely } from "kysely";
import { addSiteColumns, type MigrationContext } from "#hub/store/site-column.js";

/**
 * Manifests are received at one site: a manifest number, its lines, the lab results read for its
 * packages and the outcome flags are kept per site. Rows from before sites take the hub's default
 * site. Applied receive events stay keyed by event id alone (unique across every station).
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await addSiteColumns(
    db,
    [
      {
        table: "receiving_manifests",
        primaryKey: ["site_id", "manifest_number"],
        indexes: { receiving_manifests_site_updated: ["site_id", "updated_at"] },
      },
      { table: "receiving_lines", primaryKey: ["site_id", "manifest_number", "label"] },
      {
        table: "receiving_lab_results",
        primaryKey: ["site_id", "result_id"],
        indexes: { receiving_lab_results_site_label: ["site_id", "label"] },
      },
      { table: "receiving_lab_checks", primaryKey: ["site_id", "label"] },
      { table: "receiving_flags", primaryKey: ["site_id", "manifest_number", "label", "kind"] },
    ],
    ctx.defaultSiteId,
  );
}
