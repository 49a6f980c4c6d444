/**
 * What one site's state system holds, stored in the ss_* tables under its site_id; every write is
 * an idempotent upsert keyed within the site.
 */
import { sql, type RawBuilder } from "kysely";
import type {
  AdjustmentReason,
  StateItem,
  StateLocation,
  IncomingTransfer,
  LabResult,
  StatePackage,
  StateReceipt,
  TransferDelivery,
  TransferPackage,
} from "../port.js";
import type { Db } from "#hub/store/database.js";

const CHUNK = 200;

/** Rows in slices of CHUNK, one INSERT each. */
function* chunks<R>(rows: readonly R[]): Generator<R[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}

/**
 * `col = excluded.col` for every column of `row` but the conflict key: an upsert replaces what
 * is stored with the incoming row. `excluded` is the row that met the conflict (SQLite and
 * PostgreSQL alike); its columns have the table's types, hence `never` for Kysely's checker.
 */
function incoming(row: object, keys: readonly string[]): Record<string, RawBuilder<never>> {
  return Object.fromEntries(
    Object.keys(row)
      .filter((c) => !keys.includes(c))
      .map((c) => [c, sql.ref<never>(`excluded.${c}`)]),
  );
}

/**
 * Stores the state system's view of packages. A package that is new, or whose lab state
 * changed, is marked for a lab-result fetch (lab_synced_at = null).
 */
export async function upsertStatePackages(db: Db, site: string, pkgs: StatePackage[], syncedAt: string): Promise<void> {
  if (pkgs.length === 0) return;
  const known = new Map<string, { lab: string | null; at: string | null }>();
  for (let i = 0; i < pkgs.length; i += CHUNK) {
    const rows = await db
      .selectFrom("ss_packages")
      .select(["label", "lab_state", "lab_synced_at"])
      .where("site_id", "=", site)
      .where(
        "label",
        "in",
        pkgs.slice(i, i + CHUNK).map((p) => p.label),
      )
      .execute();
    for (const r of rows) known.set(r.label, { lab: r.lab_state, at: r.lab_synced_at });
  }
  const rows = pkgs.map((p) => {
    const k = known.get(p.label);
    return {
      site_id: site,
      label: p.label,
      state_id: p.stateId,
      status: p.status,
      item_name: p.itemName,
      item_category: p.itemCategory,
      quantity: p.quantity,
      unit: p.unit,
      location: p.location,
      lab_state: p.labState,
      note: p.note,
      finished_date: p.finishedDate,
      received_from_manifest: p.receivedFromManifest,
      last_modified: p.lastModified,
      synced_at: syncedAt,
      lab_synced_at: k && k.lab === p.labState ? k.at : null,
    };
  });
  for (const chunk of chunks(rows)) {
    await db
      .insertInto("ss_packages")
      .values(chunk)
      .onConflict((oc) => oc.columns(["site_id", "label"]).doUpdateSet(incoming(chunk[0]!, ["site_id", "label"])))
      .execute();
  }
}

export async function upsertStateItems(db: Db, site: string, items: StateItem[], syncedAt: string): Promise<void> {
  const rows = items.map((i) => ({
    site_id: site,
    state_id: i.stateId,
    name: i.name,
    category: i.category,
    unit: i.unit,
    quantity_type: i.quantityType,
    strain: i.strain,
    synced_at: syncedAt,
  }));
  for (const chunk of chunks(rows)) {
    await db
      .insertInto("ss_items")
      .values(chunk)
      .onConflict((oc) => oc.columns(["site_id", "state_id"]).doUpdateSet(incoming(chunk[0]!, ["site_id", "state_id"])))
      .execute();
  }
}

export async function upsertStateLocations(
  db: Db,
  site: string,
  locs: StateLocation[],
  syncedAt: string,
): Promise<void> {
  const rows = locs.map((l) => ({
    site_id: site,
    state_id: l.stateId,
    name: l.name,
    type: l.type,
    synced_at: syncedAt,
  }));
  for (const chunk of chunks(rows)) {
    await db
      .insertInto("ss_locations")
      .values(chunk)
      .onConflict((oc) => oc.columns(["site_id", "state_id"]).doUpdateSet(incoming(chunk[0]!, ["site_id", "state_id"])))
      .execute();
  }
}

export async function upsertTransfers(db: Db, site: string, ts: IncomingTransfer[]): Promise<void> {
  const rows = ts.map((t) => ({
    site_id: site,
    state_id: t.stateId,
    manifest_number: t.manifestNumber,
    shipper_license: t.shipperLicense,
    shipper_name: t.shipperName,
    package_count: t.packageCount,
    received_package_count: t.receivedPackageCount,
    estimated_arrival: t.estimatedArrival,
    received_at: t.receivedAt,
    voided: t.voided ? 1 : 0,
    last_modified: t.lastModified,
  }));
  for (const chunk of chunks(rows)) {
    await db
      .insertInto("ss_transfers")
      .values(chunk)
      .onConflict((oc) => oc.columns(["site_id", "state_id"]).doUpdateSet(incoming(chunk[0]!, ["site_id", "state_id"])))
      .execute();
  }
}

