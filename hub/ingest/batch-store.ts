import type { Kysely } from "kysely";
import { topics, type EventType } from "#contract/topics.js";
import type { AnyStationEvent } from "#contract/validate.js";
import type { Log } from "../log.js";
import { insertDeadLetters, toDeadLetterRow } from "../ledger/dead-letters.js";
import { toEventRow } from "../ledger/events.js";
import { insertAuditedEvents, type EventAuditMode } from "../ledger/event-audit.js";
import { touchStations } from "../ledger/stations.js";
import type { Database } from "../store/database.js";
import type { DeadLettersTable } from "../ledger/tables.js";

/**
 * One ingest batch into the ledger, split when the ledger refuses part of it.
 *
 *   batch ──▶ ONE transaction (events + their audit entry) ──ok──▶ committed(part)
 *               │ refused data (a value the database will not take)
 *               ├─ more than one message: halves, each stored the same way
 *               └─ one event: kept as a dead letter (JSON, storable), committed as set aside
 *               │ anything else (database away, table missing): thrown, nothing of it committed
 *
 * Halving finds k refused messages in n with about 2·k·log2(n) transactions, so one bad
 * message costs a 1,000-event batch some twenty small commits instead of the whole batch.
 */
export interface Batch {
  events: AnyStationEvent[];
  deadLetters: DeadLettersTable[];
}

/** What one committed transaction holds. */
export interface StoredPart {
  /** Events new to the ledger, in arrival order. */
  fresh: AnyStationEvent[];
  /** Every event of the part once per id (stored now or before): each is acked. */
  unique: AnyStationEvent[];
  /** Messages of the part, duplicates included. */
  events: number;
  deadLetters: number;
  /** An event the ledger refused, kept as a dead letter instead; acked too, the hub has it. */
  setAside?: AnyStationEvent;
}

export interface BatchStoreDeps {
  db: Kysely<Database>;
  log: Log;
  /** ISO-8601 receive time for the rows. */
  receivedAt: string;
  /** One audit entry per stored batch (default) or per event (ledger/event-audit.ts). */
  eventAudit?: EventAuditMode | undefined;
}

/**
 * SQLSTATE classes that blame the data, not the database (PostgreSQL manual, appendix A
 * "PostgreSQL Error Codes"): 22 data exception (a NUL byte is 22021), 23 integrity constraint
 * violation, 54 program limit exceeded (an index row too large).
 */
const PG_DATA_CLASSES = new Set(["22", "23", "54"]);
/** better-sqlite3 error codes that blame the data (SQLite result codes, sqlite.org/rescode.html). */
const SQLITE_DATA = /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/;

/** True when the database refused the values it was given, so a smaller batch may store. */
export function isRefusedData(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  if (SQLITE_DATA.test(code)) return true;
  return /^[0-9A-Z]{5}$/.test(code) && PG_DATA_CLASSES.has(code.slice(0, 2));
}

/** Stores `batch`, calling `committed` once per committed transaction; see the diagram above. */
export async function storeSplitting(
  deps: BatchStoreDeps,
  batch: Batch,
  committed: (part: StoredPart) => void,
): Promise<void> {
  try {
    committed(await storeOnce(deps, batch));
  } catch (err) {
    if (!isRefusedData(err)) throw err;
    const size = batch.events.length + batch.deadLetters.length;
    if (size > 1) {
      for (const half of halves(batch)) await storeSplitting(deps, half, committed);
    } else if (batch.events[0]) {
      await setAside(deps, batch.events[0], err as Error, committed);
    } else {
      // A dead letter is storable by construction (toDeadLetterRow); one that is not is logged.
      const d = batch.deadLetters[0];
      deps.log.error(
        { topic: d?.topic, reason: d?.reason, err: (err as Error).message, code: "MESSAGE_INVALID" },
        "dead letter not storable; dropped",
      );
    }
  }
}

function halves(batch: Batch): Batch[] {
  const e = Math.ceil(batch.events.length / 2);
  const d = Math.ceil(batch.deadLetters.length / 2);
  return [
    { events: batch.events.slice(0, e), deadLetters: batch.deadLetters.slice(0, d) },
    { events: batch.events.slice(e), deadLetters: batch.deadLetters.slice(d) },
  ].filter((b) => b.events.length + b.deadLetters.length > 0);
}

async function storeOnce(deps: BatchStoreDeps, batch: Batch): Promise<StoredPart> {
  const unique = new Map<string, AnyStationEvent>();
  for (const event of batch.events) if (!unique.has(event.id)) unique.set(event.id, event);
  const stations = new Map<string, string>();
  for (const e of unique.values()) stations.set(e.stationId, e.siteId);
  const rows = [...unique.values()].map((e) => toEventRow(e, deps.receivedAt));
  const inserted = await deps.db.transaction().execute(async (trx) => {
    await insertDeadLetters(trx, batch.deadLetters);
    if (stations.size > 0) await touchStations(trx, stations, deps.receivedAt);
    // The events and the audit entry covering them commit together (ledger/event-audit.ts). Last:
    // on PostgreSQL the trail's lock is held from here to the commit, and it is taken after the
    // stations rows as a station status's transaction takes them (one order, no deadlock).
    return new Set(await insertAuditedEvents(trx, rows, { mode: deps.eventAudit, at: deps.receivedAt }));
  });
  return {
    fresh: [...unique.values()].filter((e) => inserted.has(e.id)),
    unique: [...unique.values()],
    events: batch.events.length,
    deadLetters: batch.deadLetters.length,
  };
}

/** Keeps an event the ledger refused as a dead letter (its JSON escapes every control character). */
async function setAside(
  deps: BatchStoreDeps,
  event: AnyStationEvent,
  err: Error,
  committed: (part: StoredPart) => void,
): Promise<void> {
  const topic = topics.event(event.stationId, event.type as EventType);
  const reason = `not storable in the ledger: ${err.message}`;
  deps.log.warn({ topic, id: event.id, reason, code: "MESSAGE_INVALID" }, "event set aside");
  try {
    await insertDeadLetters(deps.db, [toDeadLetterRow(topic, reason, JSON.stringify(event), deps.receivedAt)]);
  } catch (again) {
    if (!isRefusedData(again)) throw again;
    // Not acked either: the station keeps it and sends it again.
    deps.log.error(
      { topic, id: event.id, err: (again as Error).message, code: "MESSAGE_INVALID" },
      "event neither stored nor set aside",
    );
    return;
  }
  committed({ fresh: [], unique: [], events: 1, deadLetters: 1, setAside: event });
}
