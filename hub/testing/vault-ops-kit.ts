/**
 * Set-ups for the waste and package-split tests: a bulk flower package and a pre-roll jar in the
 * ledger, two employees, the site's adjustment reasons as a sync stores them, station events as
 * the kiosk sends them, and a state system whose worker only counts nudges.
 */
import { newId } from "#contract/ids.js";
import type { StationEvent } from "#contract/messages.js";
import type { SplitPayload, WastePayload } from "#contract/vault-ops.js";
import { upsertItems } from "#hub/ledger/catalog.js";
import { upsertEmployees } from "#hub/ledger/employees.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import { silentLog } from "#hub/log.js";
import { singleSite } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import type { VaultOpsDeps } from "#hub/waste/context.js";
import { FakeClock } from "./clock.js";
import { TEST_SITE } from "./ledger.js";

export const BULK = "1A4060300012B7C000004001";
export const JAR = "1A4060300012B7C000004002";
export const FRESH = ["1A4060300012B7C000009101", "1A4060300012B7C000009102", "1A4060300012B7C000009103"] as const;
export const DOOR = "01a21f73-5003-7047-b575-fa5b11f2e001";

/** The ledger and the reasons the tests start from. */
export async function seedVaultOps(db: Db): Promise<void> {
  await upsertItems(
    db,
    TEST_SITE,
    [
      {
        id: "item-ogk",
        name: "OG Kush Bulk",
        category: "flower",
        unit: "Grams",
        weightBased: true,
        containerTareGrams: 12,
      },
      {
        id: "item-pr",
        name: "Pre-roll jar",
        category: "pre-roll",
        unit: "Each",
        weightBased: false,
        unitWeightGrams: 1,
      },
    ],
    "2026-11-27T00:00:00.000Z",
  );
  const base = {
    status: "active" as const,
    labState: "TestPassed" as const,
    packagedDate: "2026-11-01",
    location: "Vault A-2",
  };
  await recordPackageChanges(db, TEST_SITE, [
    {
      label: BULK,
      to: { ...base, itemId: "item-ogk", quantity: 448, unit: "Grams" },
      at: "2026-11-27T00:00:00.000Z",
      why: "seed",
      by: { actor: "system" },
    },
    {
      label: JAR,
      to: { ...base, itemId: "item-pr", quantity: 100, unit: "Each" },
      at: "2026-11-27T00:00:00.000Z",
      why: "seed",
      by: { actor: "system" },
    },
  ]);
  await upsertEmployees(db, [
    { id: "emp-001", name: "Dana Reyes", role: "coordinator", badge: "EMP-0001", pinHash: "scrypt$x", active: true },
    { id: "emp-002", name: "Jordan Park", role: "manager", badge: "EMP-0002", pinHash: "scrypt$x", active: true },
  ]);
  await db
    .insertInto("ss_adjustment_reasons")
    .values([
      { site_id: TEST_SITE, name: "Waste (Unusable Product)", requires_note: 1, requires_waste_weight: 1 },
      { site_id: TEST_SITE, name: "Scale Variance", requires_note: 1, requires_waste_weight: 0 },
      { site_id: TEST_SITE, name: "Entry Error", requires_note: 0, requires_waste_weight: 0 },
    ])
    .execute();
}

/** Deps over `db` with a state system for the test site whose worker counts nudges. */
export function vaultOpsDeps(db: Db): VaultOpsDeps & { nudges: () => number; published: unknown[] } {
  let nudges = 0;
  const published: unknown[] = [];
  return {
    db: db as VaultOpsDeps["db"],
    sites: singleSite(),
    log: silentLog(),
    clock: new FakeClock(Date.parse("2026-11-27T18:00:00.000Z")),
    ledger: { publishCatalogChange: async (c) => void published.push(c) },
    stateSystem: {
      forSite: (site) =>
        site === TEST_SITE ? ({ system: {}, worker: { nudge: () => void nudges++ } } as never) : undefined,
    },
    nudges: () => nudges,
    published,
  };
}

const envelope = <K extends "waste" | "split", P>(type: K, payload: P, employeeId = "emp-001") => ({
  id: newId(),
  type,
  stationId: "vault-1",
  siteId: TEST_SITE,
  at: "2026-11-27T18:10:00.000Z",
  employeeId,
  payload,
});

/** A waste of 3.4 g of the bulk package, witnessed by emp-002, as the kiosk sends it. */
export function wasteEvent(over: Partial<WastePayload> = {}, employeeId = "emp-001"): StationEvent<"waste"> {
  return envelope(
    "waste",
    {
      wasteId: newId(),
      label: BULK,
      quantity: 3.4,
      unit: "Grams",
      weighing: { grossGrams: 15.4, tareGrams: 12, netGrams: 3.4 },
      reason: "Waste (Unusable Product)",
      note: "Mould on the top buds",
      wasteMethod: "Grinder",
      witnessId: "emp-002",
      doorSessionId: DOOR,
      ...over,
    },
    employeeId,
  ) as StationEvent<"waste">;
}

/** The bulk package split into the three fresh tags (28 + 28 + 14 g), 378 g left, as the kiosk sends it. */
export function splitEvent(over: Partial<SplitPayload> = {}): StationEvent<"split"> {
  return envelope("split", {
    splitId: newId(),
    source: BULK,
    unit: "Grams",
    sourceBefore: 448,
    sourceRemaining: 378,
    packages: [
      { label: FRESH[0], quantity: 28, method: "weight", weighing: { grossGrams: 40, tareGrams: 12, netGrams: 28 } },
      { label: FRESH[1], quantity: 28, method: "weight", weighing: { grossGrams: 40, tareGrams: 12, netGrams: 28 } },
      { label: FRESH[2], quantity: 14, method: "weight", weighing: { grossGrams: 26, tareGrams: 12, netGrams: 14 } },
    ],
    doorSessionId: DOOR,
    ...over,
  }) as StationEvent<"split">;
}
