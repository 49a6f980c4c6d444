import { PostgresAdapter, SqliteAdapter, sql, type Kysely, type Transaction } from "kysely";
import type { AnyStationEvent } from "#contract/validate.js";
import type { Database } from "../store/database.js";
import type { EventsTable } from "./tables.js";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Rows per INSERT statement. SQLite allows 32,766 bound values per statement and PostgreSQL
 * 65,535; 9 columns × 500 rows stays far below both.
 */
const ROWS_PER_STATEMENT = 500;

/** One event as the ledger stores it, ready to insert (its audit entry is set by event-audit.ts). */
export type EventRow = Omit<EventsTable, "audit_seq"> & { audit_seq?: number | null };

/** One entry of a package's history, oldest first. */
export interface HistoryEntry {
  id: string;
  type: string;
  at: string;
  stationId: string;
  siteId: string;
  employeeId: string | null;
  payload: unknown;
  receivedAt: string;
}

/** The METRC tag an event is about, for package history: scanned tag, weighed/counted/printed label. */
export function labelOf(event: AnyStationEvent): string | null {
  switch (event.type) {
    case "scan":
      return event.payload.classification.kind === "metrc-tag" ? event.payload.classification.tag : null;
    case "weight":
    case "print":
      return event.payload.label ?? null;
    case "count":
      return event.payload.label;
    case "receive":
      // One line's decision names its package; completion and whole-manifest refusal name many.
      return event.payload.action === "line" ? event.payload.line.label : null;
    case "restock":
      return event.payload.action === "pick" ? event.payload.label : null;
    case "quarantine":
      return event.payload.label;
    case "waste":
      return event.payload.label;
    case "split":
      return event.payload.source;
    default:
      return null;
  }
}

/** Maps a validated station event to its ledger row; `receivedAt` is ISO-8601. */
export function toEventRow(event: AnyStationEvent, receivedAt: string): EventRow {
  return {
    id: event.id,
    type: event.type,
    station_id: event.stationId,
    site_id: event.siteId,
    at: event.at,
    employee_id: event.employeeId ?? null,
    label: labelOf(event),
    payload: JSON.stringify(event.payload),
    received_at: receivedAt,
  };
}

/**
 * Inserts events, skipping ids already stored (replays, redeliveries). Call inside a
 * transaction for a batch. Returns the ids that were new (RETURNING lists only inserted rows
 * on both SQLite ≥ 3.35 and PostgreSQL).
 */
export async function insertEvents(db: Db, rows: readonly EventRow[]): Promise<string[]> {
  const inserted: string[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const result = await db
      .insertInto("events")
      .values(chunk)
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .execute();
    for (const r of result) inserted.push(r.id);
  }
  return inserted;
}

/**
 * All events about one METRC tag, oldest first (served by the (label, at) index); only those
 * whose envelope named `envelopeSite` when it is given (a hub serving several sites).
 */
export async function packageHistory(db: Db, label: string, envelopeSite?: string): Promise<HistoryEntry[]> {
  let q = db.selectFrom("events").selectAll().where("label", "=", label);
  if (envelopeSite !== undefined) q = q.where("site_id", "=", envelopeSite);
  const rows = await q.orderBy("at").orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    at: r.at,
    stationId: r.station_id,
    siteId: r.site_id,
    employeeId: r.employee_id,
    payload: JSON.parse(r.payload) as unknown,
    receivedAt: r.received_at,
  }));
}

/** Number of stored events. */
export async function countEvents(db: Db): Promise<number> {
  const row = await db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Below this many rows (by the planner's estimate) PostgreSQL counts exactly. */
const EXACT_COUNT_BELOW = 100_000;

/**
 * Number of stored events, cheap at 10 million rows for a dashboard that asks every few seconds:
 * SQLite reads max(rowid) (events are never deleted and a skipped duplicate takes no rowid);
 * PostgreSQL takes the planner's estimate once the table is large, and counts exactly below that.
 */
export async function eventCountForDisplay(db: Db): Promise<number> {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) {
    const r = await sql<{ n: number | null }>`select max(rowid) as n from events`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }
  if (adapter instanceof PostgresAdapter) {
    const r = await sql<{
      n: string | number;
    }>`select reltuples::bigint as n from pg_class where oid = to_regclass('events')`.execute(db);
    const estimate = Number(r.rows[0]?.n ?? -1);
    if (estimate >= EXACT_COUNT_BELOW) return estimate;
  }
  return countEvents(db);
}

/**
 * The vault door session open on a station at `at` (ISO-8601): the session of its last door event
 * at or before then, when that event says the door was open; null when it was shut or never
 * reported. Served by the (station_id, at) index.
 */
export async function doorSessionAt(db: Db, stationId: string, at: string): Promise<string | null> {
  const row = await db
    .selectFrom("events")
    .select("payload")
    .where("station_id", "=", stationId)
    .where("type", "=", "door")
    .where("at", "<=", at)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const door = JSON.parse(row.payload) as { open?: unknown; doorSessionId?: unknown };
  return door.open === true && typeof door.doorSessionId === "string" ? door.doorSessionId : null;
}
