/**
 * Manifests from the incoming transfers the state-system sync stored (ss_transfers, ss_deliveries,
 * ss_transfer_packages), with each line's item profile from the catalog and its lab state and COA
 * summary from the lab results, in the contract's shape the stations receive.
 *
 *   ss_transfers ─┬─ ss_deliveries ── ss_transfer_packages ──┐
 *   items (by name: id, weight-based, container tare) ───────┼──▶ Manifest { lines[] }
 *   ss_lab_results ∪ receiving_lab_results (by label) ───────┘
 */
import { unitsOfMeasure, type Unit } from "#contract/domain.js";
import { TAG_LENGTH } from "#contract/metrc-tag.js";
import { ManifestSchema, type Manifest, type ManifestLine } from "#contract/receiving.js";
import { coaSummaryOf, labStateOf, type LabRow } from "./lab.js";
import { toInstant } from "./local-time.js";
import type { Db } from "#hub/store/database.js";

/** One package of an incoming transfer as the state system lists it. */
export interface TransferPackageView {
  label: string;
  packageStateId: string;
  itemName: string;
  shippedQuantity: number;
  shippedUnit: string;
  receivedQuantity: number | null;
  receivedUnit: string | null;
  /** ShipmentPackageState: Shipped, Accepted, Rejected, Returned. */
  state: string;
}

/** An incoming transfer with its packages, in the order the state system lists them. */
export interface TransferView {
  manifestNumber: string;
  shipperName: string;
  shipperLicense: string;
  /** As the state system gave it (METRC: facility wall-clock time). */
  estimatedArrival: string | null;
  voided: boolean;
  packages: TransferPackageView[];
}

/** How manifests are built: the facility's time zone and where a COA document opens. */
export interface ManifestOptions {
  timeZone: string;
  documentUrl(fileId: string): string;
}

/**
 * METRC lists a delivery's packages by its package id, the order the shipper put them on the
 * manifest; its receive screen shows them the same way, so the checklist follows it too.
 */
function byStateOrder(a: TransferPackageView, b: TransferPackageView): number {
  const x = Number(a.packageStateId);
  const y = Number(b.packageStateId);
  if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a.packageStateId.localeCompare(b.packageStateId) || a.label.localeCompare(b.label);
}

/** Which transfers to read: those named, and/or only those with a package still Shipped. */
export interface TransferFilter {
  manifestNumbers?: readonly string[];
  /** Not voided, with a package still "Shipped" in the state system. */
  open?: boolean;
}

/** Incoming transfers of `site` (all, or those the filter names), newest first, each with its packages. */
export async function transferViews(db: Db, site: string, filter: TransferFilter = {}): Promise<TransferView[]> {
  let q = db
    .selectFrom("ss_transfers as t")
    .selectAll("t")
    .where("t.site_id", "=", site)
    .orderBy("t.last_modified", "desc");
  if (filter.manifestNumbers) {
    if (filter.manifestNumbers.length === 0) return [];
    q = q.where("t.manifest_number", "in", [...filter.manifestNumbers]);
  }
  if (filter.open) {
    q = q.where("t.voided", "=", 0).where(({ exists, selectFrom }) =>
      exists(
        selectFrom("ss_transfer_packages as p")
          .innerJoin("ss_deliveries as d", (j) =>
            j.onRef("d.site_id", "=", "p.site_id").onRef("d.state_id", "=", "p.delivery_id"),
          )
          .select("p.label")
          .whereRef("d.site_id", "=", "t.site_id")
          .whereRef("d.transfer_id", "=", "t.state_id")
          .where("p.state", "=", "Shipped"),
      ),
    );
  }
  const transfers = await q.execute();
  if (transfers.length === 0) return [];
  const rows = await db
    .selectFrom("ss_transfer_packages as p")
    .innerJoin("ss_deliveries as d", (j) =>
      j.onRef("d.site_id", "=", "p.site_id").onRef("d.state_id", "=", "p.delivery_id"),
    )
    .select([
      "d.transfer_id",
      "p.label",
      "p.package_state_id",
      "p.item_name",
      "p.shipped_quantity",
      "p.shipped_unit",
      "p.received_quantity",
      "p.received_unit",
      "p.state",
    ])
    .where("p.site_id", "=", site)
    .where(
      "d.transfer_id",
      "in",
      transfers.map((t) => t.state_id),
    )
    .execute();
  return transfers.map((t) => ({
    manifestNumber: t.manifest_number,
    shipperName: t.shipper_name,
    shipperLicense: t.shipper_license,
    estimatedArrival: t.estimated_arrival,
    voided: Number(t.voided) === 1,
    packages: rows
      .filter((r) => r.transfer_id === t.state_id)
      .map((r) => ({
        label: r.label,
        packageStateId: r.package_state_id,
        itemName: r.item_name,
        shippedQuantity: Number(r.shipped_quantity),
        shippedUnit: r.shipped_unit,
        receivedQuantity: r.received_quantity === null ? null : Number(r.received_quantity),
        receivedUnit: r.received_unit,
        state: r.state,
      }))
      .sort(byStateOrder),
  }));
}

