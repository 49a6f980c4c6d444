import type { Kysely } from "kysely";
import { addSiteColumns, type MigrationContext } from "#hub/store/site-column.js";

/**
 * Each site has its own state-system licence and credentials: what its sync stored, its
 * checkpoints, its queued writes and its request log carry its site_id, and the state system's
 * own keys (a label, a transfer id, a reason's name) are unique per site. Rows from before sites
 * take the hub's default site.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await addSiteColumns(
    db,
    [
      {
        table: "ss_submissions",
        indexes: {
          ss_submissions_site_state: ["site_id", "state", "next_attempt_at"],
          ss_submissions_site_label: ["site_id", "label", "created_at"],
        },
      },
      { table: "ss_request_log", indexes: { ss_request_log_site: ["site_id", "id"] } },
      { table: "ss_checkpoints", primaryKey: ["site_id", "entity"] },
      {
        table: "ss_packages",
        primaryKey: ["site_id", "label"],
        indexes: { ss_packages_site_lab_synced: ["site_id", "lab_synced_at"] },
      },
      { table: "ss_items", primaryKey: ["site_id", "state_id"] },
      { table: "ss_locations", primaryKey: ["site_id", "state_id"] },
      {
        table: "ss_transfers",
        primaryKey: ["site_id", "state_id"],
        indexes: { ss_transfers_site_manifest: ["site_id", "manifest_number"] },
      },
      {
        table: "ss_deliveries",
        primaryKey: ["site_id", "state_id"],
        indexes: { ss_deliveries_site_transfer: ["site_id", "transfer_id"] },
      },
      { table: "ss_transfer_packages", primaryKey: ["site_id", "delivery_id", "label"] },
      {
        table: "ss_lab_results",
        primaryKey: ["site_id", "result_id"],
        indexes: { ss_lab_results_site_label: ["site_id", "label"] },
      },
      { table: "ss_adjustment_reasons", primaryKey: ["site_id", "name"] },
      { table: "ss_receipts", primaryKey: ["site_id", "state_id"] },
    ],
    ctx.defaultSiteId,
  );
}
