import type { z } from "zod";
import {
  commandSchemas,
  eventSchemas,
  HubAck,
  StationStatus,
  type CommandSchemas,
  type EventSchemas,
} from "./messages.js";
import { parseTopic } from "./topics.js";

/**
 * Validation at the MQTT edge, shared by hub and station. Never throws: a message that fails
 * comes back with a reason fit for a log line or a dead-letter row.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

function parseJson(raw: Buffer | string): Checked<unknown> {
  try {
    return { ok: true, value: JSON.parse(typeof raw === "string" ? raw : raw.toString("utf8")) };
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message}` };
  }
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}

function checkSchema<S extends z.ZodType>(schema: S, value: unknown): Checked<z.infer<S>> {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, reason: describe(r.error) };
}

/**
 * The map's own entry for a name taken from a topic, never an inherited one: a plain lookup
 * answers `event/constructor` with Object itself, and the hub's message handler threw on it.
 */
function ownEntry<M extends object>(map: M, name: string): M[keyof M] | undefined {
  return Object.hasOwn(map, name) ? map[name as keyof M] : undefined;
}

export type AnyStationEvent = z.infer<EventSchemas[keyof EventSchemas]>;

/** A station event: valid JSON, known type, schema-valid, and the envelope's station is the topic's. */
export function checkStationEvent(topic: string, raw: Buffer | string): Checked<AnyStationEvent> {
  const t = parseTopic(topic);
  if (t.kind !== "event") return { ok: false, reason: `not an event topic: ${topic}` };
  const schema = ownEntry(eventSchemas, t.type);
  if (!schema) return { ok: false, reason: `unknown event type "${t.type}"` };
  const json = parseJson(raw);
  if (!json.ok) return json;
  const checked = checkSchema(schema, json.value) as Checked<AnyStationEvent>;
  if (checked.ok && checked.value.stationId !== t.stationId) {
    return {
      ok: false,
      reason: `envelope station "${checked.value.stationId}" differs from topic station "${t.stationId}"`,
    };
  }
  return checked;
}

/** The retained status message (or last will) of a station. */
export function checkStationStatus(topic: string, raw: Buffer | string): Checked<StationStatus> {
  const t = parseTopic(topic);
  if (t.kind !== "state") return { ok: false, reason: `not a state topic: ${topic}` };
  const json = parseJson(raw);
  if (!json.ok) return json;
  const checked = checkSchema(StationStatus, json.value);
  if (checked.ok && checked.value.stationId !== t.stationId) {
    return {
      ok: false,
      reason: `envelope station "${checked.value.stationId}" differs from topic station "${t.stationId}"`,
    };
  }
  return checked;
}

export function checkHubAck(raw: Buffer | string): Checked<HubAck> {
  const json = parseJson(raw);
  return json.ok ? checkSchema(HubAck, json.value) : json;
}

export type AnyCommand = z.infer<CommandSchemas[keyof CommandSchemas]>;

export function checkCommand(topic: string, raw: Buffer | string): Checked<AnyCommand> {
  const t = parseTopic(topic);
  if (t.kind !== "command") return { ok: false, reason: `not a command topic: ${topic}` };
  const schema = ownEntry(commandSchemas, t.name);
  if (!schema) return { ok: false, reason: `unknown command "${t.name}"` };
  const json = parseJson(raw);
  return json.ok ? (checkSchema(schema, json.value) as Checked<AnyCommand>) : json;
}
