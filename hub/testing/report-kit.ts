/**
 * A small store with one of everything the reports read, for the reports' tests: two items, three
 * packages (one moved to the floor by a restock pick while an older one stays in the vault), a
 * day's POS sales (one voided), a waste, door sessions and an alarm, two finished manifests,
 * state-system writes in each state, and fake counts and investigations services built from known
 * figures. The business day is 2026-11-02 in Oakland.
 */
import type { Kysely } from "kysely";
import type { Item } from "#contract/domain.js";
import { upsertItems } from "#hub/ledger/catalog.js";
import { insertEvents } from "#hub/ledger/events.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import type { CountAccuracyRow, CountsService, InvestigationsService } from "#hub/modules.js";
import { importSales } from "#hub/pos/import-service.js";
import { enqueueWrite, transition } from "#hub/statesystem/store/queue.js";
import type { Database } from "#hub/store/database.js";

export const KIT_SITE = "green-leaf-oakland";
export const KIT_TZ = "America/Los_Angeles";
export const KIT_DAY = "2026-11-02";
/** 2026-11-03 12:00 in Oakland: the day after. */
export const KIT_NOW = Date.parse("2026-11-03T20:00:00Z");
export const OLD = "1A4060300012B7C000000001";
export const NEW = "1A4060300012B7C000000002";
export const BULK = "1A4060300012B7C000000003";

const items: Item[] = [
  { id: "item-a", name: "Blue Dream 3.5g", category: "flower", brand: "Coastal", unit: "Each", weightBased: false },
  { id: "item-b", name: "Bulk GG4", category: "flower", brand: "Ridge", unit: "Grams", weightBased: true },
];

const base = { unit: "Each" as const, status: "active" as const, labState: "TestPassed" as const };
const coordinator = { actor: "emp-001", employeeId: "emp-001" };

async function seedPackages(db: Kysely<Database>): Promise<void> {
  await upsertItems(db, KIT_SITE, items, "2026-10-01T00:00:00Z");
  const received = (label: string, itemId: string, quantity: number, packagedDate: string, shelf: string) => ({
    label,
    at: "2026-10-20T17:00:00Z",
    why: "receiving.accepted",
    to: { ...base, itemId, quantity, location: shelf, packagedDate, expirationDate: "2026-12-01" },
    by: coordinator,
    source: { kind: "manifest" as const, ref: "0000000001" },
  });
  await recordPackageChanges(db, KIT_SITE, [
    received(OLD, "item-a", 10, "2026-10-01", "Vault A-1"),
    received(NEW, "item-a", 20, "2026-10-10", "Vault A-2"),
    {
      ...received(BULK, "item-b", 400, "2026-10-05", "Sales Floor"),
      to: {
        ...base,
        itemId: "item-b",
        unit: "Grams",
        quantity: 400,
        location: "Sales Floor",
        packagedDate: "2026-10-05",
      },
    },
    {
      label: NEW,
      at: "2026-11-01T18:00:00Z",
      why: "restock.pick",
      to: { location: "Sales Floor" },
      by: { actor: "emp-002", employeeId: "emp-002" },
      source: { kind: "restock", ref: "RQ-7" },
    },
    {
      label: OLD,
      at: "2026-11-02T19:00:00Z",
      why: "waste",
      to: { quantity: 9 },
      by: coordinator,
      source: { kind: "waste", ref: "W-1" },
      adjustment: { reason: "Damage", note: "crushed jar" },
    },
  ]);
}

/** Net on the day: 3 pieces of item-a for $150, 7 g of item-b for $70; receipt R3 is voided. */
const SALES_CSV = [
  "receipt_id,line_id,completed_at,package_label,sku,quantity,unit,total,voided",
  `R1,1,2026-11-02T10:15:00-08:00,${NEW},item-a,2,ea,100.00,false`,
  `R1,2,2026-11-02T10:15:00-08:00,${BULK},item-b,7,g,70.00,false`,
  `R2,1,2026-11-02T23:40:00-08:00,${NEW},item-a,1,ea,50.00,false`,
  `R3,1,2026-11-02T12:00:00-08:00,${NEW},item-a,5,ea,250.00,true`,
].join("\n");

async function seedSales(db: Kysely<Database>): Promise<void> {
  const r = await importSales(
    { db, timeZone: KIT_TZ, ledgerSite: KIT_SITE, clock: { now: () => KIT_NOW } },
    { format: "csv", site: KIT_SITE, file: "day.csv", text: SALES_CSV, actor: "test" },
  );
  if (r.errors.length) throw new Error(JSON.stringify(r.errors));
}

function door(id: string, at: string, open: boolean, session: string, employee: string | null, alarm = false) {
  return {
    id,
    type: "door",
    station_id: "vault-1",
    site_id: KIT_SITE,
    at,
    employee_id: employee,
    label: null,
    payload: JSON.stringify({
      doorId: "door-1",
      open,
      doorSessionId: session,
      ...(alarm ? { heldOpenAlarm: true } : {}),
    }),
    received_at: at,
  };
}

