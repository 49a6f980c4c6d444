import type { Kysely, Transaction } from "kysely";
import { newId } from "#contract/ids.js";
import type { Database } from "../store/database.js";
import type { DeadLettersTable } from "./tables.js";

type Db = Kysely<Database> | Transaction<Database>;

/** Longest payload kept for a dead letter, characters; enough to read, not enough to fill the disk. */
export const DEAD_LETTER_PAYLOAD_MAX = 65_536;

/** A message set aside, as the dashboard shows it (`receivedAt` ISO-8601). */
export interface DeadLetter {
  id: string;
  topic: string;
  reason: string;
  payload: string;
  receivedAt: string;
}

/** Builds a dead-letter row for a message that failed validation. */
export function toDeadLetterRow(topic: string, reason: string, raw: Buffer | string, receivedAt: string): DeadLettersTable {
  const text = typeof raw === "string" ? raw : raw.toString("utf8");
  return { id: newId(), topic, reason, payload: text.slice(0, DEAD_LETTER_PAYLOAD_MAX), received_at: receivedAt };
}

/** Stores dead letters (messages set aside with their topic and reason). */
export async function insertDeadLetters(db: Db, rows: readonly DeadLettersTable[]): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto("dead_letters").values(rows.slice(i, i + 500)).execute();
  }
}

/** Number of dead letters kept. */
export async function countDeadLetters(db: Db): Promise<number> {
  const row = await db.selectFrom("dead_letters").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest dead letters first. */
export async function latestDeadLetters(db: Db, limit = 10): Promise<DeadLetter[]> {
  const rows = await db.selectFrom("dead_letters").selectAll().orderBy("received_at", "desc").orderBy("id", "desc").limit(limit).execute();
  return rows.map((r) => ({ id: r.id, topic: r.topic, reason: r.reason, payload: r.payload, receivedAt: r.received_at }));
}
