/**
 * What a person does on a case: assign it, add a note or an evidence reference (a camera and the
 * moment to look at), document the root cause, close it. Each is one transaction with its audit
 * entry; a refusal (closed case, no root cause yet, unknown employee) writes nothing and says why.
 */
import { newId } from "#contract/ids.js";
import { localDate } from "#contract/facility-time.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import { auditCase, caseRow } from "./cases.js";
import { ROOT_CAUSES, type InvCasesTable, type RootCause } from "./tables.js";

/** What an action came to: done, or refused with the HTTP status and the reason in words. */
export type Acted = { ok: true } | { ok: false; status: 400 | 404 | 409 | 422; reason: string };

export interface ActionDeps {
  db: Db;
  sites: SiteDirectory;
  nowMs: () => number;
}

const refused = (status: 400 | 404 | 409 | 422, reason: string): Acted => ({ ok: false, status, reason });

/** Runs `work` on the open case `id` in one transaction; refuses when there is none or it is closed. */
export async function onOpenCase(
  deps: ActionDeps,
  id: string,
  work: (trx: Db, c: InvCasesTable, at: string) => Promise<Acted>,
  opts: { closedToo?: boolean } = {},
): Promise<Acted> {
  return inTransaction(deps.db, async (trx) => {
    const c = await caseRow(trx, id);
    if (!c) return refused(404, `no investigation ${id.slice(0, 60)}`);
    if (c.status !== "open" && !opts.closedToo) return refused(409, "this investigation is closed");
    const at = new Date(deps.nowMs()).toISOString();
    const done = await work(trx, c, at);
    if (done.ok) await trx.updateTable("inv_cases").set({ updated_at: at }).where("id", "=", id).execute();
    return done;
  });
}

/** Gives the case to an employee (by id), or takes it back from whoever had it (null). */
export function assign(deps: ActionDeps, id: string, assignee: string | null, by: string): Promise<Acted> {
  return onOpenCase(deps, id, async (trx, c, at) => {
    if (assignee !== null) {
      const who = await trx.selectFrom("employees").select("id").where("id", "=", assignee).executeTakeFirst();
      if (!who) return refused(422, `no employee ${assignee.slice(0, 40)}`);
    }
    await trx.updateTable("inv_cases").set({ assignee }).where("id", "=", id).execute();
    await auditCase(trx, c, {
      actor: by,
      action: "investigation.assign",
      at,
      detail: { from: c.assignee, to: assignee },
    });
    return { ok: true };
  });
}

/** A note on the case (up to 2,000 characters). */
export function addNote(deps: ActionDeps, id: string, text: string, by: string): Promise<Acted> {
  const t = text.trim();
  if (!t) return Promise.resolve(refused(422, "write the note first"));
  if (t.length > 2000) return Promise.resolve(refused(422, "a note holds up to 2,000 characters"));
  return onOpenCase(deps, id, async (trx, c, at) => {
    await trx
      .insertInto("inv_notes")
      .values({ id: newId(), case_id: id, kind: "note", text: t, camera: null, evidence_at: null, by, at })
      .execute();
    await auditCase(trx, c, { actor: by, action: "investigation.note", at, detail: { text: t } });
    return { ok: true };
  });
}

/** An evidence reference: which camera, at which instant (ISO with offset), and what it shows. */
export function addEvidence(
  deps: ActionDeps,
  id: string,
  ev: { camera: string; at: string; text: string },
  by: string,
): Promise<Acted> {
  const camera = ev.camera.trim();
  const when = Date.parse(ev.at);
  if (!camera || camera.length > 80) return Promise.resolve(refused(422, "name the camera (up to 80 characters)"));
  if (Number.isNaN(when)) return Promise.resolve(refused(422, "give the time on the camera's recording"));
  if (ev.text.length > 2000) return Promise.resolve(refused(422, "a description holds up to 2,000 characters"));
  const evidenceAt = new Date(when).toISOString();
  return onOpenCase(deps, id, async (trx, c, at) => {
    await trx
      .insertInto("inv_notes")
      .values({
        id: newId(),
        case_id: id,
        kind: "evidence",
        text: ev.text.trim(),
        camera,
        evidence_at: evidenceAt,
        by,
        at,
      })
      .execute();
    await auditCase(trx, c, {
      actor: by,
      action: "investigation.evidence",
      at,
      detail: { camera, evidenceAt, text: ev.text.trim() },
    });
    return { ok: true };
  });
}

/** True for one of the documented root causes. */
export function isRootCause(v: string): v is RootCause {
  return (ROOT_CAUSES as readonly string[]).includes(v);
}

/** Documents (or changes) why the difference happened. */
export function setRootCause(deps: ActionDeps, id: string, cause: string, by: string): Promise<Acted> {
  if (!isRootCause(cause)) return Promise.resolve(refused(422, `choose a root cause: ${ROOT_CAUSES.join(", ")}`));
  return onOpenCase(deps, id, async (trx, c, at) => {
    await trx.updateTable("inv_cases").set({ root_cause: cause }).where("id", "=", id).execute();
    await auditCase(trx, c, {
      actor: by,
      action: "investigation.root-cause",
      at,
      detail: { from: c.root_cause, to: cause },
    });
    return { ok: true };
  });
}

/** Closes the case: refused without a root cause, or while a resolution awaits a manager. */
export function closeCase(deps: ActionDeps, id: string, by: string): Promise<Acted> {
  return onOpenCase(deps, id, async (trx, c, at) => {
    if (!c.root_cause) return refused(422, "document the root cause before closing the investigation");
    const waiting = await trx
      .selectFrom("inv_resolutions")
      .select("id")
      .where("case_id", "=", id)
      .where("status", "=", "proposed")
      .executeTakeFirst();
    if (waiting) return refused(409, "a resolution awaits a manager's approval: approve or refuse it first");
    const day = localDate(at, deps.sites.get(c.site_id)?.timeZone ?? deps.sites.default.timeZone);
    await trx
      .updateTable("inv_cases")
      .set({ status: "closed", closed_at: at, closed_by: by, closed_day: day })
      .where("id", "=", id)
      .execute();
    await auditCase(trx, c, { actor: by, action: "investigation.close", at, detail: { rootCause: c.root_cause } });
    return { ok: true };
  });
}
