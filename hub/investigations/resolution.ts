/**
 * Resolutions: proposed by the coordinator, approved or refused by a manager when above the
 * threshold (config.ts), then queued to the state system. An approved adjustment changes the
 * ledger at once, through recordPackageChanges with its state-system reason (source
 * "investigation"), in the approval's transaction and under its audit entry.
 *
 *   propose ─▶ planProposal ─▶ above threshold? ─ yes ─▶ proposed ─▶ approve ─▶ approved ─┐
 *                                   │ no                     └──────▶ refuse ─▶ refused  │
 *                                   └──────────────────────────────▶ approved ───────────┴─▶ queueApproved
 *                                                                   (ledger adjusted)        worker.enqueue → queued
 *
 * Queueing follows the commit, as an outbox: approved rows are queued write by write (each
 * submission id kept as it is given), so a hub stopped in between queues the rest when it starts.
 */
import { newId } from "#contract/ids.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import type { Log } from "#hub/log.js";
import type { StateSystemWorker } from "#hub/statesystem/worker.js";
import type { AdjustmentReason, AdjustmentWrite, StateWrite } from "#hub/statesystem/port.js";
import type { Db } from "#hub/store/database.js";
import { onOpenCase, type Acted, type ActionDeps } from "./actions.js";
import { auditCase } from "./cases.js";
import { needsApproval, type InvestigationsConfig } from "./config.js";
import { planProposal, type PlannedResolution, type ProposalInput } from "./proposal.js";
import type { InvCasesTable, InvResolutionsTable } from "./tables.js";

export interface ResolutionDeps extends ActionDeps {
  config: InvestigationsConfig;
  /** A site's adjustment reasons: kept by the sync, or asked from its state system. */
  reasons(site: string, db: Db): Promise<AdjustmentReason[]>;
  /** Told which package the ledger is changing (its stations get it once the change commits). */
  changed?(site: string, label: string): void;
}

const refused = (status: 404 | 409 | 422, reason: string): Acted => ({ ok: false, status, reason });

/** Applies an approved adjustment to the ledger, under the action's audit entry; the ledger adjustment id. */
async function adjustLedger(
  deps: ResolutionDeps,
  trx: Db,
  c: InvCasesTable,
  w: AdjustmentWrite,
  audit: { actor: string; action: string; at: string; detail: Record<string, unknown> },
): Promise<string | { reason: string }> {
  const held = await trx
    .selectFrom("packages")
    .select("quantity")
    .where("site_id", "=", c.site_id)
    .where("label", "=", c.label)
    .executeTakeFirst();
  if (!held) return { reason: `package ${c.label} is not in the ledger any more` };
  const after = Math.round((Number(held.quantity) + w.quantity) * 1e6) / 1e6;
  if (after < -1e-9)
    return { reason: `package ${c.label} holds ${Number(held.quantity)} ${w.unit}: it cannot go below zero` };
  const [done] = await recordPackageChanges(trx, c.site_id, [
    {
      label: c.label,
      to: { quantity: after },
      at: audit.at,
      why: "investigation.adjusted",
      by: { actor: audit.actor, employeeId: audit.actor },
      source: { kind: "investigation", ref: c.id },
      adjustment: { reason: w.reason, ...(w.note ? { note: w.note } : {}) },
      audit: { action: audit.action, subject: `investigation ${c.id}`, detail: { ...audit.detail, class: c.class } },
    },
  ]);
  deps.changed?.(c.site_id, c.label);
  return done?.adjustmentId ?? "";
}

/** The audit detail of a resolution. */
const described = (r: { id: string; kind: string; writes: StateWrite[]; quantity: number; value: number | null }) => ({
  resolution: r.id,
  kind: r.kind,
  writes: r.writes,
  quantity: r.quantity,
  value: r.value,
});

/** Records the approval of `r` (the ledger first, for an adjustment) under one audit entry. */
async function approveIn(
  deps: ResolutionDeps,
  trx: Db,
  c: InvCasesTable,
  r: Omit<InvResolutionsTable, "writes"> & { writes: StateWrite[] },
  audit: { actor: string; action: string; at: string; detail: Record<string, unknown> },
): Promise<Acted> {
  const adj = r.writes.find((w): w is AdjustmentWrite => w.kind === "adjustment");
  let adjustmentId: string | null = null;
  if (adj) {
    const done = await adjustLedger(deps, trx, c, adj, audit);
    if (typeof done !== "string") return refused(409, done.reason);
    adjustmentId = done;
  } else await auditCase(trx, c, audit);
  await trx
    .updateTable("inv_resolutions")
    .set({ status: "approved", decided_by: audit.actor, decided_at: audit.at, adjustment_id: adjustmentId })
    .where("id", "=", r.id)
    .execute();
  return { ok: true };
}

/** A proposed resolution's row, writes aside (they are stored as JSON). */
function proposedRow(
  caseId: string,
  site: string,
  plan: PlannedResolution,
  needs: boolean,
  by: string,
  at: string,
): Omit<InvResolutionsTable, "writes"> {
  return {
    id: newId(),
    case_id: caseId,
    site_id: site,
    kind: plan.kind,
    quantity: plan.quantity,
    value: plan.value,
    needs_approval: needs ? 1 : 0,
    status: "proposed",
    proposed_by: by,
    proposed_at: at,
    decided_by: null,
    decided_at: null,
    decision_note: null,
    adjustment_id: null,
    submission_ids: null,
    queued_at: null,
  };
}

