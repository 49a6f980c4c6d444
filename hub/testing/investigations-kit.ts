/**
 * Shared by the investigation tests: a site with two packages (one sold at the POS, so it has a
 * price), a coordinator and a manager, the state system's adjustment reasons as the sync keeps
 * them, a variance as reconciliation reports one, and a stand-in state system whose worker keeps
 * what was queued.
 */
import type { Kysely } from "kysely";
import type { Item, Package } from "#contract/domain.js";
import { upsertItems, upsertPackages } from "#hub/ledger/catalog.js";
import { silentLog } from "#hub/log.js";
import type { HubServices, Variance } from "#hub/modules.js";
import { singleSite } from "#hub/sites/directory.js";
import type { StateSystem, StateWrite } from "#hub/statesystem/port.js";
import type { StateSystemWorker } from "#hub/statesystem/worker.js";
import type { Database } from "#hub/store/database.js";
import { createInvestigationsService, type Investigations } from "#hub/investigations/service.js";
import { DEFAULT_INVESTIGATIONS_CONFIG, type InvestigationsConfig } from "#hub/investigations/config.js";
import { FakeClock } from "./clock.js";
import { addEmployee } from "./auth-kit.js";
import { TEST_SITE } from "./ledger.js";

export const SITES = singleSite();
/** Sold at the POS for $20.00 each; 10 on hand. */
export const L_EACH = "1A4060300012B7C000601001";
/** Bulk flower, 28 g on hand, never sold. */
export const L_GRAMS = "1A4060300012B7C000601002";
export const COORDINATOR = "e-coord";
export const MANAGER = "e-mgr";
export const MANAGER_2 = "e-mgr2";
/** 2026-11-28 10:00 in Los Angeles. */
export const START = Date.parse("2026-11-28T18:00:00Z");

const items: Item[] = [
  { id: "item-inv-1", name: "Test Pre-roll 1g", category: "pre-roll", unit: "Each", weightBased: false },
  { id: "item-inv-2", name: "Test Bulk Flower", category: "flower", unit: "Grams", weightBased: true },
];

const pkg = (label: string, itemId: string, quantity: number, unit: Package["unit"]): Package => ({
  label,
  itemId,
  quantity,
  unit,
  location: "Vault A-1",
  status: "active",
  labState: "TestPassed",
  packagedDate: "2026-10-01",
});

/** Items, packages, employees, adjustment reasons and one POS sale of L_EACH. */
export async function seedInvestigations(db: Kysely<Database>): Promise<void> {
  await upsertItems(db, TEST_SITE, items, "2026-10-01T00:00:00Z");
  await upsertPackages(
    db,
    TEST_SITE,
    [pkg(L_EACH, "item-inv-1", 10, "Each"), pkg(L_GRAMS, "item-inv-2", 28, "Grams")],
    "2026-10-01T00:00:00Z",
  );
  await addEmployee(db, COORDINATOR, "coordinator");
  await addEmployee(db, MANAGER, "manager");
  await addEmployee(db, MANAGER_2, "manager");
  await db
    .insertInto("ss_adjustment_reasons")
    .values([
      { site_id: TEST_SITE, name: "Entry Error", requires_note: 0, requires_waste_weight: 0 },
      { site_id: TEST_SITE, name: "Theft", requires_note: 1, requires_waste_weight: 0 },
    ])
    .execute();
  await db
    .insertInto("pos_sales")
    .values({
      source: "csv",
      receipt_id: "R-1",
      line_id: "1",
      site_id: TEST_SITE,
      completed_at: "2026-11-27T19:00:00.000Z",
      business_day: "2026-11-27",
      package_label: L_EACH,
      sku: null,
      quantity: 2,
      unit: "Each",
      total: 40,
      voided: 0,
      return_of: null,
      attributed: 0,
      import_id: "imp-1",
      row_number: 2,
    })
    .execute();
}

/** A variance as a reconciliation run reports it; `over` changes any field. */
export function variance(over: Partial<Variance> = {}): Variance {
  return {
    site: TEST_SITE,
    businessDay: "2026-11-27",
    label: L_EACH,
    class: "physical-short",
    pos: null,
    state: null,
    ledger: 10,
    physical: 7,
    fix: "count again; adjust with the state system's reason",
    source: { kind: "reconciliation", ref: "run-1" },
    ...over,
  };
}

/** A state system whose worker records what was queued (and for whom) instead of sending it. */
export function recordingStateSystem(): {
  stateSystem: HubServices["stateSystem"];
  queued: { write: StateWrite; requestedBy: string | undefined }[];
} {
  const queued: { write: StateWrite; requestedBy: string | undefined }[] = [];
  const worker = {
    site: TEST_SITE,
    enqueue: async (write: StateWrite, opts: { requestedBy?: string } = {}) => {
      queued.push({ write, requestedBy: opts.requestedBy });
      return `sub-${queued.length}`;
    },
  } as unknown as StateSystemWorker;
  return {
    queued,
    stateSystem: {
      forSite: (site) =>
        site === TEST_SITE
          ? { worker, system: { adjustmentReasons: async () => [] } as unknown as StateSystem }
          : undefined,
    },
  };
}

/** The service over `db` with a fake clock and the recording state system. */
export function investigationsFor(
  db: Kysely<Database>,
  config: Partial<InvestigationsConfig> = {},
): {
  service: Investigations;
  clock: FakeClock;
  queued: ReturnType<typeof recordingStateSystem>["queued"];
  /** Packages sent to the stations after an adjustment. */
  published: Package[];
} {
  const clock = new FakeClock(START);
  const { stateSystem, queued } = recordingStateSystem();
  const published: Package[] = [];
  const service = createInvestigationsService({
    db,
    log: silentLog(),
    clock,
    sites: SITES,
    config: { ...DEFAULT_INVESTIGATIONS_CONFIG, ...config },
    stateSystem,
    ledger: {
      publishCatalogChange: async (change) => {
        published.push(...(change.packages ?? []));
      },
    },
  });
  return { service, clock, queued, published };
}
