/**
 * Restock and quarantine test set-ups: a small vault of pre-rolls and flower on several shelves
 * (expiry and packaged dates chosen so FEFO and FIFO disagree with tag order), a stand-in state
 * system worker that keeps what was queued, a publish that keeps what was sent, and station
 * events as a kiosk sends them.
 */
import type { Package } from "#contract/domain.js";
import { newId } from "#contract/ids.js";
import type { EventPayload, StationEvent } from "#contract/messages.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import type { SiteStateSystem } from "#hub/modules.js";
import type { StateWrite } from "#hub/statesystem/port.js";
import type { Db } from "#hub/store/database.js";
import { seedItems } from "./receiving-kit.js";
import { TEST_SITE } from "./ledger.js";

const tag = (n: number) => `1A4060300012B7C000${String(n).padStart(6, "0")}`;

/** Blue Dream 3.5g (Each) packages: the FEFO order is P2, P3, P1 (tag order would be P1, P2, P3). */
export const P1 = tag(801);
export const P2 = tag(802);
export const P3 = tag(803);
/** Same item, on the floor already. */
export const FLOOR = tag(804);
/** Same item, soonest expiry, but failed its lab test: never picked. */
export const FAILED = tag(805);
/** OG Kush bulk (Grams), no expiry date. */
export const BULK = tag(806);

const base = { itemId: "item-bd35", unit: "Each", status: "active", labState: "TestPassed" } as const;

export const VAULT: Package[] = [
  { ...base, label: P1, quantity: 10, location: "Vault A-1", packagedDate: "2026-09-01", expirationDate: "2027-03-01" },
  { ...base, label: P2, quantity: 10, location: "Vault B-2", packagedDate: "2026-10-01", expirationDate: "2027-01-03" },
  { ...base, label: P3, quantity: 10, location: "Vault A-2", packagedDate: "2026-08-15", expirationDate: "2027-01-03" },
  {
    ...base,
    label: FLOOR,
    quantity: 4,
    location: "Sales Floor",
    packagedDate: "2026-08-01",
    expirationDate: "2026-12-20",
  },
  {
    ...base,
    label: FAILED,
    quantity: 10,
    location: "Vault A-3",
    packagedDate: "2026-08-01",
    expirationDate: "2026-12-01",
    labState: "TestFailed",
  },
  {
    itemId: "item-ogk",
    unit: "Grams",
    status: "active",
    labState: "TestPassed",
    label: BULK,
    quantity: 400,
    location: "Vault C-1",
    packagedDate: "2026-10-10",
  },
];

/** The two test items and the vault above, written through the ledger. */
export async function seedVault(db: Db, site = TEST_SITE): Promise<void> {
  await seedItems(db as never, site);
  await recordPackageChanges(
    db,
    site,
    VAULT.map((p) => ({
      label: p.label,
      to: p,
      at: "2026-11-01T00:00:00.000Z",
      why: "seed",
      by: { actor: "system" },
      source: { kind: "seed" as const },
    })),
  );
}

/** A state system whose worker keeps what was queued. */
export function recordingStateSystem(): {
  writes: Array<{ write: StateWrite; by?: string }>;
  forSite(): SiteStateSystem;
} {
  const writes: Array<{ write: StateWrite; by?: string }> = [];
  const worker = {
    enqueue: async (write: StateWrite, opts?: { requestedBy?: string }) => {
      writes.push({ write, ...(opts?.requestedBy ? { by: opts.requestedBy } : {}) });
      return newId();
    },
  };
  return { writes, forSite: () => ({ worker, system: {} }) as unknown as SiteStateSystem };
}

/** A station event of `type` as the kiosk sends it. */
export function stationEvent<K extends "restock" | "quarantine">(
  type: K,
  payload: EventPayload<K>,
  opts: { at?: string; employeeId?: string; siteId?: string } = {},
): StationEvent<K> {
  return {
    id: newId(),
    type,
    stationId: "vault-1",
    siteId: opts.siteId ?? "site-1",
    at: opts.at ?? new Date().toISOString(),
    employeeId: opts.employeeId ?? "emp-001",
    payload,
  } as StationEvent<K>;
}
