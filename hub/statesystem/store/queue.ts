/**
 * The submission queue's rows. Every write is recorded here before it is sent, and moves
 *
 *   pending ──claim──▶ sent ──answer──▶ confirmed
 *      ▲                │  └─refused──▶ failed ──person──▶ resolved | pending (retry)
 *      └──429/backoff───┘  (no answer: stays sent; checked against the state system before any resend)
 */
import { v7 as uuidv7 } from "uuid";
import type { StateWrite } from "../port.js";
import type { SubmissionState, SubmissionsTable } from "#hub/statesystem/tables.js";
import type { Db } from "#hub/store/database.js";

export interface Submission {
  id: string;
  /** The site whose state system takes the write. */
  site: string;
  write: StateWrite;
  state: SubmissionState;
  attempts: number;
  label: string | null;
  fingerprint: string;
  requestedBy: string | null;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
  confirmedAt: string | null;
  stateIds: string[];
  errorCode: string | null;
  errorMessage: string | null;
  remedy: string | null;
  remedyOwner: string | null;
}

export function fromRow(r: SubmissionsTable): Submission {
  return {
    id: r.id,
    site: r.site_id,
    write: JSON.parse(r.payload) as StateWrite,
    state: r.state,
    attempts: Number(r.attempts),
    label: r.label,
    fingerprint: r.fingerprint,
    requestedBy: r.requested_by,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    sentAt: r.sent_at,
    confirmedAt: r.confirmed_at,
    stateIds: r.state_ids ? (JSON.parse(r.state_ids) as string[]) : [],
    errorCode: r.error_code,
    errorMessage: r.error_message,
    remedy: r.remedy,
    remedyOwner: r.remedy_owner,
  };
}

/** Identical writes share a fingerprint (identical adjustments can legitimately repeat). */
export function fingerprintOf(w: StateWrite): string {
  const { kind, ...rest } = w;
  return `${kind}:${JSON.stringify(rest, Object.keys(rest).sort())}`;
}

export function labelOf(w: StateWrite): string | null {
  if (w.kind === "receipt") return w.lines[0]?.label ?? null;
  if (w.kind === "receipt-void") return null;
  return w.label;
}

/** Records a write for `site`'s state system as pending; returns its id. Nothing is sent yet. */
export async function enqueueWrite(
  db: Db,
  site: string,
  write: StateWrite,
  opts: { at: Date; requestedBy?: string },
): Promise<string> {
  const id = uuidv7();
  const at = opts.at.toISOString();
  await db
    .insertInto("ss_submissions")
    .values({
      id,
      site_id: site,
      kind: write.kind,
      label: labelOf(write),
      payload: JSON.stringify(write),
      fingerprint: fingerprintOf(write),
      state: "pending",
      attempts: 0,
      requested_by: opts.requestedBy ?? null,
      created_at: at,
      updated_at: at,
      next_attempt_at: at,
      sent_at: null,
      confirmed_at: null,
      state_ids: null,
      error_code: null,
      error_message: null,
      remedy: null,
      remedy_owner: null,
      resolved_by: null,
    })
    .execute();
  return id;
}

/** Pending and sent-without-answer rows of `site`, oldest first. */
export async function openSubmissions(db: Db, site: string, limit = 500): Promise<Submission[]> {
  const rows = await db
    .selectFrom("ss_submissions")
    .selectAll()
    .where("site_id", "=", site)
    .where("state", "in", ["pending", "sent"])
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}

export async function getSubmission(db: Db, id: string): Promise<Submission | undefined> {
  const r = await db.selectFrom("ss_submissions").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

export async function submissionsByState(
  db: Db,
  site: string,
  state: SubmissionState,
  limit = 200,
): Promise<Submission[]> {
  const rows = await db
    .selectFrom("ss_submissions")
    .selectAll()
    .where("site_id", "=", site)
    .where("state", "=", state)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}

export async function submissionsForPackage(db: Db, site: string, label: string): Promise<Submission[]> {
  const rows = await db
    .selectFrom("ss_submissions")
    .selectAll()
    .where("site_id", "=", site)
    .where("label", "=", label)
    .orderBy("id")
    .execute();
  return rows.map(fromRow);
}

/** Writes of `site` still not accepted by the state system that were queued before `before` (ISO). */
export async function overdueSubmissions(db: Db, site: string, before: string, limit = 50): Promise<Submission[]> {
  const rows = await db
    .selectFrom("ss_submissions")
    .selectAll()
    .where("site_id", "=", site)
    .where("state", "in", ["pending", "sent"])
    .where("created_at", "<", before)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}

/** Counts per state of `site`'s writes, for the dashboard. */
export async function countByState(db: Db, site: string): Promise<Record<SubmissionState, number>> {
  const rows = await db
    .selectFrom("ss_submissions")
    .select(["state", (eb) => eb.fn.countAll().as("n")])
    .where("site_id", "=", site)
    .groupBy("state")
    .execute();
  const out: Record<SubmissionState, number> = { pending: 0, sent: 0, confirmed: 0, failed: 0, resolved: 0 };
  for (const r of rows) out[r.state] = Number(r.n);
  return out;
}

/** How many identical writes to `site`'s state system are already confirmed, besides `exceptId`. */
export async function confirmedTwins(db: Db, site: string, fingerprint: string, exceptId: string): Promise<number> {
  const r = await db
    .selectFrom("ss_submissions")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("site_id", "=", site)
    .where("fingerprint", "=", fingerprint)
    .where("state", "=", "confirmed")
    .where("id", "!=", exceptId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

type Patch = Partial<Omit<SubmissionsTable, "id" | "site_id" | "payload" | "fingerprint" | "kind" | "created_at">>;

/** Updates a row only if it is still in `from` (a guard against two workers). True when it was. */
export async function transition(
  db: Db,
  id: string,
  from: SubmissionState[],
  patch: Patch & { updated_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable("ss_submissions")
    .set(patch)
    .where("id", "=", id)
    .where("state", "in", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
