import type { Envelope } from "#contract/envelope.js";
import type { Checked } from "#contract/validate.js";

/** One line of `outbox.journal`: an event waiting for the hub (`+{envelope}`) or acks (`-id,id`). */
export type OutboxLine = { kind: "event"; env: Envelope; bytes: number } | { kind: "ack"; ids: string[] };

/** The journal line for an event. */
export const eventLine = (env: Envelope): string => `+${JSON.stringify(env)}\n`;

/** The journal line for acknowledged events. */
export const ackLine = (ids: readonly string[]): string => `-${ids.join(",")}\n`;

/** Reads one outbox line: an ack line, or an event line whose JSON carries a string id. */
export function parseOutboxLine(line: string): Checked<OutboxLine> {
  if (line.startsWith("-")) return { ok: true, value: { kind: "ack", ids: line.slice(1).split(",") } };
  if (!line.startsWith("+")) return { ok: false, reason: "neither an event (+) nor an ack (-) line" };
  try {
    const env = JSON.parse(line.slice(1)) as Envelope;
    if (typeof env?.id !== "string") return { ok: false, reason: "event without an id" };
    return { ok: true, value: { kind: "event", env, bytes: Buffer.byteLength(line) + 1 } };
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message}` };
  }
}