/** Proposes a resolution; below the threshold it is approved (and the ledger adjusted) at once. */
export function propose(deps: ResolutionDeps, caseId: string, input: ProposalInput, by: string): Promise<Acted> {
  return onOpenCase(deps, caseId, async (trx, c, at) => {
    const earlier = await trx.selectFrom("inv_resolutions").select(["status"]).where("case_id", "=", caseId).execute();
    if (earlier.some((e) => e.status === "proposed"))
      return refused(409, "a resolution already awaits a manager's approval");
    const tz = deps.sites.get(c.site_id)?.timeZone ?? deps.sites.default.timeZone;
    const plan = await planProposal(
      {
        db: trx,
        case: c,
        timeZone: tz,
        nowMs: Date.parse(at),
        reasons: () => deps.reasons(c.site_id, trx),
        earlier: earlier.length,
      },
      input,
    );
    if ("reason" in plan) return refused(422, plan.reason);
    const needs = needsApproval(deps.config, plan.quantity, plan.value);
    const row = proposedRow(caseId, c.site_id, plan, needs, by, at);
    await trx
      .insertInto("inv_resolutions")
      .values({ ...row, writes: JSON.stringify(plan.writes) })
      .execute();
    const audit = {
      actor: by,
      action: "investigation.propose",
      at,
      detail: { ...described({ ...row, writes: plan.writes }), approval: needs ? "needed" : "not needed" },
    };
    if (needs) {
      await auditCase(trx, c, audit);
      return { ok: true };
    }
    return approveIn(deps, trx, c, { ...row, writes: plan.writes }, audit);
  });
}

/** The resolution awaiting approval on the case, or a refusal. */
async function waiting(trx: Db, caseId: string) {
  const r = await trx
    .selectFrom("inv_resolutions")
    .selectAll()
    .where("case_id", "=", caseId)
    .where("status", "=", "proposed")
    .executeTakeFirst();
  return r ? { ...r, writes: JSON.parse(r.writes) as StateWrite[] } : undefined;
}

/**
 * A manager approves the resolution awaiting approval: someone other than who proposed it (a
 * second person above the threshold is the control). The route admits managers and admins only.
 */
export function approve(deps: ResolutionDeps, caseId: string, by: string): Promise<Acted> {
  return onOpenCase(deps, caseId, async (trx, c, at) => {
    const r = await waiting(trx, caseId);
    if (!r) return refused(409, "no resolution awaits approval on this investigation");
    if (r.proposed_by === by) return refused(409, "a resolution is approved by someone other than who proposed it");
    return approveIn(deps, trx, c, r, { actor: by, action: "investigation.approve", at, detail: described(r) });
  });
}

/** A manager refuses the resolution awaiting approval, saying why. */
export function refuse(deps: ResolutionDeps, caseId: string, why: string, by: string): Promise<Acted> {
  const note = why.trim();
  if (!note) return Promise.resolve(refused(422, "say why the resolution is refused"));
  return onOpenCase(deps, caseId, async (trx, c, at) => {
    const r = await waiting(trx, caseId);
    if (!r) return refused(409, "no resolution awaits approval on this investigation");
    await trx
      .updateTable("inv_resolutions")
      .set({ status: "refused", decided_by: by, decided_at: at, decision_note: note.slice(0, 2000) })
      .where("id", "=", r.id)
      .execute();
    await auditCase(trx, c, { actor: by, action: "investigation.refuse", at, detail: { ...described(r), why: note } });
    return { ok: true };
  });
}

/** Queues every approved resolution's writes not queued yet, through its site's worker; how many were queued. */
export async function queueApproved(deps: {
  db: Db;
  log: Log;
  nowMs: () => number;
  worker(site: string): StateSystemWorker | undefined;
}): Promise<number> {
  const rows = await deps.db.selectFrom("inv_resolutions").selectAll().where("status", "=", "approved").execute();
  let queued = 0;
  for (const r of rows) {
    const worker = deps.worker(r.site_id);
    if (!worker) {
      deps.log.warn({ resolution: r.id, site: r.site_id }, "no state system for the site: the resolution waits");
      continue;
    }
    const writes = JSON.parse(r.writes) as StateWrite[];
    const ids = r.submission_ids ? (JSON.parse(r.submission_ids) as string[]) : [];
    for (const w of writes.slice(ids.length)) {
      ids.push(await worker.enqueue(w, { requestedBy: r.decided_by ?? r.proposed_by }));
      await deps.db
        .updateTable("inv_resolutions")
        .set({ submission_ids: JSON.stringify(ids) })
        .where("id", "=", r.id)
        .execute();
    }
    await deps.db
      .updateTable("inv_resolutions")
      .set({ status: "queued", queued_at: new Date(deps.nowMs()).toISOString() })
      .where("id", "=", r.id)
      .execute();
    queued++;
  }
  return queued;
}
