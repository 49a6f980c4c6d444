/**
 * The chain view's figures for the compliance team, per site: stations offline, state-system
 * writes the state system refused (failed, waiting for a person), and open variance
 * investigations (when the investigations module is installed).
 */
import { localDate } from "#contract/facility-time.js";
import type { InvestigationDaySummary, InvestigationsService } from "#hub/modules.js";
import { listStationsOfSites, type StationView } from "#hub/ledger/stations.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import { siteLabel } from "#hub/sites/site.js";
import { countByState } from "#hub/statesystem/store/queue.js";
import type { Db } from "#hub/store/database.js";

export interface SiteOverview {
  id: string;
  label: string;
  timeZone: string;
  stations: number;
  offline: StationView[];
  /** Writes the state system refused, each waiting for a person. */
  failedWrites: number;
  /** Writes not yet accepted (pending or sent without an answer). */
  openWrites: number;
  /** Today's (facility-local) investigation figures; null without the investigations module. */
  investigations: InvestigationDaySummary | null;
}

export async function chainOverview(deps: {
  db: Db;
  sites: SiteDirectory;
  siteIds: readonly string[];
  nowMs: number;
  investigations: InvestigationsService | undefined;
}): Promise<SiteOverview[]> {
  const stations = await listStationsOfSites(deps.db, deps.sites, deps.siteIds);
  const out: SiteOverview[] = [];
  for (const id of deps.siteIds) {
    const site = deps.sites.get(id)!;
    const mine = stations.filter((s) => deps.sites.siteOf(s.siteId)?.id === id);
    const writes = await countByState(deps.db, id);
    out.push({
      id,
      label: siteLabel(site),
      timeZone: site.timeZone,
      stations: mine.length,
      offline: mine.filter((s) => !s.online),
      failedWrites: writes.failed,
      openWrites: writes.pending + writes.sent,
      investigations: deps.investigations
        ? await deps.investigations.daySummary(id, localDate(deps.nowMs, site.timeZone))
        : null,
    });
  }
  return out;
}
