/**
 * A chain's business day for the reconciliation bench: per store, its packages in the ledger (each
 * entered by a movement) and in the state system, the day's POS lines and the state system's
 * receipts of them, a full count, and ten seeded differences of every class on packages of their
 * own, so a run must find exactly `expectedLines`.
 */
import type { Kysely } from "kysely";
import type { Package } from "#contract/domain.js";
import { seedLedger } from "#hub/ledger/seed.js";
import type { CountsService, FullCount, PhysicalFigure } from "#hub/modules.js";
import { localDateTime } from "#contract/facility-time.js";
import type { StateReceiptLine } from "#hub/statesystem/port.js";
import {
  upsertDeliveries,
  upsertReceipts,
  upsertStatePackages,
  upsertTransferPackages,
  upsertTransfers,
} from "#hub/statesystem/store/state-records.js";
import type { Database } from "#hub/store/database.js";

/** The chain's stores keep Pacific time. */
export const CHAIN_TZ = "America/Los_Angeles";
const SYNCED = "2026-10-01T00:00:00.000Z";

interface PosRow {
  receiptId: string;
  at: string;
  label: string;
  quantity: number;
  unit?: string;
}

interface StateReceiptRow {
  id: string;
  local: string;
  lines: StateReceiptLine[];
}

const ledgerPackage = (label: string, over: Partial<Package> = {}): Package => ({
  label,
  itemId: "item-001",
  quantity: 100,
  unit: "Each",
  location: "Sales Floor",
  status: "active",
  labState: "TestPassed",
  packagedDate: "2026-09-01",
  ...over,
});

async function insertPosSales(db: Kysely<Database>, site: string, rows: readonly PosRow[]): Promise<void> {
  const values = rows.map((r, i) => ({
    source: "csv",
    receipt_id: r.receiptId,
    line_id: String(i + 1),
    site_id: site,
    completed_at: r.at,
    business_day: DAY,
    package_label: r.label,
    sku: null,
    quantity: r.quantity,
    unit: r.unit ?? "Each",
    total: r.quantity * 10,
    voided: 0,
    return_of: null,
    attributed: 0,
    import_id: "bench",
    row_number: i + 2,
  }));
  for (let i = 0; i < values.length; i += 500)
    await db
      .insertInto("pos_sales")
      .values(values.slice(i, i + 500))
      .execute();
}

async function seedStatePackages(
  db: Kysely<Database>,
  site: string,
  pkgs: ReadonlyArray<{ label: string; status: "active" | "inactive" }>,
) {
  await upsertStatePackages(
    db,
    site,
    pkgs.map((p) => ({
      label: p.label,
      stateId: `ss-${p.label}`,
      itemName: "Item",
      itemCategory: null,
      quantity: 100,
      unit: "Each",
      location: null,
      status: p.status,
      labState: "TestPassed",
      note: null,
      packagedDate: null,
      finishedDate: null,
      receivedFromManifest: null,
      lastModified: SYNCED,
    })),
    SYNCED,
  );
}

async function seedStateReceipts(db: Kysely<Database>, site: string, receipts: readonly StateReceiptRow[]) {
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
      voided: false,
      lastModified: SYNCED,
    })),
  );
}

/** One package shipped at 10 and accepted at 8. */
async function seedShortReceipt(db: Kysely<Database>, site: string, manifest: string, label: string) {
  const transfer = {
    stateId: `tr-${manifest}`,
    manifestNumber: manifest,
    shipperLicense: "C11-0000001-LIC",
    shipperName: "Coastal Farms",
  };
  await upsertTransfers(db, site, [
    {
      ...transfer,
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
      stateId: `dl-${manifest}`,
      transferId: `tr-${manifest}`,
      packageCount: 1,
      receivedPackageCount: 0,
      receivedAt: null,
    },
  ]);
  await upsertTransferPackages(db, site, [
    {
      deliveryId: `dl-${manifest}`,
      packageStateId: `ss-${label}`,
      label,
      itemName: "Item",
      itemCategory: null,
      shippedQuantity: 10,
      shippedUnit: "Each",
      receivedQuantity: null,
      receivedUnit: null,
      state: "Shipped",
    },
  ]);
  await db
    .insertInto("receiving_lines")
    .values({
      site_id: site,
      manifest_number: manifest,
      label,
      receiving_id: `rcv-${manifest}`,
      decision: "accept-corrected",
      received_quantity: 8,
      unit: "Each",
      reason: null,
      note: null,
      gross_grams: null,
      net_grams: null,
      location: "Vault A-1",
      unexpected: 0,
      station_id: "vault-1",
      employee_id: "emp-001",
      event_id: `ev-${manifest}`,
      decided_at: "2026-11-01T18:00:00.000Z",
    })
    .execute();
}

