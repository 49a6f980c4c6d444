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

/** Said in the reason of a dead letter whose payload column holds base64 instead of the text received. */
export const BASE64_PAYLOAD_NOTE = "payload kept as base64: it holds NUL bytes or is not UTF-8 text";

/** Longest topic and reason kept, characters. */
const TOPIC_MAX = 1_024;
const REASON_MAX = 2_000;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The received bytes as text when PostgreSQL can store them as they are: valid UTF-8 without
 * U+0000, which PostgreSQL text refuses ("invalid byte sequence for encoding UTF8: 0x00").
 */
function storableText(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Topic and reason are for reading: control characters other than tab and newline become `\uXXXX`. */
function readable(s: string, max: number): string {
  return s
    .slice(0, max)
    .replace(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
}

/**
 * Builds a dead-letter row for a message set aside. The payload is kept as received when it is
 * storable text, otherwise (NUL bytes, not UTF-8) as base64 of the bytes, said so in the reason:
 * either way the row stores on SQLite and PostgreSQL and nothing received is lost.
 */
export function toDeadLetterRow(
  topic: string,
  reason: string,
  raw: Buffer | string,
  receivedAt: string,
): DeadLettersTable {
  const bytes = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
  const text = storableText(bytes);
  const payload =
    text !== null
      ? text.slice(0, DEAD_LETTER_PAYLOAD_MAX)
      : bytes.subarray(0, (DEAD_LETTER_PAYLOAD_MAX / 4) * 3).toString("base64");
  const why = readable(reason, REASON_MAX);
  return {
    id: newId(),
    topic: readable(topic, TOPIC_MAX),
    reason: text !== null ? why : `${why} (${BASE64_PAYLOAD_NOTE})`,
    payload,
    received_at: receivedAt,
  };
}

/** Stores dead letters (messages set aside with their topic and reason). */
export async function insertDeadLetters(db: Db, rows: readonly DeadLettersTable[]): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("dead_letters")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Number of dead letters kept. */
export async function countDeadLetters(db: Db): Promise<number> {
  const row = await db
    .selectFrom("dead_letters")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest dead letters first. */
export async function latestDeadLetters(db: Db, limit = 10): Promise<DeadLetter[]> {
  const rows = await db
    .selectFrom("dead_letters")
    .selectAll()
    .orderBy("received_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    reason: r.reason,
    payload: r.payload,
    receivedAt: r.received_at,
  }));
}
