/**
 * Sends queued writes to the state system without losing or doubling any.
 *
 * - A row is marked `sent` (attempts + 1) before the request leaves, so a hub that stops
 *   mid-request finds it `sent` on restart.
 * - A `sent` row whose answer never came is checked against the state system's own records
 *   before it is sent again ("applied" → confirmed, "absent" → resend, "unknown" → a person).
 * - Writes for the same package go out in the order they were queued: a package with an
 *   earlier write still open waits.
 * - When the state system is unreachable the pass stops, and rows back off (max 15 min).
 */
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { appendAudit } from "#hub/ledger/audit.js";
import type { Clock } from "#hub/clock.js";
import { HubError, isOutcomeUnknown, isRecoverable } from "#hub/errors.js";
import { StateSystemError } from "./errors.js";
import type { StateSystem, StateWrite } from "./port.js";
import { remedyFor, UNKNOWN_OUTCOME_REMEDY, type Remedy } from "./remedy.js";
import {
  confirmedTwins,
  enqueueWrite,
  getSubmission,
  openSubmissions,
  transition,
  type Submission,
} from "./store/queue.js";
import type { Database, Db } from "#hub/store/database.js";

export interface SubmitterDeps {
  db: Db;
  /** The site whose queue this is: only its writes go to `stateSystem` (its licence and credentials). */
  site: string;
  stateSystem: StateSystem;
  clock: Clock;
  log: Logger;
  random?: () => number;
  /** Several hub processes on one ledger: each pass sends only the rows it claimed (hub/chain/queue-claims.ts). */
  claims?: QueueClaims | undefined;
}

/** Claim-once across hub processes: a claimed row is sent by its claimer only. */
export interface QueueClaims {
  /** Claims up to `limit` open rows of `site` that no other process holds; the ids now held. */
  claim(site: string, limit: number): Promise<Set<string>>;
  /** Gives the claims back (after the pass). */
  release(ids: Iterable<string>): Promise<void>;
}

/** Rows one process claims per pass. */
const CLAIM_BATCH = 100;

export interface QueuePass {
  confirmed: number;
  failed: number;
  /** Rows left open (not yet due, backing off, or waiting behind an earlier write). */
  waiting: number;
  /** The pass stopped early because the state system could not be reached. */
  unreachable: boolean;
}

const MAX_BACKOFF_MS = 15 * 60_000;

