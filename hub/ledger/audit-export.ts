import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import type { Kysely } from "kysely";
import type { Database } from "../store/database.js";
import { entryFromRow } from "./audit.js";
import { verifyAuditText, type AuditEntry, type AuditVerdict } from "./audit-chain.js";
import { coverOf, eventRecord, recordLines, requestRecord, type RecordContent } from "./audit-records.js";

/**
 * The export an auditor verifies (`vaultline-hub audit verify FILE`): JSON Lines, each audit
 * entry in seq order followed by the records it covers (an ingest batch's station events, a
 * state-system request and its answer), read back from the ledger and chained as the digest in
 * the entry was (audit-records.ts). The CLI writes it to a file; the dashboard streams the same lines.
 */
export interface AuditRange {
  /** ISO-8601 instant (or date): entries at or after it. */
  from?: string;
  /** ISO-8601 instant (or date): entries before it. */
  to?: string;
}

/** Entries read per query. */
const ENTRIES_PER_PAGE = 500;
/** Covered records read per query, at most (a single larger entry is read alone). */
const RECORDS_PER_READ = 5_000;

/** The request log id a `statesystem.request` entry covers. */
const requestIdOf = (e: AuditEntry) => (e.detail as { request?: unknown }).request;

/** The records each entry of `segment` covers, by seq. */
async function coveredRecords(db: Kysely<Database>, segment: readonly AuditEntry[]) {
  const out = new Map<number, RecordContent[]>();
  const eventSeqs = segment.filter((e) => coverOf(e.detail)?.kind === "event").map((e) => e.seq);
  if (eventSeqs.length > 0) {
    const rows = await db.selectFrom("events").selectAll().where("audit_seq", "in", eventSeqs).execute();
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const r of rows) {
      const seq = Number(r.audit_seq);
      out.set(seq, [...(out.get(seq) ?? []), eventRecord(r)]);
    }
  }
  const requests = new Map<string, number>();
  for (const e of segment) {
    const id = requestIdOf(e);
    if (coverOf(e.detail)?.kind === "ss-request" && typeof id === "string") requests.set(id, e.seq);
  }
  if (requests.size > 0) {
    const ids = [...requests.keys()];
    const rows = await db.selectFrom("ss_request_log").selectAll().where("id", "in", ids).execute();
    const labels = await db.selectFrom("ss_request_log_labels").selectAll().where("request_id", "in", ids).execute();
    for (const r of rows) {
      const mine = labels.filter((l) => l.request_id === r.id).map((l) => l.label);
      out.set(requests.get(r.id)!, [requestRecord(r, mine)]);
    }
  }
  return out;
}

/** Consecutive runs of `page` covering at most RECORDS_PER_READ records each. */
function segments(page: readonly AuditEntry[]): AuditEntry[][] {
  const out: AuditEntry[][] = [];
  let run: AuditEntry[] = [];
  let size = 0;
  for (const e of page) {
    const n = coverOf(e.detail)?.count ?? 0;
    if (run.length > 0 && size + n > RECORDS_PER_READ) {
      out.push(run);
      run = [];
      size = 0;
    }
    run.push(e);
    size += n;
  }
  if (run.length > 0) out.push(run);
  return out;
}

/** One page of entries after `afterSeq`, up to `lastSeq`, within the range. */
async function page(db: Kysely<Database>, range: AuditRange, afterSeq: number, lastSeq: number) {
  let q = db
    .selectFrom("audit_entries")
    .selectAll()
    .where("seq", ">", afterSeq)
    .where("seq", "<=", lastSeq)
    .orderBy("seq")
    .limit(ENTRIES_PER_PAGE);
  if (range.from) q = q.where("at", ">=", range.from);
  if (range.to) q = q.where("at", "<", range.to);
  return (await q.execute()).map(entryFromRow);
}

/**
 * The export's lines (each without its newline), entries in seq order with their records.
 * The trail is read up to the entry that was last when the export began: entries appended
 * meanwhile wait for the next export, and records commit with their entry, so none is half there.
 */
export async function* auditExportLines(db: Kysely<Database>, range: AuditRange = {}): AsyncGenerator<string> {
  const last = await db
    .selectFrom("audit_entries")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .executeTakeFirst();
  const lastSeq = Number(last?.seq ?? 0);
  let after = 0;
  for (;;) {
    const entries = await page(db, range, after, lastSeq);
    if (entries.length === 0) return;
    for (const segment of segments(entries)) {
      const records = await coveredRecords(db, segment);
      for (const e of segment) {
        yield JSON.stringify(e);
        const kind = coverOf(e.detail)?.kind;
        if (!kind) continue;
        for (const line of recordLines(kind, e.seq, records.get(e.seq) ?? [])) yield JSON.stringify(line);
      }
    }
    after = entries.at(-1)!.seq;
  }
}

/** What an export wrote. */
export interface ExportCounts {
  entries: number;
  records: number;
}

/** Writes the trail (or a range of it) to `file` as JSON Lines; returns how many entries and records. */
export async function exportAudit(db: Kysely<Database>, file: string, range: AuditRange = {}): Promise<ExportCounts> {
  const out = createWriteStream(file, { encoding: "utf8" });
  const counts: ExportCounts = { entries: 0, records: 0 };
  try {
    for await (const line of auditExportLines(db, range)) {
      if (line.startsWith('{"record"')) counts.records++;
      else counts.entries++;
      if (!out.write(`${line}\n`)) await once(out, "drain");
    }
  } finally {
    out.end();
    await once(out, "finish");
  }
  return counts;
}

/** Checks an exported file; see verifyAuditText. */
export async function verifyAudit(file: string): Promise<AuditVerdict> {
  return verifyAuditText(await readFile(file, "utf8"));
}
