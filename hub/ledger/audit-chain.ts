import { createHash } from "node:crypto";

/**
 * The audit trail's hash chain, pure (no I/O): each entry's hash is SHA-256 over a canonical
 * form of the entry and the previous entry's hash, so changing, removing or reordering any
 * entry breaks every hash after it. Anyone with an exported file can check it.
 */
export const GENESIS_HASH = "0".repeat(64);

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

/** JSON with object keys sorted at every level, no spaces: the same bytes for the same value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
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

/** The result of checking an exported trail: intact, or the first bad line and entry. */
export type AuditVerdict =
  { ok: true; entries: number } | { ok: false; entries: number; line: number; seq: number | null; reason: string };

function parseLine(text: string): AuditEntry | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  const e = v as Partial<AuditEntry>;
  if (typeof e !== "object" || e === null) return "not an audit entry";
  if (
    typeof e.seq !== "number" ||
    typeof e.at !== "string" ||
    typeof e.actor !== "string" ||
    typeof e.action !== "string"
  )
    return "missing seq, at, actor or action";
  if (typeof e.subject !== "string" || typeof e.prevHash !== "string" || typeof e.hash !== "string")
    return "missing subject, prevHash or hash";
  return e as AuditEntry;
}

/**
 * Checks an exported trail (JSON Lines). An export may start mid-chain (a date range): its first
 * entry's prevHash is taken as given unless it is seq 1, which must follow the genesis hash.
 */
export function verifyAuditText(text: string): AuditVerdict {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  let prev: AuditEntry | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const e = parseLine(lines[i] ?? "");
    if (typeof e === "string") return { ok: false, entries: i, line, seq: null, reason: e };
    const fail = (reason: string): AuditVerdict => ({ ok: false, entries: i, line, seq: e.seq, reason });
    if (prev && e.seq !== prev.seq + 1)
      return fail(`sequence jumps from ${prev.seq} to ${e.seq} (entries removed or reordered)`);
    if (prev && e.prevHash !== prev.hash) return fail(`prevHash does not match the hash of entry ${prev.seq}`);
    if (!prev && e.seq === 1 && e.prevHash !== GENESIS_HASH)
      return fail("first entry does not start from the genesis hash");
    if (auditHash(e) !== e.hash) return fail("content does not match its hash (entry altered)");
    prev = e;
  }
  return { ok: true, entries: lines.length };
}
