/**
 * A reconciliation run of one site's business day:
 *
 *   counts.physicalAsOf(end of day) ─┐
 *   sources.ts (one query per source) ┴▶ DayFacts ─▶ classify.ts ─▶ lines (+ on-hand figures)
 *     ─▶ run-store.ts (run, lines, audit entry: one transaction)
 *     ─▶ investigations.open(variances) ─▶ each line's case
 *
 * Without the counts module nothing is physical; without investigations lines have no case.
 */
import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { Clock } from "#hub/clock.js";
import type { Log } from "#hub/log.js";
import type { CountsService, InvestigationsService, Variance } from "#hub/modules.js";
import type { Database } from "#hub/store/database.js";
import { classifyDay, summarize, type DraftLine } from "./classify.js";
import { dayBounds } from "#contract/facility-time.js";
import type { DiffLine } from "./facts.js";
import { ledgerOnHand, type PhysicalInput } from "./physical-sources.js";
import { saveRun, setCaseIds, type RunReport } from "./run-store.js";
import { gatherFacts } from "./sources.js";
import type { RunTrigger } from "./tables.js";

export interface ReconcileDeps {
  db: Kysely<Database>;
  log: Log;
  clock: Pick<Clock, "now">;
  /** The physical figures (hub/counts), when that module runs. */
  counts?: CountsService | undefined;
  /** Where each difference opens or joins a case (hub/investigations), when that module runs. */
  investigations?: InvestigationsService | undefined;
}

export interface RunRequest {
  site: string;
  /** The site's IANA zone: its business days. */
  timeZone: string;
  /** Facility-local YYYY-MM-DD. */
  day: string;
  trigger: RunTrigger;
  /** An employee id, `schedule`, `cli` or `api`. */
  actor: string;
}

/** The ledger's on-hand and the last count's figure of each line that does not carry its own. */
async function withFigures(
  deps: ReconcileDeps,
  site: string,
  drafts: DraftLine[],
  physical: PhysicalInput | undefined,
): Promise<DiffLine[]> {
  const onHand = await ledgerOnHand(
    deps.db,
    site,
    drafts.filter((d) => d.ledger === undefined).map((d) => d.label),
  );
  const counted = new Map((physical?.figures ?? []).map((f) => [f.label, f.quantity]));
  return drafts.map((d) => ({
    label: d.label,
    class: d.class,
    pos: d.pos,
    state: d.state,
    ledger: d.ledger !== undefined ? d.ledger : (onHand.get(d.label)?.quantity ?? null),
    physical: d.physical !== undefined ? d.physical : (counted.get(d.label) ?? null),
    fix: d.fix,
  }));
}

/** Hands each line to investigations and records the case it opened or joined; a failure there leaves the lines without cases. */
async function openCases(deps: ReconcileDeps, report: RunReport, by: string): Promise<(string | null)[]> {
  if (!deps.investigations || report.lines.length === 0) return report.lines.map(() => null);
  const variances: Variance[] = report.lines.map((l) => ({
    site: report.site,
    businessDay: report.date,
    ...l,
    source: { kind: "reconciliation", ref: report.runId },
  }));
  try {
    const cases = (await deps.investigations.open(variances, by)).map((c) => c.caseId);
    await setCaseIds(deps.db, report.runId, cases);
    return cases;
  } catch (err) {
    deps.log.error({ err, runId: report.runId, code: "RECONCILE_CASES_FAILED" }, "reconcile: opening the cases failed");
    return report.lines.map(() => null);
  }
}

/** Runs one site's business day, stores the run, opens its cases; the report and each line's case. */
export async function reconcileDay(
  deps: ReconcileDeps,
  req: RunRequest,
): Promise<{ report: RunReport; caseIds: (string | null)[] }> {
  const startedAt = new Date(deps.clock.now()).toISOString();
  const { from: start, to: end } = dayBounds(req.day, req.timeZone);
  const physical = deps.counts ? await deps.counts.physicalAsOf(req.site, end) : undefined;
  const facts = await gatherFacts(deps.db, { site: req.site, day: req.day, start, end }, physical);
  const lines = await withFigures(deps, req.site, classifyDay(facts), physical);
  const report: RunReport = { date: req.day, site: req.site, runId: uuidv7(), summary: summarize(lines), lines };
  const finishedAt = new Date(deps.clock.now()).toISOString();
  await saveRun(deps.db, { report, trigger: req.trigger, actor: req.actor, startedAt, finishedAt });
  const caseIds = await openCases(deps, report, req.actor);
  deps.log.info({ site: req.site, day: req.day, runId: report.runId, lines: lines.length }, "reconcile: run stored");
  return { report, caseIds };
}
