import type { StationId } from "./ids.js";

/**
 * Topic strings are built here and nowhere else. The version sits in the topic; every station's
 * topics sit under one root so that one broker ACL line (`vault/v1/station/%u/#`) confines it.
 */
export const TOPIC_ROOT = "vault/v1/station";

export const eventTypes = [
  "scan",
  "weight",
  "count",
  "door",
  "print",
  "receive",
  "restock",
  "quarantine",
  "waste",
  "split",
] as const;
export type EventType = (typeof eventTypes)[number];

export const commandNames = ["catalog", "employees", "manifests", "restock", "count", "adjustment-reasons"] as const;
export type CommandName = (typeof commandNames)[number];

export const topics = {
  /** Retained station status; the last will on this topic says "offline". */
  state: (s: StationId) => `${TOPIC_ROOT}/${s}/state`,
  /** Station → hub event of one type. */
  event: (s: StationId, type: EventType) => `${TOPIC_ROOT}/${s}/event/${type}`,
  /** Hub → station acknowledgement of stored event ids. */
  ack: (s: StationId) => `${TOPIC_ROOT}/${s}/ack`,
  /** Hub → station command. */
  command: (s: StationId, name: CommandName) => `${TOPIC_ROOT}/${s}/cmd/${name}`,
  /** Hub subscriptions. */
  allStates: `${TOPIC_ROOT}/+/state`,
  allEvents: `${TOPIC_ROOT}/+/event/+`,
  /** Station subscriptions. */
  stationInbox: (s: StationId) => [`${TOPIC_ROOT}/${s}/ack`, `${TOPIC_ROOT}/${s}/cmd/+`],
} as const;

export type ParsedTopic =
  | { kind: "state"; stationId: string }
  | { kind: "event"; stationId: string; type: string }
  | { kind: "ack"; stationId: string }
  | { kind: "command"; stationId: string; name: string }
  | { kind: "unknown"; topic: string };

/** Splits a topic under the station root; anything else is "unknown" (never throws). */
export function parseTopic(topic: string): ParsedTopic {
  const parts = topic.split("/");
  if (parts.length < 5 || `${parts[0]}/${parts[1]}/${parts[2]}` !== TOPIC_ROOT) return { kind: "unknown", topic };
  const stationId = parts[3] ?? "";
  const rest = parts.slice(4);
  if (rest.length === 1 && rest[0] === "state") return { kind: "state", stationId };
  if (rest.length === 1 && rest[0] === "ack") return { kind: "ack", stationId };
  if (rest.length === 2 && rest[0] === "event") return { kind: "event", stationId, type: rest[1] ?? "" };
  if (rest.length === 2 && rest[0] === "cmd") return { kind: "command", stationId, name: rest[1] ?? "" };
  return { kind: "unknown", topic };
}
