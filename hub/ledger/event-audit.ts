import type { Transaction } from "kysely";
import type { Database } from "../store/database.js";
import { appendAfterIn, auditHeadIn, type NewAuditEntry } from "./audit.js";
import { digestOf, eventRowMaterial, type RecordsCover } from "./audit-records.js";
import { insertEvents, type EventRow } from "./events.js";

/**
 * Station events into the ledger with their audit entries, in the caller's transaction:
 *
 *   "batch" (the default): ONE entry per stored batch, `events.stored`, whose detail carries the
 *            digest of the batch's new events in id order (audit-records.ts); each event row
 *            names that entry in `audit_seq`.
 *   "event": one entry per new event (`event.stored`), the alternative the ingest bench measures.
 *
 * Ids already stored are skipped (replays, redeliveries) and get no entry.
 */
export type EventAuditMode = "batch" | "event";

const byId = (a: EventRow, b: EventRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The cover of `rows` (in id order). */
function coverOfRows(rows: readonly EventRow[]): RecordsCover {
  return { kind: "event", count: rows.length, digest: digestOf(rows.map(eventRowMaterial)) };
}

/** Counts per value, for an auditor reading the entry. */
function tally(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function storeAsBatch(trx: Transaction<Database>, rows: readonly EventRow[], at: string): Promise<string[]> {
  const head = await auditHeadIn(trx);
  const seq = head.seq + 1;
  const ids = await insertEvents(
    trx,
    rows.map((r) => ({ ...r, audit_seq: seq })),
  );
  if (ids.length === 0) return ids;
  const fresh = new Set(ids);
  const stored = rows.filter((r) => fresh.has(r.id)).sort(byId);
  const entry: NewAuditEntry = {
    actor: "ingest",
    action: "events.stored",
    subject: `${stored.length} station events`,
    at,
    detail: {
      records: coverOfRows(stored),
      stations: tally(stored.map((r) => r.station_id)),
      types: tally(stored.map((r) => r.type)),
    },
  };
  await appendAfterIn(trx, head, [entry]);
  return ids;
}

async function storeOneByOne(trx: Transaction<Database>, rows: readonly EventRow[], at: string): Promise<string[]> {
  const head = await auditHeadIn(trx);
  const known = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    for (const r of await trx.selectFrom("events").select("id").where("id", "in", ids).execute()) known.add(r.id);
  }
  const fresh = rows.filter((r) => !known.has(r.id));
  if (fresh.length === 0) return [];
  const stamped = fresh.map((r, i) => ({ ...r, audit_seq: head.seq + 1 + i }));
  const ids = await insertEvents(trx, stamped);
  const entries = stamped.map((r): NewAuditEntry => ({
    actor: r.employee_id ?? r.station_id,
    action: "event.stored",
    subject: r.label ?? r.id,
    at,
    detail: { records: coverOfRows([r]), type: r.type, station: r.station_id },
  }));
  await appendAfterIn(trx, head, entries);
  return ids;
}

/** Inserts `rows` (unique ids) with their audit entries; returns the ids that were new. `at`: ISO-8601 receive time. */
export function insertAuditedEvents(
  trx: Transaction<Database>,
  rows: readonly EventRow[],
  opts: { mode?: EventAuditMode; at: string },
): Promise<string[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return opts.mode === "event" ? storeOneByOne(trx, rows, opts.at) : storeAsBatch(trx, rows, opts.at);
}
