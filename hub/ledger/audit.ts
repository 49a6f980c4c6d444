import { PostgresAdapter, sql, type Kysely, type Selectable } from "kysely";
import type { Database, Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import type { AuditEntriesTable } from "./tables.js";
import { auditHash, GENESIS_HASH, type AuditEntry } from "./audit-chain.js";

/** What a caller records; seq, hashes and (by default) the time are filled in. */
export interface NewAuditEntry {
  actor: string;
  action: string;
  subject: string;
  detail?: unknown;
  /** ISO-8601; defaults to now. */
  at?: string;
}

/** An audit_entries row as the entry it holds. */
export function entryFromRow(r: Selectable<AuditEntriesTable>): AuditEntry {
  return {
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    detail: JSON.parse(r.detail) as unknown,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Audit rows per INSERT: 8 columns each, far below SQLite's and PostgreSQL's bound-value limits. */
const ROWS_PER_STATEMENT = 500;

/** The last entry of the chain: what the next one is chained to. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * Reads the chain's last entry inside the caller's transaction, which from here on is the
 * trail's only writer: PostgreSQL takes a lock on the trail held until the transaction ends
 * (readers are not blocked), so two writers never race for the same seq; SQLite runs one write
 * transaction at a time anyway.
 */
export async function auditHeadIn(t: Db): Promise<AuditHead> {
  if (t.getExecutor().adapter instanceof PostgresAdapter)
    await sql`lock table ${sql.table("audit_entries")} in share row exclusive mode`.execute(t);
  const last = await t
    .selectFrom("audit_entries")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return { seq: last ? Number(last.seq) : 0, hash: last?.hash ?? GENESIS_HASH };
}

/**
 * Appends entries after `head` (from auditHeadIn in the same transaction), in order; the chain
 * is built in memory and inserted in a few statements.
 */
export async function appendAfterIn(t: Db, head: AuditHead, entries: readonly NewAuditEntry[]): Promise<AuditEntry[]> {
  let prev = head;
  const now = new Date().toISOString();
  const chained = entries.map((entry) => {
    const base = {
      seq: prev.seq + 1,
      at: entry.at ?? now,
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as unknown,
      prevHash: prev.hash,
    };
    const full: AuditEntry = { ...base, hash: auditHash(base) };
    prev = full;
    return full;
  });
  for (let i = 0; i < chained.length; i += ROWS_PER_STATEMENT) {
    await t
      .insertInto("audit_entries")
      .values(
        chained.slice(i, i + ROWS_PER_STATEMENT).map((e) => ({
          seq: e.seq,
          at: e.at,
          actor: e.actor,
          action: e.action,
          subject: e.subject,
          detail: JSON.stringify(e.detail),
          prev_hash: e.prevHash,
          hash: e.hash,
        })),
      )
      .execute();
  }
  return chained;
}

/**
 * Appends entries, in order, inside the caller's transaction, so records and their audit entries
 * are stored together or not at all.
 */
export async function appendAuditBatchIn(t: Db, entries: readonly NewAuditEntry[]): Promise<AuditEntry[]> {
  if (entries.length === 0) return [];
  return appendAfterIn(t, await auditHeadIn(t), entries);
}

/** Appends one entry inside the caller's transaction; see appendAuditBatchIn. */
export async function appendAuditIn(t: Db, entry: NewAuditEntry): Promise<AuditEntry> {
  const [full] = await appendAuditBatchIn(t, [entry]);
  return full!;
}

/**
 * Appends one entry to the hash-chained audit trail in its own transaction; the loser of a race
 * for the same seq retries on top of the winner.
 */
export async function appendAudit(db: Db, entry: NewAuditEntry): Promise<AuditEntry> {
  return inTransaction(db, (trx) => appendAuditIn(trx, entry));
}

/** Entries in seq order, optionally limited to `from` ≤ at < `to` (ISO-8601 dates or instants). */
export async function listAudit(
  db: Kysely<Database>,
  range: { from?: string; to?: string } = {},
): Promise<AuditEntry[]> {
  let q = db.selectFrom("audit_entries").selectAll().orderBy("seq");
  if (range.from) q = q.where("at", ">=", range.from);
  if (range.to) q = q.where("at", "<", range.to);
  return (await q.execute()).map(entryFromRow);
}

/** How many entries the trail holds and the newest `limit` of them, newest first. */
export async function listRecentAudit(
  db: Kysely<Database>,
  limit: number,
): Promise<{ total: number; recent: AuditEntry[] }> {
  const rows = await db.selectFrom("audit_entries").selectAll().orderBy("seq", "desc").limit(limit).execute();
  // seq is assigned without gaps from 1, so the newest seq is the count (no table scan).
  return { total: rows[0] ? Number(rows[0].seq) : 0, recent: rows.map(entryFromRow) };
}
