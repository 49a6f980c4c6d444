/**
 * The audit trail's hash chain, pure (no I/O): each entry's hash is SHA-256 over a canonical
 * form of the entry and the previous entry's hash, so changing, removing or reordering any
 * entry breaks every hash after it. Anyone with an exported file can check it. An entry may
 * cover records (an ingest batch's station events, a state-system request): the export lists
 * them after it and they are checked against the digest the entry carries (audit-records.ts).
 */
import { createHash, type Hash } from "node:crypto";
import {
  coverOf,
  recordHash,
  recordMaterial,
  shapeProblem,
  type AuditRecord,
  type RecordsCover,
} from "./audit-records.js";
import { canonicalJson, GENESIS_HASH } from "./canonical-json.js";

export { canonicalJson, GENESIS_HASH } from "./canonical-json.js";

/** One audit entry as exported (JSON Lines, one entry per line). */
export interface AuditEntry {
  seq: number;
  /** ISO-8601 instant. */
  at: string;
  /** Who did it: an employee id, a station id, or "system". */
  actor: string;
  action: string;
  /** What it was done to: a package label, a station, a setting… */
  subject: string;
  detail: unknown;
  prevHash: string;
  hash: string;
}

/** The hash of an entry: SHA-256 (hex) over the canonical form of every field but `hash`. */
export function auditHash(e: Omit<AuditEntry, "hash">): string {
  const canonical = canonicalJson({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    detail: e.detail,
    prevHash: e.prevHash,
  });
  return createHash("sha256").update(canonical).digest("hex");
}

/** The first bad line of an export: its entry's seq, and the covered record when the record is at fault. */
export interface AuditFault {
  ok: false;
  /** Entries checked before the fault. */
  entries: number;
  /** 1-based line of the file. */
  line: number;
  /** The entry at fault, or the one covering the record at fault; null when the line is unreadable. */
  seq: number | null;
  /** The covered record at fault (a station event, a state-system request). */
  record?: { kind: string; id: string };
  reason: string;
}

/** The result of checking an exported trail: intact (entries, and the records they cover), or the first fault. */
export type AuditVerdict = { ok: true; entries: number; records: number } | AuditFault;

type Line = { entry: AuditEntry } | { record: AuditRecord } | { bad: string };

function parseLine(text: string): Line {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { bad: "not JSON" };
  }
  if (typeof v !== "object" || v === null) return { bad: "not an audit entry" };
  if ("record" in v) {
    const r = v as Partial<AuditRecord>;
    if (typeof r.record !== "string" || typeof r.entry !== "number" || typeof r.id !== "string")
      return { bad: "record without record, entry or id" };
    if (typeof r.prevHash !== "string" || typeof r.hash !== "string") return { bad: "record without prevHash or hash" };
    return { record: r as AuditRecord };
  }
  const e = v as Partial<AuditEntry>;
  if (
    typeof e.seq !== "number" ||
    typeof e.at !== "string" ||
    typeof e.actor !== "string" ||
    typeof e.action !== "string"
  )
    return { bad: "missing seq, at, actor or action" };
  if (typeof e.subject !== "string" || typeof e.prevHash !== "string" || typeof e.hash !== "string")
    return { bad: "missing subject, prevHash or hash" };
  return { entry: e as AuditEntry };
}

/** The records of one entry as the check walks them. */
interface OpenCover {
  entry: AuditEntry;
  cover: RecordsCover;
  seen: number;
  /** The last record line's hash. */
  running: string;
  /** The digest of the records so far, as the entry's was computed. */
  digest: Hash;
}

/** What is wrong with an entry line after `prev`, or undefined. */
function entryProblem(e: AuditEntry, prev: AuditEntry | undefined): string | undefined {
  if (prev && e.seq !== prev.seq + 1)
    return `sequence jumps from ${prev.seq} to ${e.seq} (entries removed or reordered)`;
  if (prev && e.prevHash !== prev.hash) return `prevHash does not match the hash of entry ${prev.seq}`;
  if (!prev && e.seq === 1 && e.prevHash !== GENESIS_HASH) return "first entry does not start from the genesis hash";
  if (auditHash(e) !== e.hash) return "content does not match its hash (entry altered)";
  return undefined;
}

/** What is wrong with a record line inside `open`, or undefined. */
function recordProblem(r: AuditRecord, open: OpenCover | undefined): string | undefined {
  if (!open || r.entry !== open.entry.seq)
    return `not covered by the entry before it${open ? ` (${open.entry.seq})` : ""}: record moved or its entry removed`;
  if (r.record !== open.cover.kind)
    return `a ${r.record} record where entry ${open.entry.seq} covers ${open.cover.kind}s`;
  if (open.seen >= open.cover.count)
    return `entry ${open.entry.seq} covers ${open.cover.count} records; this one is extra (record added or moved)`;
  if (r.prevHash !== open.running) return "does not follow the record before it (records removed or reordered)";
  const shape = shapeProblem(r.record, r.data);
  if (shape) return shape;
  if (recordHash(r.record, r, r.prevHash) !== r.hash) return "content does not match its hash (record altered)";
  return undefined;
}

/** What is wrong with an entry's records once they end, or undefined. */
function coverProblem(open: OpenCover): string | undefined {
  if (open.seen < open.cover.count)
    return `entry ${open.entry.seq} covers ${open.cover.count} ${open.cover.kind} records; the file holds ${open.seen} (records removed)`;
  if (open.digest.digest("hex") !== open.cover.digest)
    return `its ${open.cover.kind} records do not match the digest recorded with it (records altered before export)`;
  return undefined;
}

/**
 * Checks an exported trail (JSON Lines: entries, each followed by the records it covers). An
 * export may start mid-chain (a date range): its first entry's prevHash is taken as given unless
 * it is seq 1, which must follow the genesis hash. The first bad line is named.
 */
export function verifyAuditText(text: string): AuditVerdict {
  const lines = text.split("\n");
  let prev: AuditEntry | undefined;
  let open: (OpenCover & { line: number }) | undefined;
  let entries = 0;
  let records = 0;
  const closeCover = (): AuditFault | undefined => {
    const why = open && coverProblem(open);
    return open && why ? { ok: false, entries, line: open.line, seq: open.entry.seq, reason: why } : undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? "";
    if (text.trim() === "") continue;
    const line = i + 1;
    const parsed = parseLine(text);
    if ("bad" in parsed) return { ok: false, entries, line, seq: null, reason: parsed.bad };
    if ("record" in parsed) {
      const r = parsed.record;
      const why = recordProblem(r, open);
      if (why) return { ok: false, entries, line, seq: r.entry, record: { kind: r.record, id: r.id }, reason: why };
      open!.seen++;
      open!.running = r.hash;
      open!.digest.update(recordMaterial(r.record, r)).update("\n");
      records++;
      continue;
    }
    const ended = closeCover();
    if (ended) return ended;
    const e = parsed.entry;
    const why = entryProblem(e, prev);
    if (why) return { ok: false, entries, line, seq: e.seq, reason: why };
    const cover = coverOf(e.detail);
    open = cover ? { entry: e, cover, seen: 0, running: GENESIS_HASH, digest: createHash("sha256"), line } : undefined;
    prev = e;
    entries++;
  }
  return closeCover() ?? { ok: true, entries, records };
}
