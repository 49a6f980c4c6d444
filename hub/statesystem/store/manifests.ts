/**
 * Incoming transfers (manifests) and lab results as the last sync stored them, for the receive
 * workflow and the dashboard.
 */
import type { LabResult, ShipmentPackageState } from "../port.js";
import type { Db } from "#hub/store/database.js";

export interface IncomingManifest {
  manifestNumber: string;
  shipperLicense: string;
  shipperName: string;
  /** As the state system gave it: local facility time for METRC. */
  estimatedArrival: string | null;
  receivedAt: string | null;
  packages: Array<{
    label: string;
    itemName: string;
    shippedQuantity: number;
    shippedUnit: string;
    receivedQuantity: number | null;
    state: ShipmentPackageState;
  }>;
}

/** Manifests of `site` not voided, newest first; `openOnly` keeps those with a package still "Shipped". */
export async function incomingManifests(
  db: Db,
  site: string,
  opts: { openOnly?: boolean; limit?: number } = {},
): Promise<IncomingManifest[]> {
  const transfers = await db
    .selectFrom("ss_transfers")
    .selectAll()
    .where("site_id", "=", site)
    .where("voided", "=", 0)
    .orderBy("last_modified", "desc")
    .limit(opts.limit ?? 50)
    .execute();
  if (transfers.length === 0) return [];
  const rows = await db
    .selectFrom("ss_transfer_packages as p")
    .innerJoin("ss_deliveries as d", (j) =>
      j.onRef("d.site_id", "=", "p.site_id").onRef("d.state_id", "=", "p.delivery_id"),
    )
    .select([
      "d.transfer_id",
      "p.label",
      "p.item_name",
      "p.shipped_quantity",
      "p.shipped_unit",
      "p.received_quantity",
      "p.state",
    ])
    .where("p.site_id", "=", site)
    .where(
      "d.transfer_id",
      "in",
      transfers.map((t) => t.state_id),
    )
    .orderBy("p.label")
    .execute();
  const out = transfers.map((t) => ({
    manifestNumber: t.manifest_number,
    shipperLicense: t.shipper_license,
    shipperName: t.shipper_name,
    estimatedArrival: t.estimated_arrival,
    receivedAt: t.received_at,
    packages: rows
      .filter((r) => r.transfer_id === t.state_id)
      .map((r) => ({
        label: r.label,
        itemName: r.item_name,
        shippedQuantity: Number(r.shipped_quantity),
        shippedUnit: r.shipped_unit,
        receivedQuantity: r.received_quantity === null ? null : Number(r.received_quantity),
        state: r.state as ShipmentPackageState,
      })),
  }));
  return opts.openOnly ? out.filter((m) => m.packages.some((p) => p.state === "Shipped")) : out;
}

/** Lab results of one package of `site`, as synced. */
export async function labResultsFor(db: Db, site: string, label: string): Promise<LabResult[]> {
  const rows = await db
    .selectFrom("ss_lab_results")
    .selectAll()
    .where("site_id", "=", site)
    .where("label", "=", label)
    .orderBy("test_type")
    .execute();
  return rows.map((r) => ({
    resultId: r.result_id,
    packageStateId: r.package_state_id,
    label: r.label,
    testType: r.test_type,
    testPassed: Number(r.test_passed) === 1,
    overallPassed: Number(r.overall_passed) === 1,
    performedDate: r.performed_date,
    level: r.level === null ? null : Number(r.level),
    documentFileId: r.document_file_id,
  }));
}
