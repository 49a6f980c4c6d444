/**
 * Reads of the investigation tables in the hub's terms: a case with its variances, notes and
 * resolutions, lists by site and state (open, escalated, closed), and the audit entry every
 * action writes with its change (hub/ledger/audit.ts, in the caller's transaction).
 */
import type { Selectable } from "kysely";
import { appendAuditBatchIn } from "#hub/ledger/audit.js";
import type { VarianceClass } from "#hub/modules.js";
import type { StateWrite } from "#hub/statesystem/port.js";
import type { Db } from "#hub/store/database.js";
import type { InvCasesTable, InvNotesTable, InvResolutionsTable, InvVariancesTable, RootCause } from "./tables.js";

/** One case as lists and pages show it. */
export interface CaseSummary {
  id: string;
  site: string;
  label: string;
  class: VarianceClass;
  businessDay: string;
  status: "open" | "closed";
  openedAt: string;
  openedBy: string;
  deadlineAt: string;
  /** Open past its deadline at the time of the read. */
  escalated: boolean;
  assignee: string | null;
  rootCause: RootCause | null;
  closedAt: string | null;
  closedBy: string | null;
}

export interface CaseVariance {
  id: string;
  businessDay: string;
  class: VarianceClass;
  pos: number | null;
  state: number | null;
  ledger: number | null;
  physical: number | null;
  fix: string;
  source: { kind: "reconciliation" | "count"; ref: string };
  addedBy: string;
  addedAt: string;
}

export interface CaseNote {
  id: string;
  kind: "note" | "evidence";
  text: string;
  camera: string | null;
  evidenceAt: string | null;
  by: string;
  at: string;
}

export interface CaseResolution {
  id: string;
  kind: "adjustment" | "receipt";
  writes: StateWrite[];
  quantity: number;
  value: number | null;
  needsApproval: boolean;
  status: Selectable<InvResolutionsTable>["status"];
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  adjustmentId: string | null;
  submissionIds: string[];
  queuedAt: string | null;
}

export interface CaseDetail extends CaseSummary {
  variances: CaseVariance[];
  notes: CaseNote[];
  resolutions: CaseResolution[];
}

/** Which cases a list shows: open ones (escalated among them), only the escalated, or closed ones. */
export type CaseFilter = "open" | "escalated" | "closed";

export function summaryOf(r: Selectable<InvCasesTable>, nowMs: number): CaseSummary {
  return {
    id: r.id,
    site: r.site_id,
    label: r.label,
    class: r.class as VarianceClass,
    businessDay: r.business_day,
    status: r.status,
    openedAt: r.opened_at,
    openedBy: r.opened_by,
    deadlineAt: r.deadline_at,
    escalated: r.status === "open" && Date.parse(r.deadline_at) < nowMs,
    assignee: r.assignee,
    rootCause: r.root_cause,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
  };
}

const num = (v: number | null) => (v === null ? null : Number(v));

function varianceOf(r: Selectable<InvVariancesTable>): CaseVariance {
  return {
    id: r.id,
    businessDay: r.business_day,
    class: r.class as VarianceClass,
    pos: num(r.pos),
    state: num(r.state),
    ledger: num(r.ledger),
    physical: num(r.physical),
    fix: r.fix,
    source: { kind: r.source_kind, ref: r.source_ref },
    addedBy: r.added_by,
    addedAt: r.added_at,
  };
}

function noteOf(r: Selectable<InvNotesTable>): CaseNote {
  return { id: r.id, kind: r.kind, text: r.text, camera: r.camera, evidenceAt: r.evidence_at, by: r.by, at: r.at };
}

export function resolutionOf(r: Selectable<InvResolutionsTable>): CaseResolution {
  return {
    id: r.id,
    kind: r.kind,
    writes: JSON.parse(r.writes) as StateWrite[],
    quantity: Number(r.quantity),
    value: num(r.value),
    needsApproval: Number(r.needs_approval) === 1,
    status: r.status,
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    adjustmentId: r.adjustment_id,
    submissionIds: r.submission_ids ? (JSON.parse(r.submission_ids) as string[]) : [],
    queuedAt: r.queued_at,
  };
}

/** The case row, or undefined. */
export function caseRow(db: Db, id: string) {
  return db.selectFrom("inv_cases").selectAll().where("id", "=", id).executeTakeFirst();
}

/** One case with everything recorded on it, oldest first; undefined when there is none. */
export async function caseDetail(db: Db, id: string, nowMs: number): Promise<CaseDetail | undefined> {
  const row = await caseRow(db, id);
  if (!row) return undefined;
  const [variances, notes, resolutions] = await Promise.all([
    db.selectFrom("inv_variances").selectAll().where("case_id", "=", id).orderBy("added_at").orderBy("id").execute(),
    db.selectFrom("inv_notes").selectAll().where("case_id", "=", id).orderBy("at").orderBy("id").execute(),
    db
      .selectFrom("inv_resolutions")
      .selectAll()
      .where("case_id", "=", id)
      .orderBy("proposed_at")
      .orderBy("id")
      .execute(),
  ]);
  return {
    ...summaryOf(row, nowMs),
    variances: variances.map(varianceOf),
    notes: notes.map(noteOf),
    resolutions: resolutions.map(resolutionOf),
  };
}

/** Cases of `sites` by filter, newest first (escalated first among open ones), at most `limit`. */
export async function listCases(
  db: Db,
  q: { sites: readonly string[]; filter: CaseFilter; nowMs: number; label?: string; limit?: number },
): Promise<CaseSummary[]> {
  if (q.sites.length === 0) return [];
  const now = new Date(q.nowMs).toISOString();
  let s = db
    .selectFrom("inv_cases")
    .selectAll()
    .where("site_id", "in", [...q.sites])
    .where("status", "=", q.filter === "closed" ? "closed" : "open");
  if (q.filter === "escalated") s = s.where("deadline_at", "<", now);
  if (q.label) s = s.where("label", "=", q.label);
  const order = q.filter === "closed" ? "closed_at" : "opened_at";
  const rows = await s
    .orderBy(order, "desc")
    .orderBy("id", "desc")
    .limit(q.limit ?? 200)
    .execute();
  const cases = rows.map((r) => summaryOf(r, q.nowMs));
  return q.filter === "open" ? [...cases.filter((c) => c.escalated), ...cases.filter((c) => !c.escalated)] : cases;
}

/** How many cases of `sites` are open now, and how many of those are past their deadline. */
export async function countOpen(
  db: Db,
  sites: readonly string[],
  nowMs: number,
): Promise<{ open: number; escalated: number }> {
  if (sites.length === 0) return { open: 0, escalated: 0 };
  const now = new Date(nowMs).toISOString();
  const row = await db
    .selectFrom("inv_cases")
    .select((eb) => [
      eb.fn.countAll().as("open"),
      eb.fn.sum<number>(eb.case().when("deadline_at", "<", now).then(1).else(0).end()).as("escalated"),
    ])
    .where("site_id", "in", [...sites])
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), escalated: Number(row.escalated ?? 0) };
}

/** An action's audit entry, written in `trx` with the change it records. */
export async function auditCase(
  trx: Db,
  c: Pick<InvCasesTable, "id" | "site_id" | "label" | "class">,
  entry: { actor: string; action: string; at: string; detail?: Record<string, unknown> },
): Promise<void> {
  await appendAuditBatchIn(trx, [
    {
      actor: entry.actor,
      action: entry.action,
      at: entry.at,
      subject: `investigation ${c.id}`,
      detail: { site: c.site_id, label: c.label, class: c.class, ...entry.detail },
    },
  ]);
}
