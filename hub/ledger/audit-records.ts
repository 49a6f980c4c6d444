import { createHash } from "node:crypto";
import { canonicalJson, GENESIS_HASH } from "./canonical-json.js";

/**
 * Records an audit entry covers (pure, no I/O). An ingest batch stores hundreds of station events
 * in one transaction and gets ONE audit entry; a state-system request gets one too. The entry's
 * detail carries `records: { kind, count, digest }`, where the digest is the last link of a hash
 * chain over the covered records in order:
 *
 *   h0 = GENESIS_HASH,  h(i) = SHA-256(canonical { record: kind, id, data, prevHash: h(i-1) }),  digest = h(count)
 *
 * An export writes each covered record after its entry as one line `{record, entry, id, data,
 * prevHash, hash}`, so an edited, removed or reordered record breaks its own line (or the next
 * one), and a record changed in the database breaks the digest the entry was hashed with.
 */
export type RecordKind = "event" | "ss-request";

/** What an audit entry's `detail.records` says about the records it covers. */
export interface RecordsCover {
  kind: RecordKind;
  count: number;
  /** The last hash of the chain over the records, in order (hex SHA-256). */
  digest: string;
}

/** One covered record as an export writes it (one JSON line after its entry). */
export interface AuditRecord {
  record: RecordKind;
  /** The seq of the audit entry covering it. */
  entry: number;
  id: string;
  data: unknown;
  prevHash: string;
  hash: string;
}

/** A record's id and content, before it is chained. */
export interface RecordContent {
  id: string;
  data: unknown;
}

/** The hash of one record chained to the one before it. */
export function recordHash(kind: RecordKind, r: RecordContent, prevHash: string): string {
  return createHash("sha256")
    .update(canonicalJson({ record: kind, id: r.id, data: r.data, prevHash }))
    .digest("hex");
}

/** Chains records in the order given; returns each line (for an export) and the digest (for the entry). */
export function chainRecords(
  kind: RecordKind,
  entry: number,
  records: readonly RecordContent[],
): { lines: AuditRecord[]; digest: string } {
  let prev = GENESIS_HASH;
  const lines = records.map((r) => {
    const hash = recordHash(kind, r, prev);
    const line: AuditRecord = { record: kind, entry, id: r.id, data: r.data, prevHash: prev, hash };
    prev = hash;
    return line;
  });
  return { lines, digest: prev };
}

/** The cover an entry's detail declares, when it declares a well-formed one. */
export function coverOf(detail: unknown): RecordsCover | undefined {
  const c = (detail as { records?: Partial<RecordsCover> } | null)?.records;
  if (!c || typeof c !== "object") return undefined;
  if ((c.kind !== "event" && c.kind !== "ss-request") || typeof c.count !== "number" || typeof c.digest !== "string")
    return undefined;
  return { kind: c.kind, count: c.count, digest: c.digest };
}

/** A station event's content as its record: every stored column but the id, the payload parsed. */
export function eventRecord(row: {
  id: string;
  type: string;
  station_id: string;
  site_id: string;
  at: string;
  employee_id: string | null;
  label: string | null;
  payload: string;
  received_at: string;
}): RecordContent {
  return {
    id: row.id,
    data: {
      type: row.type,
      stationId: row.station_id,
      siteId: row.site_id,
      at: row.at,
      employeeId: row.employee_id,
      label: row.label,
      payload: JSON.parse(row.payload) as unknown,
      receivedAt: row.received_at,
    },
  };
}

/** A state-system request log row's content as its record, with the labels it concerned (sorted). */
export function requestRecord(
  row: {
    id: string;
    site_id: string;
    at: string;
    system: string;
    method: string;
    path: string;
    request_body: string | null;
    status: number | null;
    response_body: string | null;
    error: string | null;
    duration_ms: number;
    attempt: number;
    submission_id: string | null;
  },
  labels: readonly string[],
): RecordContent {
  return {
    id: row.id,
    data: {
      siteId: row.site_id,
      at: row.at,
      system: row.system,
      method: row.method,
      path: row.path,
      requestBody: row.request_body,
      status: row.status === null ? null : Number(row.status),
      responseBody: row.response_body,
      error: row.error,
      durationMs: Number(row.duration_ms),
      attempt: Number(row.attempt),
      submissionId: row.submission_id,
      labels: [...new Set(labels)].sort(),
    },
  };
}

/** The cover of one record (a state-system request) for its own entry. */
export function coverOne(kind: RecordKind, record: RecordContent): RecordsCover {
  return { kind, count: 1, digest: recordHash(kind, record, GENESIS_HASH) };
}