/** Lab result rows of `site` by label, from the sync's table and the ones read for manifest lines. */
export async function labRowsByLabel(db: Db, site: string, labels: readonly string[]): Promise<Map<string, LabRow[]>> {
  const out = new Map<string, LabRow[]>();
  if (labels.length === 0) return out;
  const wanted = [...new Set(labels)];
  const synced = await db
    .selectFrom("ss_lab_results")
    .selectAll()
    .where("site_id", "=", site)
    .where("label", "in", wanted)
    .execute();
  const fetched = await db
    .selectFrom("receiving_lab_results")
    .selectAll()
    .where("site_id", "=", site)
    .where("label", "in", wanted)
    .execute();
  const seen = new Set<string>();
  for (const r of [...synced, ...fetched]) {
    if (seen.has(r.result_id)) continue;
    seen.add(r.result_id);
    const rows = out.get(r.label) ?? [];
    rows.push({
      resultId: r.result_id,
      label: r.label,
      testType: r.test_type,
      testPassed: Number(r.test_passed) === 1,
      overallPassed: Number(r.overall_passed) === 1,
      performedDate: r.performed_date,
      level: r.level === null ? null : Number(r.level),
      documentFileId: r.document_file_id,
    });
    out.set(r.label, rows);
  }
  return out;
}

interface ItemProfile {
  id: string;
  weightBased: boolean;
  containerTareGrams: number | null;
}

async function itemProfiles(db: Db, site: string): Promise<Map<string, ItemProfile>> {
  const rows = await db
    .selectFrom("items")
    .select(["id", "name", "weight_based", "container_tare_grams"])
    .where("site_id", "=", site)
    .execute();
  return new Map(
    rows.map((r) => [
      r.name.toLowerCase(),
      {
        id: r.id,
        weightBased: Number(r.weight_based) === 1,
        containerTareGrams: r.container_tare_grams === null ? null : Number(r.container_tare_grams),
      },
    ]),
  );
}

function toLine(
  p: TransferPackageView,
  labs: LabRow[],
  item: ItemProfile | undefined,
  opts: ManifestOptions,
): ManifestLine | null {
  if (p.label.length !== TAG_LENGTH || !(p.shippedQuantity > 0)) return null;
  if (!(unitsOfMeasure as readonly string[]).includes(p.shippedUnit)) return null;
  const unit = p.shippedUnit as Unit;
  return {
    label: p.label,
    itemName: p.itemName,
    quantity: p.shippedQuantity,
    unit,
    labState: labStateOf(labs),
    coa: coaSummaryOf(labs, opts.documentUrl),
    weightBased: item ? item.weightBased : unit !== "Each",
    ...(item ? { itemId: item.id } : {}),
    ...(item?.containerTareGrams != null ? { containerTareGrams: item.containerTareGrams } : {}),
  };
}

/**
 * Builds contract manifests from transfer views. Lines the contract cannot carry (BioTrack ids,
 * units outside METRC's list, zero quantities) are left out and reported in `skipped`; a manifest
 * left with no line is not offered.
 */
export async function buildManifests(
  db: Db,
  site: string,
  views: readonly TransferView[],
  opts: ManifestOptions,
): Promise<{ manifests: Manifest[]; skipped: string[] }> {
  const labs = await labRowsByLabel(
    db,
    site,
    views.flatMap((v) => v.packages.map((p) => p.label)),
  );
  const items = await itemProfiles(db, site);
  const manifests: Manifest[] = [];
  const skipped: string[] = [];
  for (const v of views) {
    const lines: ManifestLine[] = [];
    for (const p of v.packages) {
      const line = toLine(p, labs.get(p.label) ?? [], items.get(p.itemName.toLowerCase()), opts);
      if (line) lines.push(line);
      else skipped.push(`${v.manifestNumber}/${p.label}`);
    }
    const candidate = {
      manifestNumber: v.manifestNumber,
      shipperName: v.shipperName,
      shipperLicense: v.shipperLicense,
      arrival: toInstant(v.estimatedArrival, opts.timeZone),
      lines,
    };
    const checked = ManifestSchema.safeParse(candidate);
    if (checked.success) manifests.push(checked.data);
    else skipped.push(v.manifestNumber);
  }
  return { manifests, skipped };
}

/**
 * The manifests of `site` open for receiving: not voided, a package still "Shipped" in its state
 * system, and not yet completed or refused at its vault. Oldest arrival first.
 */
export async function openManifests(
  db: Db,
  site: string,
  opts: ManifestOptions,
): Promise<{ manifests: Manifest[]; skipped: string[] }> {
  const closed = new Set(
    (
      await db
        .selectFrom("receiving_manifests")
        .select("manifest_number")
        .where("site_id", "=", site)
        .where("status", "in", ["completed", "rejected"])
        .execute()
    ).map((r) => r.manifest_number),
  );
  const views = (await transferViews(db, site, { open: true })).filter((v) => !closed.has(v.manifestNumber));
  const built = await buildManifests(db, site, views, opts);
  built.manifests.sort(
    (a, b) => (a.arrival ?? "").localeCompare(b.arrival ?? "") || a.manifestNumber.localeCompare(b.manifestNumber),
  );
  return built;
}