async function seedVaultAndQueue(db: Kysely<Database>): Promise<void> {
  await insertEvents(db, [
    door("d1", "2026-11-02T16:00:00Z", true, "S1", "emp-001"),
    door("d2", "2026-11-02T16:05:00Z", false, "S1", "emp-001"),
    door("d3", "2026-11-02T20:00:00Z", true, "S2", null),
    door("d4", "2026-11-02T20:06:00Z", true, "S2", null, true),
    door("d5", "2026-11-01T20:00:00Z", true, "S0", "emp-001"),
  ]);
  const manifest = (n: string, status: "completed" | "rejected", at: string) => ({
    site_id: KIT_SITE,
    manifest_number: n,
    receiving_id: `rcv-${n}`,
    status,
    station_id: "vault-1",
    employee_id: "emp-001",
    started_at: at,
    completed_at: at,
    reject_reason: status === "rejected" ? "wrong shipper" : null,
    updated_at: at,
  });
  await db
    .insertInto("receiving_manifests")
    .values([
      manifest("0000000002", "completed", "2026-11-02T18:00:00Z"),
      manifest("0000000003", "rejected", "2026-11-02T19:00:00Z"),
      manifest("0000000004", "completed", "2026-11-01T18:00:00Z"),
    ])
    .execute();
  const line = (n: string, i: number, decision: "accept" | "reject", unexpected = 0) => ({
    site_id: KIT_SITE,
    manifest_number: n,
    label: `1A40603000AAAAAAAAAA${n.slice(-1)}00${i}`,
    receiving_id: `rcv-${n}`,
    decision,
    received_quantity: 1,
    unit: "Each",
    reason: null,
    note: null,
    gross_grams: null,
    net_grams: null,
    location: "Vault B-1",
    unexpected,
    station_id: "vault-1",
    employee_id: "emp-001",
    event_id: `ev-${n}-${i}`,
    decided_at: "2026-11-02T18:00:00Z",
  });
  await db
    .insertInto("receiving_lines")
    .values([
      line("0000000002", 1, "accept"),
      line("0000000002", 2, "accept"),
      line("0000000002", 3, "reject"),
      line("0000000002", 4, "accept", 1),
      line("0000000003", 1, "accept"),
      line("0000000004", 1, "accept"),
    ])
    .execute();
  // Queued through the production queue, then moved on as the worker would: one confirmed and one
  // failed on KIT_DAY, one still pending from days before.
  const write = async (state: "pending" | "confirmed" | "failed", created: string) => {
    const adjustment = { kind: "adjustment" as const, label: OLD, quantity: -1, unit: "Each", reason: "Theft" };
    const opts = { at: new Date(created), requestedBy: "emp-001" };
    const id = await enqueueWrite(db, KIT_SITE, { ...adjustment, date: created.slice(0, 10) }, opts);
    if (state !== "pending") await transition(db, id, ["pending"], { state, attempts: 1, updated_at: created });
  };
  await write("confirmed", "2026-11-02T19:01:00Z");
  await write("failed", "2026-11-02T19:02:00Z");
  await write("pending", "2026-10-30T19:02:00Z");
}

/** Seeds everything above into `db` (migrated, empty). */
export async function seedReportKit(db: Kysely<Database>): Promise<void> {
  await seedPackages(db);
  await seedSales(db);
  await seedVaultAndQueue(db);
}

export const kitAccuracyRows: CountAccuracyRow[] = [
  {
    countId: "c1",
    businessDay: KIT_DAY,
    label: OLD,
    itemId: "item-a",
    category: "flower",
    employeeId: "emp-001",
    expected: 10,
    counted: 9,
    unit: "Each",
    withinTolerance: false,
  },
  {
    countId: "c1",
    businessDay: KIT_DAY,
    label: NEW,
    itemId: "item-a",
    category: "flower",
    employeeId: "emp-001",
    expected: 17,
    counted: 17,
    unit: "Each",
    withinTolerance: true,
  },
  {
    countId: "c1",
    businessDay: KIT_DAY,
    label: BULK,
    itemId: "item-b",
    category: "flower",
    employeeId: "emp-002",
    expected: 393,
    counted: 393,
    unit: "Grams",
    withinTolerance: true,
  },
  {
    countId: "c2",
    businessDay: "2026-11-01",
    label: BULK,
    itemId: "item-b",
    category: "flower",
    employeeId: "emp-002",
    expected: 400,
    counted: 400,
    unit: "Grams",
    withinTolerance: true,
  },
];

/** A counts service answering from known figures (what hub/counts provides after the merge). */
export const fakeCounts: CountsService = {
  physicalAsOf: async () => ({ figures: [], lastFullCount: null }),
  daySummary: async (_site, day) =>
    day === KIT_DAY
      ? { sessions: 1, linesCounted: 3, linesOutOfTolerance: 1, accuracy: 2 / 3 }
      : { sessions: 0, linesCounted: 0, linesOutOfTolerance: 0, accuracy: 1 },
  accuracyRows: async (_site, from, to) => kitAccuracyRows.filter((r) => r.businessDay >= from && r.businessDay <= to),
};

/** An investigations service answering from known figures. */
export const fakeInvestigations: InvestigationsService = {
  open: async (variances) => variances.map((_, i) => ({ caseId: `case-${i}`, joined: false })),
  daySummary: async (_site, day) =>
    day === KIT_DAY
      ? { opened: 2, resolved: 1, open: 3, escalated: 1 }
      : { opened: 0, resolved: 0, open: 0, escalated: 0 },
};
