import { createHash } from "node:crypto";
import type { RequestLogTable } from "#hub/statesystem/tables.js";
import { GENESIS_HASH } from "./canonical-json.js";
import type { EventsTable } from "./tables.js";

/**
 * Records an audit entry covers (pure, no I/O). An ingest batch stores hundreds of station events
 * in one transaction and gets ONE audit entry; a state-system request gets one too. Each record's
 * material is JSON `[kind, id, …the kind's fields in FIELDS order]`; the entry's detail carries
 * `records: { kind, count, digest }`:
 *
 *   digest = SHA-256(material(1) "\n" material(2) "\n" … material(count) "\n")   one hash per batch
 *
 * An export writes each covered record after its entry as one line `{record, entry, id, data,
 * prevHash, hash}` with hash = SHA-256(prevHash material), chained from GENESIS_HASH within the
 * entry, so an edited, removed or reordered record is named by its own line (or the next one); a
 * record changed in the database before the export breaks the digest the entry was hashed with.
 *
 * Fields are taken in a fixed order rather than as canonical (key-sorted) JSON, and the digest is
 * one hash per batch rather than a chain: the ingest does this for every event it stores, and
 * sorting each payload's keys, or a hash per event, cost about as much as storing the batch. An
 * event's payload keeps the key order it was stored with, through the export and back.
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

/** Each kind's data fields, in the order a record's hash takes them. */
const FIELDS: Record<RecordKind, readonly string[]> = {
  event: ["type", "stationId", "siteId", "at", "employeeId", "label", "payload", "receivedAt"],
  "ss-request": [
    "siteId",
    "at",
    "system",
    "method",
    "path",
    "requestBody",
    "status",
    "responseBody",
    "error",
    "durationMs",
    "attempt",
    "submissionId",
    "labels",
  ],
};

/** Why a record's data is not its kind's (a field missing or one added), or undefined. */
export function shapeProblem(kind: RecordKind, data: unknown): string | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return "data is not an object";
  const keys = Object.keys(data);
  const extra = keys.filter((k) => !FIELDS[kind].includes(k));
  const missing = FIELDS[kind].filter((k) => !keys.includes(k));
  if (extra.length > 0) return `field ${extra.join(", ")} added (record altered)`;
  if (missing.length > 0) return `field ${missing.join(", ")} removed (record altered)`;
  return undefined;
}

/** A record's material: JSON `[kind, id, …fields]`. */
export function recordMaterial(kind: RecordKind, r: RecordContent): string {
  const data = r.data as Record<string, unknown>;
  return JSON.stringify([kind, r.id, ...FIELDS[kind].map((f) => data[f] ?? null)]);
}

/**
 * The material of a stored event row, built without parsing its payload: the same text as
 * recordMaterial("event", eventRecord(row)), since the payload column holds JSON.stringify's text.
 */
export function eventRowMaterial(row: EventColumns): string {
  const head = JSON.stringify([
    "event",
    row.id,
    row.type,
    row.station_id,
    row.site_id,
    row.at,
    row.employee_id,
    row.label,
  ]);
  return `${head.slice(0, -1)},${row.payload},${JSON.stringify(row.received_at)}]`;
}

/** The digest over records' materials, in order. */
export function digestOf(materials: Iterable<string>): string {
  const h = createHash("sha256");
  for (const m of materials) h.update(m).update("\n");
  return h.digest("hex");
}

/** An export line's hash: the record's material chained to the line before it. */
export function recordHash(kind: RecordKind, r: RecordContent, prevHash: string): string {
  return createHash("sha256").update(prevHash).update(recordMaterial(kind, r)).digest("hex");
}

/** The export lines of an entry's records, in the order given, chained from GENESIS_HASH. */
export function recordLines(kind: RecordKind, entry: number, records: readonly RecordContent[]): AuditRecord[] {
  let prev = GENESIS_HASH;
  return records.map((r) => {
    const hash = recordHash(kind, r, prev);
    const line: AuditRecord = { record: kind, entry, id: r.id, data: r.data, prevHash: prev, hash };
    prev = hash;
    return line;
  });
}

/** The cover an entry's detail declares, when it declares a well-formed one. */
export function coverOf(detail: unknown): RecordsCover | undefined {
  const c = (detail as { records?: Partial<RecordsCover> } | null)?.records;
  if (!c || typeof c !== "object") return undefined;
  if ((c.kind !== "event" && c.kind !== "ss-request") || typeof c.count !== "number" || typeof c.digest !== "string")
    return undefined;
  return { kind: c.kind, count: c.count, digest: c.digest };
}

/** The stored columns of a station event a record covers. */
type EventColumns = Omit<EventsTable, "audit_seq">;

/** A station event's content as its record: every stored column but the id, the payload parsed. */
export function eventRecord(row: EventColumns): RecordContent {
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
export function requestRecord(row: RequestLogTable, labels: readonly string[]): RecordContent {
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
  return { kind, count: 1, digest: digestOf([recordMaterial(kind, record)]) };
}