/** A counts service that answers the chain's count of each store. */
export function chainCounts(chain: Chain, site: string): CountsService {
  return {
    physicalAsOf: async () => ({ figures: chain.figures.get(site)!, lastFullCount: chain.fullCounts.get(site)! }),
    daySummary: async () => ({ sessions: 0, linesCounted: 0, linesOutOfTolerance: 0, accuracy: 1 }),
    accuracyRows: async () => [],
  };
}

export interface ChainSize {
  stores: number;
  packages: number;
  /** POS lines of the day, chain-wide (the state system's receipts carry as many). */
  lines: number;
}

export interface Chain {
  sites: string[];
  figures: Map<string, PhysicalFigure[]>;
  fullCounts: Map<string, FullCount>;
  expectedLines: number;
}

const DAY = "2026-11-01";
const PER_CLASS = 10;
const COUNTED_AT = "2026-10-31T20:00:00.000Z";

/** The store's `i`-th tag (24 characters). */
const tagOf = (store: number, i: number) =>
  `1A4060300${String(store).padStart(3, "0")}B7C${String(i).padStart(9, "0")}`;

/** Fault packages sit after the sold ones: class `k`'s j-th package. */
const faultTag = (store: number, per: number, k: number, j: number) => tagOf(store, per + k * PER_CLASS + j);

