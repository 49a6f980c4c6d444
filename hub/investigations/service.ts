/**
 * The investigations service: what reconciliation and counts call (`open`, `daySummary`, as
 * hub/modules.ts declares InvestigationsService), and what the case pages do (assign, notes,
 * evidence, root cause, resolutions, approval, close), each one transaction with its audit entry.
 * Approved resolutions are queued to the state system after their commit (resolution.ts).
 */
import { dayBounds } from "#contract/facility-time.js";
import { findPackage } from "#hub/ledger/catalog.js";
import type { Clock } from "#hub/clock.js";
import type { Log } from "#hub/log.js";
import type { HubServices, InvestigationDaySummary, InvestigationsService } from "#hub/modules.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { AdjustmentReason } from "#hub/statesystem/port.js";
import type { Db } from "#hub/store/database.js";
import { addEvidence, addNote, assign, closeCase, setRootCause, type Acted } from "./actions.js";
import { caseDetail, countOpen, listCases, type CaseDetail, type CaseFilter, type CaseSummary } from "./cases.js";
import type { InvestigationsConfig } from "./config.js";
import { openCases } from "./open.js";
import type { ProposalInput } from "./proposal.js";
import { approve, propose, queueApproved, refuse, type ResolutionDeps } from "./resolution.js";
import { packageTimeline } from "./timeline-reads.js";
import type { TimelineEntry } from "./timeline.js";

export interface InvestigationsDeps {
  db: Db;
  log: Log;
  clock: Pick<Clock, "now">;
  sites: SiteDirectory;
  config: InvestigationsConfig;
  /** Each site's state system and worker: adjustment reasons, and the queue resolutions go to. */
  stateSystem?: HubServices["stateSystem"] | undefined;
  /** The stations' catalogs, told about packages an adjustment changed. */
  ledger?: HubServices["ledger"] | undefined;
}

/** The service as the module's routes use it; `open` and `daySummary` are what other modules get. */
export interface Investigations extends InvestigationsService {
  list(q: { sites: readonly string[]; filter: CaseFilter; label?: string }): Promise<CaseSummary[]>;
  get(id: string): Promise<CaseDetail | undefined>;
  timeline(site: string, label: string): Promise<TimelineEntry[]>;
  /** Open cases of `sites` now, and how many of them are escalated. */
  openCount(sites: readonly string[]): Promise<{ open: number; escalated: number }>;
  reasons(site: string): Promise<AdjustmentReason[]>;
  assign(id: string, assignee: string | null, by: string): Promise<Acted>;
  note(id: string, text: string, by: string): Promise<Acted>;
  evidence(id: string, ev: { camera: string; at: string; text: string }, by: string): Promise<Acted>;
  rootCause(id: string, cause: string, by: string): Promise<Acted>;
  close(id: string, by: string): Promise<Acted>;
  propose(id: string, input: ProposalInput, by: string): Promise<Acted>;
  approve(id: string, by: string): Promise<Acted>;
  refuse(id: string, why: string, by: string): Promise<Acted>;
  /** Queues approved resolutions not queued yet; resolves when done (also run after every approval). */
  flush(): Promise<void>;
}

async function daySummary(deps: InvestigationsDeps, site: string, day: string): Promise<InvestigationDaySummary> {
  const zone = deps.sites.get(site)?.timeZone ?? deps.sites.default.timeZone;
  const end = dayBounds(day, zone).to;
  const rows = await deps.db
    .selectFrom("inv_cases")
    .select(["opened_day", "closed_day", "deadline_at"])
    .where("site_id", "=", site)
    .where("opened_day", "<=", day)
    .where((eb) => eb.or([eb("closed_day", "is", null), eb("closed_day", ">=", day)]))
    .execute();
  const open = rows.filter((r) => r.closed_day === null || r.closed_day > day);
  return {
    opened: rows.filter((r) => r.opened_day === day).length,
    resolved: rows.filter((r) => r.closed_day === day).length,
    open: open.length,
    escalated: open.filter((r) => r.deadline_at < end).length,
  };
}

