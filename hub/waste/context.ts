/**
 * What waste and package splits share on the hub: the deps they are applied with, the site's
 * state-system reasons, the witness and the facility-local date a state-system write carries, and
 * queueing a write in the same transaction as the ledger change it reports.
 */
import type { Kysely } from "kysely";
import type { Clock } from "#hub/clock.js";
import type { Log } from "#hub/log.js";
import type { HubServices } from "#hub/modules.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import { localDate as facilityLocalDate } from "#contract/facility-time.js";
import type { StateWrite } from "#hub/statesystem/port.js";
import { enqueueWrite } from "#hub/statesystem/store/queue.js";
import type { Database, Db } from "#hub/store/database.js";

/** What the waste and split services are started with. */
export interface VaultOpsDeps {
  db: Kysely<Database>;
  sites: SiteDirectory;
  log: Log;
  clock: Clock;
  /** Changed packages reach the site's stations through this once the change is committed. */
  ledger: HubServices["ledger"];
  /** Each site's state system, when a module provides one: writes are queued for it. */
  stateSystem?: HubServices["stateSystem"] | undefined;
}

/** One of the site's synced adjustment reasons. */
export interface SiteReason {
  name: string;
  requiresNote: boolean;
  requiresWasteWeight: boolean;
}

/** The site's adjustment reasons as the last state-system sync stored them, by name. */
export async function siteReasons(db: Db, site: string): Promise<SiteReason[]> {
  const rows = await db
    .selectFrom("ss_adjustment_reasons")
    .selectAll()
    .where("site_id", "=", site)
    .orderBy("name")
    .execute();
  return rows.map((r) => ({
    name: r.name,
    requiresNote: Number(r.requires_note) === 1,
    requiresWasteWeight: Number(r.requires_waste_weight) === 1,
  }));
}

/**
 * Why `reason` (with `note`) may not be used at `site`, or null. A site whose state system has
 * sent no reasons yet takes any: the state system checks it again when the write is sent.
 */
export async function reasonRefusal(
  db: Db,
  site: string,
  reason: string,
  note: string | undefined,
): Promise<string | null> {
  const reasons = await siteReasons(db, site);
  if (reasons.length === 0) return null;
  const found = reasons.find((r) => r.name.toLowerCase() === reason.toLowerCase());
  if (!found)
    return `"${reason}" is not one of the state system's adjustment reasons (${reasons.map((r) => r.name).join(", ")})`;
  if (found.requiresNote && !note?.trim()) return `the state system needs a note with the reason "${found.name}"`;
  return null;
}

/** The employee's name, when the ledger knows an active employee by that id. */
export async function activeEmployeeName(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom("employees").select(["name", "active"]).where("id", "=", id).executeTakeFirst();
  return row && Number(row.active) === 1 ? row.name : null;
}

/** The facility-local YYYY-MM-DD of an instant at `site` (the date METRC writes carry). */
export function localDate(deps: Pick<VaultOpsDeps, "sites">, site: string, at: string): string {
  const zone = deps.sites.get(site)?.timeZone ?? deps.sites.default.timeZone;
  return facilityLocalDate(at, zone);
}

/**
 * Queues `write` for the site's state system inside `trx`, so the ledger change and the write
 * that reports it are stored together or not at all (the worker's own enqueue runs outside the
 * caller's transaction); the worker is nudged once the transaction commits. Null when the site
 * has no state system.
 */
export async function queueInTransaction(
  deps: Pick<VaultOpsDeps, "stateSystem" | "clock">,
  trx: Db,
  site: string,
  write: StateWrite,
  requestedBy: string,
): Promise<string | null> {
  if (!deps.stateSystem?.forSite(site)) return null;
  return enqueueWrite(trx, site, write, { at: new Date(deps.clock.now()), requestedBy });
}

/** Wakes the site's queue after a commit that queued writes. */
export function nudgeQueue(deps: Pick<VaultOpsDeps, "stateSystem">, site: string): void {
  deps.stateSystem?.forSite(site)?.worker.nudge();
}
