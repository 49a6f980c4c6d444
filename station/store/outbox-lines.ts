import type { Envelope } from "#contract/envelope.js";
import { eventSchemas, type EventSchemas } from "#contract/messages.js";
import type { Checked } from "#contract/validate.js";

/** One line of `outbox.journal`: an event waiting for the hub (`+{envelope}`) or acks (`-id,id`). */
export type OutboxLine = { kind: "event"; env: Envelope; bytes: number } | { kind: "ack"; ids: string[] };

/** The journal line for an event. */
export const eventLine = (env: Envelope): string => `+${JSON.stringify(env)}\n`;

/** The journal line for acknowledged events. */
export const ackLine = (ids: readonly string[]): string => `-${ids.join(",")}\n`;

/**
 * Reads one outbox line, validating an event against the contract's schema for its type. Why at
 * replay: a line that parses but is not a valid envelope would be published, dead-lettered by
 * the hub (never acked) and resent forever; refused here, it is set aside once instead.
 */
export function parseOutboxLine(line: string): Checked<OutboxLine> {
  if (line.startsWith("-")) return { ok: true, value: { kind: "ack", ids: line.slice(1).split(",") } };
  if (!line.startsWith("+")) return { ok: false, reason: "neither an event (+) nor an ack (-) line" };
  let json: unknown;
  try {
    json = JSON.parse(line.slice(1));
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message}` };
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type !== "string" || !Object.hasOwn(eventSchemas, type)) {
    return { ok: false, reason: `unknown event type ${JSON.stringify(type) ?? "(none)"}` };
  }
  const checked = eventSchemas[type as keyof EventSchemas].safeParse(json);
  if (!checked.success) {
    const reason = checked.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { ok: false, reason: `not a valid ${type} event: ${reason}` };
  }
  return { ok: true, value: { kind: "event", env: checked.data as Envelope, bytes: Buffer.byteLength(line) + 1 } };
}
