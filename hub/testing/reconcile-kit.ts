/**
 * Sources for the reconciliation tests and bench, written the way their modules store them: POS
 * sale lines as pos_sales holds them, the state system's packages and receipts as its sync stores
 * them, ledger packages through the catalog, a manifest with the vault's decisions, and a counts
 * service that answers given figures.
 */
import type { Package } from "#contract/domain.js";
import { upsertPackages } from "#hub/ledger/catalog.js";
import type { CountsService, FullCount, PhysicalFigure } from "#hub/modules.js";
import type { StatePackage, StateReceiptLine } from "#hub/statesystem/port.js";
import {
  upsertDeliveries,
  upsertReceipts,
  upsertStatePackages,
  upsertTransferPackages,
  upsertTransfers,
} from "#hub/statesystem/store/state-records.js";
import type { Db } from "#hub/store/database.js";

export const RECON_TZ = "America/Los_Angeles";
const SYNCED = "2026-10-01T00:00:00.000Z";

/** A ledger package, active and passed lab on the sales floor unless told otherwise. */
export function ledgerPackage(label: string, over: Partial<Package> = {}): Package {
  return {
    label,
    itemId: "item-001",
    quantity: 20,
    unit: "Each",
    location: "Sales Floor",
    status: "active",
    labState: "TestPassed",
    packagedDate: "2026-09-01",
    ...over,
  };
}

export async function seedLedgerPackages(db: Db, site: string, pkgs: readonly Package[]): Promise<void> {
  await upsertPackages(db, site, pkgs, SYNCED);
}

/** The state system's view of packages, active unless told otherwise. */
export async function seedStatePackages(
  db: Db,
  site: string,
  pkgs: ReadonlyArray<{ label: string; quantity?: number; unit?: string; status?: StatePackage["status"] }>,
): Promise<void> {
  await upsertStatePackages(
    db,
    site,
    pkgs.map((p, i) => ({
      label: p.label,
      stateId: `ss-${p.label}`,
      itemName: "Item",
      itemCategory: null,
      quantity: p.quantity ?? 20,
      unit: p.unit ?? "Each",
      location: null,
      status: p.status ?? "active",
      labState: "TestPassed",
      note: null,
      packagedDate: null,
      finishedDate: null,
      receivedFromManifest: null,
      lastModified: new Date(Date.parse(SYNCED) + i).toISOString(),
    })),
    SYNCED,
  );
}

/** One POS sale line as pos_sales stores it. */
export interface PosRow {
  receiptId: string;
  lineId?: string;
  /** ISO instant. */
  at: string;
  /** Facility-local YYYY-MM-DD of `at`. */
  day: string;
  label: string | null;
  sku?: string | null;
  quantity: number;
  unit?: string;
  voided?: boolean;
}

export async function insertPosSales(db: Db, site: string, rows: readonly PosRow[]): Promise<void> {
  const values = rows.map((r, i) => ({
    source: "csv",
    receipt_id: r.receiptId,
    line_id: r.lineId ?? String(i + 1),
    site_id: site,
    completed_at: r.at,
    business_day: r.day,
    package_label: r.label,
    sku: r.sku ?? null,
    quantity: r.quantity,
    unit: r.unit ?? "Each",
    total: r.quantity * 10,
    voided: r.voided ? 1 : 0,
    return_of: null,
    attributed: 0,
    import_id: "test-import",
    row_number: i + 2,
  }));
  for (let i = 0; i < values.length; i += 500)
    await db
      .insertInto("pos_sales")
      .values(values.slice(i, i + 500))
      .execute();
}

/** One state-system sales receipt: `local` is the facility's wall clock, as METRC keeps SalesDateTime. */
export interface StateReceiptRow {
  id: string;
  local: string;
  lines: StateReceiptLine[];
  voided?: boolean;
}

export async function seedStateReceipts(db: Db, site: string, receipts: readonly StateReceiptRow[]): Promise<void> {
  await upsertReceipts(
    db,
    site,
    receipts.map((r) => ({
      stateId: r.id,
      externalNumber: null,
      salesDateTime: r.local,
      customerType: "Consumer",
      lines: r.lines,
      final: true,
      voided: r.voided ?? false,
      lastModified: SYNCED,
    })),
  );
}

/** A manifest of one package shipped at `shipped`, and the vault's acceptance of it at `received` at `decidedAt`. */
export async function seedReceipt(
  db: Db,
  site: string,
  r: { manifest: string; label: string; shipped: number; received: number; unit?: string; decidedAt: string },
): Promise<void> {
  const unit = r.unit ?? "Each";
  await upsertTransfers(db, site, [
    {
      stateId: `tr-${r.manifest}`,
      manifestNumber: r.manifest,
      shipperLicense: "C11-0000001-LIC",
      shipperName: "Coastal Farms",
      packageCount: 1,
      receivedPackageCount: 0,
      estimatedArrival: null,
      receivedAt: null,
      voided: false,
      lastModified: SYNCED,
    },
  ]);
  await upsertDeliveries(db, site, [
    {
      stateId: `dl-${r.manifest}`,
      transferId: `tr-${r.manifest}`,
      packageCount: 1,
      receivedPackageCount: 0,
      receivedAt: null,
    },
  ]);
  await upsertTransferPackages(db, site, [
    {
      deliveryId: `dl-${r.manifest}`,
      packageStateId: `ss-${r.label}`,
      label: r.label,
      itemName: "Item",
      itemCategory: null,
      shippedQuantity: r.shipped,
      shippedUnit: unit,
      receivedQuantity: null,
      receivedUnit: null,
      state: "Shipped",
    },
  ]);
  await db
    .insertInto("receiving_lines")
    .values({
      site_id: site,
      manifest_number: r.manifest,
      label: r.label,
      receiving_id: `rcv-${r.manifest}`,
      decision: r.received === r.shipped ? "accept" : "accept-corrected",
      received_quantity: r.received,
      unit,
      reason: null,
      note: null,
      gross_grams: null,
      net_grams: null,
      location: "Vault A-1",
      unexpected: 0,
      station_id: "vault-1",
      employee_id: "emp-001",
      event_id: `ev-${r.manifest}-${r.label}`,
      decided_at: r.decidedAt,
    })
    .execute();
}

/** A counts service that answers the figures and full count it was given, whatever the time asked. */
export function fixedCounts(figures: PhysicalFigure[], lastFullCount: FullCount | null = null): CountsService {
  return {
    physicalAsOf: async (_site, asOf) => ({
      figures: figures.filter((f) => f.countedAt <= asOf),
      lastFullCount: lastFullCount && lastFullCount.countedAt <= asOf ? lastFullCount : null,
    }),
    daySummary: async () => ({ sessions: 0, linesCounted: 0, linesOutOfTolerance: 0, accuracy: 1 }),
    accuracyRows: async () => [],
  };
}