async function enterMovements(db: Kysely<Database>, site: string, pkgs: readonly Package[]): Promise<void> {
  const rows = pkgs.map((p, i) => ({
    id: `mv-${site}-${String(i).padStart(7, "0")}`,
    label: p.label,
    at: "2026-10-01T00:00:00.000Z",
    from_location: null,
    from_status: null,
    to_location: p.location,
    to_status: p.status,
    quantity: p.quantity,
    unit: p.unit,
    reason: "seed",
    actor: "system",
    employee_id: null,
    station_id: null,
    site_id: site,
    door_session_id: null,
    source_kind: "seed" as const,
    source_ref: null,
    audit_seq: 0,
    recorded_at: "2026-10-01T00:00:00.000Z",
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("movements")
      .values(rows.slice(i, i + 500))
      .execute();
}

/** The day's sales of one store: `n` lines on its first `sold` packages, 2–3 lines a receipt, 09:00–22:00 local. */
function daySales(store: number, n: number, sold: number): PosRow[] {
  const out: PosRow[] = [];
  const start = Date.parse("2026-11-01T17:00:00.000Z");
  for (let i = 0; i < n; i++) {
    const receipt = Math.floor(i / 2.5);
    out.push({
      receiptId: `s${store}-r${receipt}`,
      at: new Date(start + receipt * Math.floor((13 * 3_600_000) / (n / 2.5))).toISOString(),
      label: tagOf(store, (i * 7919) % sold),
      quantity: 1 + (i % 2),
    });
  }
  return out;
}

function receiptsOf(rows: readonly PosRow[]): StateReceiptRow[] {
  const by = new Map<string, StateReceiptRow>();
  for (const r of rows) {
    const receipt = by.get(r.receiptId) ?? {
      id: `st-${r.receiptId}`,
      local: localDateTime(new Date(r.at), CHAIN_TZ),
      lines: [],
    };
    receipt.lines.push({ label: r.label, quantity: r.quantity, unit: r.unit ?? "Each", totalAmount: r.quantity * 10 });
    by.set(r.receiptId, receipt);
  }
  return [...by.values()];
}

async function loadStore(db: Kysely<Database>, store: number, size: ChainSize, chain: Chain): Promise<void> {
  const site = `store-${String(store).padStart(2, "0")}`;
  const per = Math.floor(size.packages / size.stores) - 11 * PER_CLASS;
  const f = (k: number) => Array.from({ length: PER_CLASS }, (_, j) => faultTag(store, per, k, j));
  const [soldOnly, stateOnly, qty, unit, unknown, vaultOnly, inactive, missing, short, over, held] = Array.from(
    { length: 11 },
    (_, k) => f(k),
  ) as string[][];
  const normal = Array.from({ length: per }, (_, i) => ledgerPackage(tagOf(store, i), { quantity: 100 }));
  const faulty = [soldOnly, stateOnly, qty, unit, vaultOnly, inactive, missing, short, over]
    .flat()
    .map((l) => ledgerPackage(l!, { quantity: 100 }));
  const quarantined = held!.map((l) =>
    ledgerPackage(l, { quantity: 100, status: "quarantine", location: "Quarantine" }),
  );
  const ledger = [...normal, ...faulty, ...quarantined];
  await seedLedger(db, site, { items: [], packages: ledger, employees: [] }, SYNCED);
  await enterMovements(db, site, ledger);
  await seedStatePackages(db, site, [
    ...ledger
      .filter((p) => !vaultOnly!.includes(p.label))
      .map((p) => ({
        label: p.label,
        status: inactive!.includes(p.label) ? ("inactive" as const) : ("active" as const),
      })),
  ]);
  const sales = daySales(store, Math.floor(size.lines / size.stores) - 5 * PER_CLASS, Math.floor(per * 0.4));
  const at = "2026-11-01T21:00:00.000Z";
  const one = (label: string, i: number, quantity = 1, u = "Each"): PosRow => ({
    receiptId: `f${store}-${label}-${i}`,
    at,
    label,
    quantity,
    unit: u,
  });
  const pos = [
    ...sales,
    ...soldOnly!.map((l, i) => one(l, i)),
    ...qty!.map((l, i) => one(l, i, 2)),
    ...unit!.map((l, i) => one(l, i)),
    ...unknown!.map((l, i) => one(l, i)),
    ...held!.map((l, i) => one(l, i)),
  ];
  await insertPosSales(db, site, pos);
  const stateSide = [
    ...sales,
    ...stateOnly!.map((l, i) => one(l, i)),
    ...qty!.map((l, i) => one(l, i)),
    ...unit!.map((l, i) => one(l, i, 1, "Grams")),
    ...held!.map((l, i) => one(l, i)),
  ];
  await seedStateReceipts(db, site, receiptsOf(stateSide));
  for (const [i, l] of normal.slice(0, PER_CLASS).entries())
    await seedShortReceipt(db, site, `M${store}-${i}`, l.label);
  chain.sites.push(site);
  chain.figures.set(
    site,
    ledger.map((p) => ({
      label: p.label,
      quantity: short!.includes(p.label) ? 90 : over!.includes(p.label) ? 110 : p.quantity,
      unit: "Each",
      countedAt: COUNTED_AT,
      countId: `count-${site}`,
    })),
  );
  chain.fullCounts.set(site, {
    countId: `count-${site}`,
    countedAt: COUNTED_AT,
    labels: ledger.map((p) => p.label).filter((l) => !missing!.includes(l)),
  });
  // Eleven classes, unknown-tag twice (a POS tag and a vault tag), and the receiving differences.
  chain.expectedLines += 12 * PER_CLASS;
}

/** Loads the chain's day into `db` (migrated, empty). */
export async function loadChain(db: Kysely<Database>, size: ChainSize): Promise<Chain> {
  const chain: Chain = { sites: [], figures: new Map(), fullCounts: new Map(), expectedLines: 0 };
  for (let s = 1; s <= size.stores; s++) await loadStore(db, s, size, chain);
  return chain;
}
