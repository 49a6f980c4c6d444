/**
 * Runs and their lines: written once, in one transaction with the run's audit entry; only the
 * case each line opened is filled in afterwards. Re-running a day adds a run; the latest is shown.
 */
import type { VarianceClass } from "#hub/modules.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import type { DiffLine } from "./facts.js";
import type { ReconcileRunsTable, RunTrigger } from "./tables.js";

/** What the CLI prints and GET /api/reconciliations/:date answers. */
export interface RunReport {
  date: string;
  site: string;
  runId: string;
  summary: Record<VarianceClass, number>;
  lines: DiffLine[];
}

/** One run as the page lists it. */
export interface RunSummary {
  runId: string;
  trigger: RunTrigger;
  actor: string;
  startedAt: string;
  finishedAt: string;
  lineCount: number;
}

/** A stored line with its case (null without the investigations module). */
export interface StoredLine extends DiffLine {
  caseId: string | null;
}

export interface StoredRun extends RunSummary {
  report: RunReport;
  lines: StoredLine[];
}

const ROWS_PER_INSERT = 400;

/** Stores a run and its lines, with the audit entry naming who ran it. */
export async function saveRun(
  db: Db,
  run: { report: RunReport; trigger: RunTrigger; actor: string; startedAt: string; finishedAt: string },
): Promise<void> {
  const { report } = run;
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("reconcile_runs")
      .values({
        id: report.runId,
        site_id: report.site,
        business_day: report.date,
        trigger: run.trigger,
        actor: run.actor,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        summary: JSON.stringify(report.summary),
        line_count: report.lines.length,
      })
      .execute();
    const rows = report.lines.map((l, seq) => ({
      run_id: report.runId,
      seq,
      site_id: report.site,
      business_day: report.date,
      ...l,
      case_id: null,
    }));
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await trx
        .insertInto("reconcile_lines")
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .execute();
    await appendAuditIn(trx, {
      actor: run.actor,
      action: "reconcile.run",
      subject: `${report.site}/${report.date}`,
      detail: { runId: report.runId, trigger: run.trigger, summary: report.summary, at: run.finishedAt },
      at: run.finishedAt,
    });
  });
}

/** Records the case each line opened or joined, in line order. */
export async function setCaseIds(db: Db, runId: string, caseIds: readonly (string | null)[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const [seq, caseId] of caseIds.entries())
      if (caseId)
        await trx
          .updateTable("reconcile_lines")
          .set({ case_id: caseId })
          .where("run_id", "=", runId)
          .where("seq", "=", seq)
          .execute();
  });
}

const summaryOf = (r: ReconcileRunsTable): RunSummary => ({
  runId: r.id,
  trigger: r.trigger,
  actor: r.actor,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  lineCount: Number(r.line_count),
});

async function withLines(db: Db, r: ReconcileRunsTable): Promise<StoredRun> {
  const rows = await db.selectFrom("reconcile_lines").selectAll().where("run_id", "=", r.id).orderBy("seq").execute();
  const num = (n: number | null) => (n === null ? null : Number(n));
  const lines = rows.map((l) => ({
    label: l.label,
    class: l.class as VarianceClass,
    pos: num(l.pos),
    state: num(l.state),
    ledger: num(l.ledger),
    physical: num(l.physical),
    fix: l.fix,
    caseId: l.case_id,
  }));
  return {
    ...summaryOf(r),
    lines,
    report: {
      date: r.business_day,
      site: r.site_id,
      runId: r.id,
      summary: JSON.parse(r.summary) as RunReport["summary"],
      lines: lines.map(({ caseId: _case, ...l }) => l),
    },
  };
}

/** The latest run of `site`'s `day`, or the run `runId` names (of that site and day). */
export async function storedRun(
  db: Db,
  q: { site: string; day: string; runId?: string | undefined },
): Promise<StoredRun | undefined> {
  let query = db
    .selectFrom("reconcile_runs")
    .selectAll()
    .where("site_id", "=", q.site)
    .where("business_day", "=", q.day);
  if (q.runId) query = query.where("id", "=", q.runId);
  const r = await query.orderBy("id", "desc").limit(1).executeTakeFirst();
  return r ? withLines(db, r) : undefined;
}

/** Every run of `site`'s `day`, newest first. */
export async function runsOfDay(db: Db, site: string, day: string): Promise<RunSummary[]> {
  const rows = await db
    .selectFrom("reconcile_runs")
    .selectAll()
    .where("site_id", "=", site)
    .where("business_day", "=", day)
    .orderBy("id", "desc")
    .execute();
  return rows.map(summaryOf);
}

/** True when `site`'s `day` has a run started by `trigger`. */
export async function hasRun(db: Db, site: string, day: string, trigger: RunTrigger): Promise<boolean> {
  const r = await db
    .selectFrom("reconcile_runs")
    .select("id")
    .where("site_id", "=", site)
    .where("business_day", "=", day)
    .where("trigger", "=", trigger)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}
