/** What the state system holds, stored in the ss_* tables; every write is an idempotent upsert. */
import { sql, type Kysely } from "kysely";
import type {
  AdjustmentReason, StateItem, StateLocation, IncomingTransfer, LabResult, StatePackage, StateReceipt, TransferDelivery, TransferPackage,
} from "../port.js";
import type { SsDb, StateSystemTables } from "./tables.js";

const CHUNK = 200;

/** Inserts rows, replacing every non-key column of rows whose key already exists. */
async function upsert<T extends keyof StateSystemTables>(db: SsDb, table: T, rows: StateSystemTables[T][], keys: string[]): Promise<void> {
  if (rows.length === 0) return;
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const cols = Object.keys(rows[0]!).filter((c) => !keys.includes(c));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await loose.insertInto(table).values(rows.slice(i, i + CHUNK) as Record<string, unknown>[])
      .onConflict((oc) => oc.columns(keys as never[]).doUpdateSet(Object.fromEntries(cols.map((c) => [c, sql.ref(`excluded.${c}`)])) as never))
      .execute();
  }
}

/**
 * Stores the state system's view of packages. A package that is new, or whose lab state
 * changed, is marked for a lab-result fetch (lab_synced_at = null).
 */
export async function upsertStatePackages(db: SsDb, pkgs: StatePackage[], syncedAt: string): Promise<void> {
  if (pkgs.length === 0) return;
  const known = new Map<string, { lab: string | null; at: string | null }>();
  for (let i = 0; i < pkgs.length; i += CHUNK) {
    const rows = await db.selectFrom("ss_packages").select(["label", "lab_state", "lab_synced_at"])
      .where("label", "in", pkgs.slice(i, i + CHUNK).map((p) => p.label)).execute();
    for (const r of rows) known.set(r.label, { lab: r.lab_state, at: r.lab_synced_at });
  }
  await upsert(db, "ss_packages", pkgs.map((p) => {
    const k = known.get(p.label);
    return {
      label: p.label, state_id: p.stateId, status: p.status, item_name: p.itemName, item_category: p.itemCategory,
      quantity: p.quantity, unit: p.unit, location: p.location, lab_state: p.labState, note: p.note,
      finished_date: p.finishedDate, received_from_manifest: p.receivedFromManifest, last_modified: p.lastModified,
      synced_at: syncedAt, lab_synced_at: k && k.lab === p.labState ? k.at : null,
    };
  }), ["label"]);
}

export async function upsertStateItems(db: SsDb, items: StateItem[], syncedAt: string): Promise<void> {
  await upsert(db, "ss_items", items.map((i) => ({
    state_id: i.stateId, name: i.name, category: i.category, unit: i.unit, quantity_type: i.quantityType, strain: i.strain, synced_at: syncedAt,
  })), ["state_id"]);
}

export async function upsertStateLocations(db: SsDb, locs: StateLocation[], syncedAt: string): Promise<void> {
  await upsert(db, "ss_locations", locs.map((l) => ({ state_id: l.stateId, name: l.name, type: l.type, synced_at: syncedAt })), ["state_id"]);
}

export async function upsertTransfers(db: SsDb, ts: IncomingTransfer[]): Promise<void> {
  await upsert(db, "ss_transfers", ts.map((t) => ({
    state_id: t.stateId, manifest_number: t.manifestNumber, shipper_license: t.shipperLicense, shipper_name: t.shipperName,
    package_count: t.packageCount, received_package_count: t.receivedPackageCount, estimated_arrival: t.estimatedArrival,
    received_at: t.receivedAt, voided: t.voided ? 1 : 0, last_modified: t.lastModified,
  })), ["state_id"]);
}

export async function upsertDeliveries(db: SsDb, ds: TransferDelivery[]): Promise<void> {
  await upsert(db, "ss_deliveries", ds.map((d) => ({
    state_id: d.stateId, transfer_id: d.transferId, package_count: d.packageCount,
    received_package_count: d.receivedPackageCount, received_at: d.receivedAt,
  })), ["state_id"]);
}

export async function upsertTransferPackages(db: SsDb, ps: TransferPackage[]): Promise<void> {
  await upsert(db, "ss_transfer_packages", ps.map((p) => ({
    delivery_id: p.deliveryId, label: p.label, package_state_id: p.packageStateId, item_name: p.itemName,
    item_category: p.itemCategory, shipped_quantity: p.shippedQuantity, shipped_unit: p.shippedUnit,
    received_quantity: p.receivedQuantity, received_unit: p.receivedUnit, state: p.state,
  })), ["delivery_id", "label"]);
}

export async function upsertLabResults(db: SsDb, rs: LabResult[]): Promise<void> {
  await upsert(db, "ss_lab_results", rs.map((r) => ({
    result_id: r.resultId, package_state_id: r.packageStateId, label: r.label, test_type: r.testType,
    test_passed: r.testPassed ? 1 : 0, overall_passed: r.overallPassed ? 1 : 0, performed_date: r.performedDate,
    level: r.level, document_file_id: r.documentFileId,
  })), ["result_id"]);
}

export async function replaceAdjustmentReasons(db: SsDb, rs: AdjustmentReason[]): Promise<void> {
  await upsert(db, "ss_adjustment_reasons", rs.map((r) => ({
    name: r.name, requires_note: r.requiresNote ? 1 : 0, requires_waste_weight: r.requiresWasteWeight ? 1 : 0,
  })), ["name"]);
}

export async function upsertReceipts(db: SsDb, rs: StateReceipt[]): Promise<void> {
  await upsert(db, "ss_receipts", rs.map((r) => ({
    state_id: r.stateId, external_number: r.externalNumber, sales_date_time: r.salesDateTime, customer_type: r.customerType,
    lines: JSON.stringify(r.lines), final: r.final ? 1 : 0, voided: r.voided ? 1 : 0, last_modified: r.lastModified,
  })), ["state_id"]);
}

/** Packages still waiting for their lab results, oldest sync first. */
export async function packagesNeedingLabResults(db: SsDb, limit: number): Promise<Array<{ label: string; state_id: string }>> {
  return db.selectFrom("ss_packages").select(["label", "state_id"]).where("lab_synced_at", "is", null).orderBy("synced_at").limit(limit).execute();
}

export async function markLabResultsSynced(db: SsDb, label: string, at: string): Promise<void> {
  await db.updateTable("ss_packages").set({ lab_synced_at: at }).where("label", "=", label).execute();
}

export async function getCheckpoint(db: SsDb, entity: string): Promise<Date | null> {
  const r = await db.selectFrom("ss_checkpoints").select("checkpoint").where("entity", "=", entity).executeTakeFirst();
  return r?.checkpoint ? new Date(r.checkpoint) : null;
}

/** Records a run of one entity: its new checkpoint (when it moved) and its error, if any. */
export async function saveCheckpoint(db: SsDb, entity: string, at: string, checkpoint: Date | null, error: string | null): Promise<void> {
  const row = { entity, checkpoint: checkpoint?.toISOString() ?? null, last_run_at: at, last_error: error };
  await db.insertInto("ss_checkpoints").values(row).onConflict((oc) => oc.column("entity").doUpdateSet(
    checkpoint ? { checkpoint: row.checkpoint, last_run_at: at, last_error: error } : { last_run_at: at, last_error: error },
  )).execute();
}

export async function listCheckpoints(db: SsDb) {
  return db.selectFrom("ss_checkpoints").selectAll().orderBy("entity").execute();
}