function backoffMs(attempts: number, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const cap = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * One pass over the site's open rows, oldest first. With `claims`, a row another process holds
 * is passed over like one not yet due, and so are later writes to its package: order holds
 * across processes.
 */
export async function runQueueOnce(deps: SubmitterDeps): Promise<QueuePass> {
  const mine = deps.claims ? await deps.claims.claim(deps.site, CLAIM_BATCH) : undefined;
  try {
    return await passOver(deps, mine);
  } finally {
    if (mine) await deps.claims?.release(mine);
  }
}

async function passOver(deps: SubmitterDeps, mine: Set<string> | undefined): Promise<QueuePass> {
  const pass: QueuePass = { confirmed: 0, failed: 0, waiting: 0, unreachable: false };
  const blocked = new Set<string>();
  for (const row of await openSubmissions(deps.db, deps.site)) {
    const keys = orderKeys(row.write);
    const theirs = mine !== undefined && !mine.has(row.id);
    if (
      theirs ||
      pass.unreachable ||
      keys.some((k) => blocked.has(k)) ||
      Date.parse(row.nextAttemptAt) > deps.clock.now()
    ) {
      for (const k of keys) blocked.add(k);
      pass.waiting++;
      continue;
    }
    const outcome = await processOne(deps, row);
    if (outcome === "confirmed") pass.confirmed++;
    else if (outcome === "failed") pass.failed++;
    else {
      pass.waiting++;
      for (const k of keys) blocked.add(k);
      if (outcome === "unreachable") pass.unreachable = true;
    }
  }
  return pass;
}

/** What a write must wait behind: earlier open writes to the same package or the same receipt. */
function orderKeys(w: StateWrite): string[] {
  if (w.kind === "receipt") return [`receipt:${w.externalNumber}`, ...w.lines.map((l) => l.label)];
  if (w.kind === "receipt-void") return [`receipt:${w.externalNumber}`];
  return [w.label];
}

type Outcome = "confirmed" | "failed" | "waiting" | "unreachable";

async function processOne(deps: SubmitterDeps, row: Submission): Promise<Outcome> {
  const { db, clock } = deps;
  let claimed = row.state === "sent";
  try {
    if (row.state === "sent") {
      const { verdict, stateIds } = await deps.stateSystem.check(row.write, {
        confirmedTwins: await confirmedTwins(db, row.site, row.fingerprint, row.id),
        submissionId: row.id,
      });
      deps.log.info({ submission: row.id, verdict }, "checked a write whose answer was lost");
      if (verdict === "applied") return confirm(deps, row, stateIds, "sent");
      if (verdict === "unknown")
        return fail(
          deps,
          row,
          "UPSTREAM_BAD_RESPONSE",
          "The answer was lost and the state system cannot tell whether the write was applied.",
          UNKNOWN_OUTCOME_REMEDY,
          "sent",
        );
    }
    const now = new Date(clock.now()).toISOString();
    const attempts = row.attempts + 1;
    claimed = await transition(db, row.id, [row.state], {
      state: "sent",
      attempts,
      sent_at: now,
      updated_at: now,
      next_attempt_at: new Date(clock.now() + backoffMs(attempts, deps.random ?? Math.random)).toISOString(),
    });
    if (!claimed) return "waiting";
    const out = await deps.stateSystem.submit(await withKnownIds(db, row.site, row.write), { submissionId: row.id });
    return confirm(deps, { ...row, attempts }, out.stateIds, "sent");
  } catch (e) {
    return handleError(deps, row, e, claimed);
  }
}

/** `claimed`: the row was marked sent, so the request may have left and its fate is unknown. */
async function handleError(deps: SubmitterDeps, row: Submission, e: unknown, claimed: boolean): Promise<Outcome> {
  const now = deps.clock.now();
  const err = e instanceof HubError ? e : new StateSystemError(String(e), "UPSTREAM_UNAVAILABLE", { cause: e });
  // An unreadable answer to a write that left may still mean it was applied: check it, like a lost one.
  const unreadable = claimed && err.code === "UPSTREAM_BAD_RESPONSE";
  if (!isRecoverable(err) && !unreadable) return fail(deps, row, err.code, err.message, remedyFor(err), "sent");
  // A claimed row stays `sent` until checked against the state system. Only a 429, which
  // METRC answers before doing anything, lets it go back to pending and simply be sent again.
  const state =
    claimed && (isOutcomeUnknown(err) || err.code !== "UPSTREAM_RATE_LIMITED" || row.state === "sent")
      ? "sent"
      : "pending";
  const wait = backoffMs(row.attempts + 1, deps.random ?? Math.random, err.context.retryAfterMs);
  await transition(deps.db, row.id, ["sent", "pending"], {
    state,
    error_code: err.code,
    error_message: err.message,
    updated_at: new Date(now).toISOString(),
    next_attempt_at: new Date(now + wait).toISOString(),
  });
  deps.log.warn({ submission: row.id, code: err.code, waitMs: wait }, "state system write will be retried");
  return err.code === "UPSTREAM_RATE_LIMITED" ? "waiting" : "unreachable";
}

async function confirm(deps: SubmitterDeps, row: Submission, stateIds: string[], from: "sent"): Promise<Outcome> {
  const now = new Date(deps.clock.now()).toISOString();
  const moved = await transition(deps.db, row.id, [from], {
    state: "confirmed",
    confirmed_at: now,
    updated_at: now,
    state_ids: JSON.stringify(stateIds),
    error_code: null,
    error_message: null,
  });
  if (moved)
    await audit(deps.db, "statesystem", "statesystem.write.confirmed", row, now, { stateIds, attempts: row.attempts });
  return "confirmed";
}

/** The hub's hash-chained audit trail gets each final outcome and each person's decision. */
async function audit(
  db: Db,
  actor: string,
  action: string,
  row: Submission,
  at: string,
  detail: Record<string, unknown>,
): Promise<void> {
  const subject =
    row.write.kind === "receipt" || row.write.kind === "receipt-void"
      ? `receipt ${row.write.externalNumber}`
      : `package ${row.label}`;
  await appendAudit(db, {
    actor,
    action,
    subject,
    at,
    detail: { submission: row.id, site: row.site, write: row.write, ...detail },
  });
}

async function fail(
  deps: SubmitterDeps,
  row: Submission,
  code: string,
  message: string,
  remedy: Remedy,
  from: "sent",
): Promise<Outcome> {
  const now = new Date(deps.clock.now()).toISOString();
  const moved = await transition(deps.db, row.id, [from, "pending"], {
    state: "failed",
    updated_at: now,
    error_code: code,
    error_message: message,
    remedy: remedy.action,
    remedy_owner: remedy.owner,
  });
  if (moved)
    await audit(deps.db, "statesystem", "statesystem.write.failed", row, now, {
      code,
      message,
      remedy: remedy.action,
      owner: remedy.owner,
    });
  deps.log.error({ submission: row.id, code, label: row.label }, `state system refused a write: ${message}`);
  return "failed";
}

/** A void names the sale by the id the site's state system gave it, where the hub has it. */
async function withKnownIds(db: Db, site: string, w: StateWrite): Promise<StateWrite> {
  if (w.kind !== "receipt-void" || w.stateId) return w;
  const sale = await db
    .selectFrom("ss_submissions")
    .select("state_ids")
    .where("site_id", "=", site)
    .where("kind", "=", "receipt")
    .where("state", "=", "confirmed")
    .where("payload", "like", `%"externalNumber":${JSON.stringify(w.externalNumber)}%`)
    .executeTakeFirst();
  const id = sale?.state_ids ? (JSON.parse(sale.state_ids) as string[])[0] : undefined;
  return id ? { ...w, stateId: id } : w;
}

/** A person retries a failed write: it goes back to pending and is sent on the next pass. */
export async function retrySubmission(db: Db, id: string, by: string, at: Date): Promise<boolean> {
  const now = at.toISOString();
  const row = await getSubmission(db, id);
  const moved = await transition(db, id, ["failed"], {
    state: "pending",
    next_attempt_at: now,
    updated_at: now,
    remedy: null,
    remedy_owner: null,
  });
  if (moved && row) await audit(db, by, "statesystem.write.retried", row, now, { error: row.errorMessage });
  return moved;
}

/**
 * A person corrects a refused adjustment (reason, note): the refused one is resolved and the
 * corrected one queued, in one transaction. Returns a problem to show, "gone" when the write is
 * no longer a failed adjustment, or null.
 */
export async function amendSubmission(
  db: Kysely<Database>,
  id: string,
  change: { reason: string; note: string },
  by: string,
  at: Date,
): Promise<string | null | "gone"> {
  const row = await getSubmission(db, id);
  if (!row || row.state !== "failed" || row.write.kind !== "adjustment") return "gone";
  const reason = await db
    .selectFrom("ss_adjustment_reasons")
    .selectAll()
    .where("site_id", "=", row.site)
    .where("name", "=", change.reason)
    .executeTakeFirst();
  if (reason && Number(reason.requires_note) === 1 && change.note === "")
    return `${change.reason} needs a note for the state.`;
  const corrected: StateWrite = { ...row.write, reason: change.reason, ...(change.note ? { note: change.note } : {}) };
  const newId = await db.transaction().execute(async (trx) => {
    const moved = await transition(trx, id, ["failed"], {
      state: "resolved",
      resolved_by: by,
      updated_at: at.toISOString(),
    });
    return moved ? enqueueWrite(trx, row.site, corrected, { at, requestedBy: by }) : null;
  });
  if (newId === null) return "gone";
  // The audit trail appends in its own transaction, after the change it records.
  await audit(db, by, "statesystem.write.amended", row, at.toISOString(), {
    replacedBy: newId,
    reason: change.reason,
    note: change.note,
  });
  return null;
}

/** A person marks a failed write as dealt with (corrected in METRC, or queued again). */
export async function resolveSubmission(db: Db, id: string, by: string, at: Date): Promise<boolean> {
  const now = at.toISOString();
  const row = await getSubmission(db, id);
  const moved = await transition(db, id, ["failed"], { state: "resolved", resolved_by: by, updated_at: now });
  if (moved && row) await audit(db, by, "statesystem.write.resolved", row, now, { error: row.errorMessage });
  return moved;
}
