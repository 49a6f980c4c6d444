/**
 * Appends to the hash-chained audit trail inside the caller's transaction, so a receiving decision
 * and its audit entry are stored together or not at all (ledger/audit.ts opens its own transaction,
 * which cannot nest in another one).
 */
import type { Transaction } from "kysely";
import { auditHash, GENESIS_HASH, type AuditEntry } from "#hub/ledger/audit-chain.js";
import type { NewAuditEntry } from "#hub/ledger/audit.js";
import type { RxDatabase } from "./tables.js";

/**
 * Reads the last entry and writes the next one in `trx`. Two writers racing for the same seq meet
 * the primary key; the caller's transaction then fails and is retried whole.
 */
export async function appendAuditIn(trx: Transaction<RxDatabase>, entry: NewAuditEntry & { at: string }): Promise<AuditEntry> {
  const last = await trx.selectFrom("audit_entries").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  const base = {
    seq: last ? Number(last.seq) + 1 : 1,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as unknown,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const full: AuditEntry = { ...base, hash: auditHash(base) };
  await trx.insertInto("audit_entries").values({
    seq: full.seq, at: full.at, actor: full.actor, action: full.action, subject: full.subject,
    detail: JSON.stringify(full.detail), prev_hash: full.prevHash, hash: full.hash,
  }).execute();
  return full;
}

/** Runs `work` in a transaction, retrying it whole (up to `attempts`) when it fails. */
export async function withRetry<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}
