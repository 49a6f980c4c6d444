import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { once } from "node:events";
import type { Kysely, Selectable } from "kysely";
import type { Database, Db } from "../store/database.js";
import { inTransaction } from "../store/transaction.js";
import type { AuditEntriesTable } from "./tables.js";
import { auditHash, GENESIS_HASH, verifyAuditText, type AuditEntry, type AuditVerdict } from "./audit-chain.js";

/** What a caller records; seq, hashes and (by default) the time are filled in. */
export interface NewAuditEntry {
  actor: string;
  action: string;
  subject: string;
  detail?: unknown;
  /** ISO-8601; defaults to now. */
  at?: string;
}

function fromRow(r: Selectable<AuditEntriesTable>): AuditEntry {
  return { seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, subject: r.subject, detail: JSON.parse(r.detail) as unknown, prevHash: r.prev_hash, hash: r.hash };
}

/**
 * Appends one entry inside the caller's transaction, so a record and its audit entry are stored
 * together or not at all. Two writers racing for the same seq meet the primary key; the caller's
 * transaction then fails and is retried whole.
 */
export async function appendAuditIn(t: Db, entry: NewAuditEntry): Promise<AuditEntry> {
  const last = await t.selectFrom("audit_entries").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  const base = {
    seq: last ? Number(last.seq) + 1 : 1,
    at: entry.at ?? new Date().toISOString(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as unknown,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const full: AuditEntry = { ...base, hash: auditHash(base) };
  await t.insertInto("audit_entries").values({
    seq: full.seq, at: full.at, actor: full.actor, action: full.action, subject: full.subject,
    detail: JSON.stringify(full.detail), prev_hash: full.prevHash, hash: full.hash,
  }).execute();
  return full;
}

/**
 * Appends one entry to the hash-chained audit trail in its own transaction; the loser of a race
 * for the same seq retries on top of the winner.
 */
export async function appendAudit(db: Db, entry: NewAuditEntry): Promise<AuditEntry> {
  return inTransaction(db, (trx) => appendAuditIn(trx, entry));
}

/** Entries in seq order, optionally limited to `from` ≤ at < `to` (ISO-8601 dates or instants). */
export async function listAudit(db: Kysely<Database>, range: { from?: string; to?: string } = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom("audit_entries").selectAll().orderBy("seq");
  if (range.from) q = q.where("at", ">=", range.from);
  if (range.to) q = q.where("at", "<", range.to);
  return (await q.execute()).map(fromRow);
}

/** Writes the trail (or a date range of it) to `file` as JSON Lines; returns how many entries. */
export async function exportAudit(db: Kysely<Database>, file: string, range: { from?: string; to?: string } = {}): Promise<number> {
  const entries = await listAudit(db, range);
  const out = createWriteStream(file, { encoding: "utf8" });
  for (const e of entries) {
    if (!out.write(`${JSON.stringify(e)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return entries.length;
}

/** Checks an exported file; see verifyAuditText. */
export async function verifyAudit(file: string): Promise<AuditVerdict> {
  return verifyAuditText(await readFile(file, "utf8"));
}
