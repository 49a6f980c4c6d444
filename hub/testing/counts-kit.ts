/**
 * Counts test set-up: a site's catalog (units, bulk flower by weight, pre-rolls by unit weight),
 * its packages through the ledger, a station, POS sales, count events as a station sends them,
 * and fakes of the state-system worker and the investigations service that record what they get.
 */
import type { Item } from "#contract/domain.js";
import { newId } from "#contract/ids.js";
import type { StationEvent } from "#contract/messages.js";
import { upsertItems } from "#hub/ledger/catalog.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import type { HubServices, InvestigationsService, Variance } from "#hub/modules.js";
import type { StateWrite } from "#hub/statesystem/port.js";
import type { Db } from "#hub/store/database.js";

export const KIT_ITEMS: Item[] = [
  { id: "item-cart", name: "Lumen Cart 1g", category: "vape", unit: "Each", weightBased: false },
  {
    id: "item-bulk",
    name: "Bulk Gorilla Glue #4",
    category: "flower",
    unit: "Grams",
    weightBased: true,
    containerTareGrams: 212,
  },
  {
    id: "item-preroll",
    name: "Pre-roll 0.5g",
    category: "pre-roll",
    unit: "Each",
    weightBased: false,
    unitWeightGrams: 0.6,
    containerTareGrams: 20,
  },
  { id: "item-gummy", name: "Gummies 10-pack", category: "edible", unit: "Each", weightBased: false },
];

/** A strict-form tag with sequence `i`. */
export const countTag = (i: number) => `1A4060300003C35${String(i).padStart(9, "0")}`;

/** Seeds the items, `n` packages (item by i % 4: 24 carts, 450 g bulk, 100 pre-rolls, 30 gummies) and station vault-1. */
export async function seedCountSite(db: Db, site: string, n = 8, at = "2026-12-01T08:00:00.000Z"): Promise<string[]> {
  await upsertItems(db, site, KIT_ITEMS, at);
  const quantities = [24, 450, 100, 30];
  const labels = Array.from({ length: n }, (_, i) => countTag(i));
  await recordPackageChanges(
    db,
    site,
    labels.map((label, i) => ({
      label,
      to: {
        itemId: KIT_ITEMS[i % 4]!.id,
        quantity: quantities[i % 4]!,
        unit: KIT_ITEMS[i % 4]!.unit,
        location: `Vault ${String.fromCharCode(65 + (i % 3))}-1`,
        status: "active",
        labState: "TestPassed",
        packagedDate: "2026-11-01",
      },
      at,
      why: "seed",
      by: { actor: "system" },
      source: { kind: "seed" },
    })),
  );
  await db
    .insertInto("stations")
    .values({ id: "vault-1", site_id: site, online: 1, last_seen: at, status: "{}" })
    .execute();
  return labels;
}

/** One POS sale line of `label`. */
export async function sellAt(db: Db, site: string, label: string, quantity: number, at: string): Promise<void> {
  await db
    .insertInto("pos_sales")
    .values({
      source: "csv",
      receipt_id: newId(),
      line_id: "1",
      site_id: site,
      completed_at: at,
      business_day: at.slice(0, 10),
      package_label: label,
      sku: null,
      quantity,
      unit: "Each",
      total: quantity * 20,
      voided: 0,
      return_of: null,
      attributed: 0,
      import_id: "imp-1",
      row_number: 2,
    })
    .execute();
}

/** A count event as vault-1 sends it. */
export function countEvent(
  countSessionId: string,
  label: string,
  quantity: number,
  opts: Partial<StationEvent<"count">["payload"]> & { employeeId?: string; at?: string; unit?: string } = {},
): StationEvent<"count"> {
  const { employeeId = "emp-001", at = "2026-12-01T17:30:00.000Z", unit = "Each", ...rest } = opts;
  return {
    id: newId(),
    type: "count",
    stationId: "vault-1",
    siteId: "default",
    at,
    employeeId,
    payload: { countSessionId, label, quantity, unit, method: "scan", ...rest },
  };
}

/** A state-system worker stand-in that keeps what was queued. */
export function fakeStateSystem(): { service: HubServices["stateSystem"]; queued: StateWrite[] } {
  const queued: StateWrite[] = [];
  const worker = { enqueue: async (w: StateWrite) => (queued.push(w), `sub-${queued.length}`) };
  return { queued, service: { forSite: () => ({ worker, system: {} }) as never } };
}

/** An investigations stand-in that keeps the variances it was given. */
export function fakeInvestigations(): { service: InvestigationsService; opened: Variance[] } {
  const opened: Variance[] = [];
  return {
    opened,
    service: {
      open: async (vs) => vs.map((v) => (opened.push(v), { caseId: `case-${opened.length}`, joined: false })),
      daySummary: async () => ({ opened: 0, resolved: 0, open: 0, escalated: 0 }),
    },
  };
}