/** A site's adjustment reasons: as the sync kept them, else asked from its state system (none when neither answers). */
async function reasonsOf(deps: InvestigationsDeps, site: string, db: Db = deps.db): Promise<AdjustmentReason[]> {
  const kept = await db.selectFrom("ss_adjustment_reasons").selectAll().where("site_id", "=", site).execute();
  if (kept.length > 0)
    return kept.map((r) => ({
      name: r.name,
      requiresNote: Number(r.requires_note) === 1,
      requiresWasteWeight: Number(r.requires_waste_weight) === 1,
    }));
  const system = deps.stateSystem?.forSite(site)?.system;
  if (!system) return [];
  return system.adjustmentReasons().catch((err: Error) => {
    deps.log.warn({ err: err.message, site }, "adjustment reasons not available from the state system");
    return [];
  });
}

/** Packages an action is adjusting, sent to their stations as the ledger holds them once the action committed. */
function adjustedPackages(deps: InvestigationsDeps) {
  const adjusting = new Map<string, { site: string; label: string }>();
  return {
    changed: (site: string, label: string) => void adjusting.set(`${site}\n${label}`, { site, label }),
    async publish(): Promise<void> {
      for (const [key, { site, label }] of [...adjusting]) {
        adjusting.delete(key);
        const found = await findPackage(deps.db, site, label);
        if (found && deps.ledger)
          await deps.ledger.publishCatalogChange({ site, packages: [found.pkg] }).catch((err: Error) => {
            deps.log.warn({ err: err.message, site, label }, "adjusted package not sent to the stations");
          });
      }
    },
  };
}

/** Queues approved resolutions, one pass after another (never two at once, which could queue a write twice). */
function queueFlusher(deps: InvestigationsDeps, nowMs: () => number): () => Promise<void> {
  let queueing: Promise<void> = Promise.resolve();
  const worker = (site: string) => deps.stateSystem?.forSite(site)?.worker;
  return () => {
    queueing = queueing
      .then(() => queueApproved({ db: deps.db, log: deps.log, nowMs, worker }))
      .then(
        () => undefined,
        (err: Error) => deps.log.error({ err: err.message }, "approved resolutions not queued yet"),
      );
    return queueing;
  };
}

export function createInvestigationsService(deps: InvestigationsDeps): Investigations {
  const nowMs = () => deps.clock.now();
  const adjusted = adjustedPackages(deps);
  const rdeps: ResolutionDeps = {
    db: deps.db,
    sites: deps.sites,
    nowMs,
    config: deps.config,
    reasons: (site, db) => reasonsOf(deps, site, db),
    changed: adjusted.changed,
  };
  const flush = queueFlusher(deps, nowMs);
  const thenFlush = async (done: Promise<Acted>) => {
    const acted = await done;
    if (!acted.ok) return acted;
    await adjusted.publish();
    await flush();
    return acted;
  };
  return {
    open: (variances, by) =>
      openCases({ db: deps.db, sites: deps.sites, deadlineMs: deps.config.deadlineMs, nowMs: nowMs() }, variances, by),
    daySummary: (site, day) => daySummary(deps, site, day),
    list: (q) => listCases(deps.db, { ...q, nowMs: nowMs() }),
    get: (id) => caseDetail(deps.db, id, nowMs()),
    timeline: (site, label) => packageTimeline(deps.db, deps.sites, site, label),
    openCount: (sites) => countOpen(deps.db, sites, nowMs()),
    reasons: (site) => reasonsOf(deps, site),
    assign: (id, assignee, by) => assign(rdeps, id, assignee, by),
    note: (id, text, by) => addNote(rdeps, id, text, by),
    evidence: (id, ev, by) => addEvidence(rdeps, id, ev, by),
    rootCause: (id, cause, by) => setRootCause(rdeps, id, cause, by),
    close: (id, by) => closeCase(rdeps, id, by),
    propose: (id, input, by) => thenFlush(propose(rdeps, id, input, by)),
    approve: (id, by) => thenFlush(approve(rdeps, id, by)),
    refuse: (id, why, by) => refuse(rdeps, id, why, by),
    flush,
  };
}