export async function upsertDeliveries(db: Db, site: string, ds: TransferDelivery[]): Promise<void> {
  const rows = ds.map((d) => ({
    site_id: site,
    state_id: d.stateId,
    transfer_id: d.transferId,
    package_count: d.packageCount,
    received_package_count: d.receivedPackageCount,
    received_at: d.receivedAt,
  }));
  for (const chunk of chunks(rows)) {
    await db
      .insertInto("ss_deliveries")
      .values(chunk)
      .onConflict((oc) => oc.columns(["site_id", "state_id"]).doUpdateSet(incoming(chunk[0]!, ["site_id", "state_id"])))
      .execute();
  }
}

export async function upsertTransferPackages(db: Db, site: string, ps: TransferPackage[]): Promise<void> {
  const rows = ps.map((p) => ({
    site_id: site,
    delivery_id: p.deliveryId,
    label: p.label,
    package_state_id: p.packageStateId,
    item_name: p.itemName,
    item_category: p.itemCategory,
    shipped_quantity: p.shippedQuantity,
    shipped_unit: p.shippedUnit,
    received_quantity: p.receivedQuantity,
    received_unit: p.receivedUnit,
    state: p.state,
  }));
  for (const chunk of chunks(rows)) {
    await db
      .insertInto("ss_transfer_packages")
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(["site_id", "delivery_id", "label"])
          .doUpdateSet(incoming(chunk[0]!, ["site_id", "delivery_id", "label"])),
      )
      .execute();
  }
}

export async function upsertLabResults(db: Db, site: string, rs: LabResult[]): Promise<void> {
  const rows = rs.map((r) => ({
    site_id: site,
    result_id: r.resultId,
    package_state_id: r.packageStateId,
    label: r.label,
    test_type: r.testType,
    test_passed: r.testPassed ? 1 : 0,
    overall_passed: r.overallPassed ? 1 : 0,
    performed_date: r.performedDate,
    level: r.level,
    document_file_id: r.documentFileId,
  }));
  for (const chunk of chunks(rows)) {
    await db
      .insertInto("ss_lab_results")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["site_id", "result_id"]).doUpdateSet(incoming(chunk[0]!, ["site_id", "result_id"])),
      )
      .execute();
  }
}

export async function replaceAdjustmentReasons(db: Db, site: string, rs: AdjustmentReason[]): Promise<void> {
  const rows = rs.map((r) => ({
    site_id: site,
    name: r.name,
    requires_note: r.requiresNote ? 1 : 0,
    requires_waste_weight: r.requiresWasteWeight ? 1 : 0,
  }));
  for (const chunk of chunks(rows)) {
    await db
      .insertInto("ss_adjustment_reasons")
      .values(chunk)
      .onConflict((oc) => oc.columns(["site_id", "name"]).doUpdateSet(incoming(chunk[0]!, ["site_id", "name"])))
      .execute();
  }
}

export async function upsertReceipts(db: Db, site: string, rs: StateReceipt[]): Promise<void> {
  const rows = rs.map((r) => ({
    site_id: site,
    state_id: r.stateId,
    external_number: r.externalNumber,
    sales_date_time: r.salesDateTime,
    customer_type: r.customerType,
    lines: JSON.stringify(r.lines),
    final: r.final ? 1 : 0,
    voided: r.voided ? 1 : 0,
    last_modified: r.lastModified,
  }));
  for (const chunk of chunks(rows)) {
    await db
      .insertInto("ss_receipts")
      .values(chunk)
      .onConflict((oc) => oc.columns(["site_id", "state_id"]).doUpdateSet(incoming(chunk[0]!, ["site_id", "state_id"])))
      .execute();
  }
}

/** Packages of `site` still waiting for their lab results, oldest sync first. */
export async function packagesNeedingLabResults(
  db: Db,
  site: string,
  limit: number,
): Promise<Array<{ label: string; state_id: string }>> {
  return db
    .selectFrom("ss_packages")
    .select(["label", "state_id"])
    .where("site_id", "=", site)
    .where("lab_synced_at", "is", null)
    .orderBy("synced_at")
    .limit(limit)
    .execute();
}

export async function markLabResultsSynced(db: Db, site: string, label: string, at: string): Promise<void> {
  await db
    .updateTable("ss_packages")
    .set({ lab_synced_at: at })
    .where("site_id", "=", site)
    .where("label", "=", label)
    .execute();
}

export async function getCheckpoint(db: Db, site: string, entity: string): Promise<Date | null> {
  const r = await db
    .selectFrom("ss_checkpoints")
    .select("checkpoint")
    .where("site_id", "=", site)
    .where("entity", "=", entity)
    .executeTakeFirst();
  return r?.checkpoint ? new Date(r.checkpoint) : null;
}

/** Records a run of one entity at `site`: its new checkpoint (when it moved) and its error, if any. */
export async function saveCheckpoint(
  db: Db,
  site: string,
  entity: string,
  at: string,
  checkpoint: Date | null,
  error: string | null,
): Promise<void> {
  const row = {
    site_id: site,
    entity,
    checkpoint: checkpoint?.toISOString() ?? null,
    last_run_at: at,
    last_error: error,
  };
  await db
    .insertInto("ss_checkpoints")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["site_id", "entity"])
        .doUpdateSet(
          checkpoint
            ? { checkpoint: row.checkpoint, last_run_at: at, last_error: error }
            : { last_run_at: at, last_error: error },
        ),
    )
    .execute();
}

export async function listCheckpoints(db: Db, site: string) {
  return db.selectFrom("ss_checkpoints").selectAll().where("site_id", "=", site).orderBy("entity").execute();
}
