import { TOPIC_ROOT } from "#contract/topics.js";

/**
 * The broker's access rules, as pure functions so the embedded broker and the Mosquitto ACL in
 * firmware-config/broker/acl can be checked against the same cases. A station may:
 * - publish its retained state and its events: `vault/v1/station/{id}/state`, `…/{id}/event/{type}`
 * - subscribe to its acknowledgements and commands: `…/{id}/ack`, `…/{id}/cmd/{name}` (or `cmd/+`, `cmd/#`)
 * The hub may publish and subscribe anywhere under `vault/v1/station/`.
 */
export type BrokerIdentity = { kind: "hub"; username: string } | { kind: "station"; stationId: string };

const LEVEL = /^[^/+#]+$/;

/** True when `identity` may publish to `topic` (a concrete topic, never a filter). */
export function mayPublish(identity: BrokerIdentity, topic: string): boolean {
  if (topic.includes("+") || topic.includes("#")) return false;
  if (identity.kind === "hub") return topic.startsWith(`${TOPIC_ROOT}/`);
  const own = `${TOPIC_ROOT}/${identity.stationId}/`;
  if (!topic.startsWith(own)) return false;
  const rest = topic.slice(own.length).split("/");
  if (rest.length === 1) return rest[0] === "state";
  return rest.length === 2 && rest[0] === "event" && LEVEL.test(rest[1] ?? "");
}

/** True when `identity` may subscribe with `filter`: only filters inside its own inbox. */
export function maySubscribe(identity: BrokerIdentity, filter: string): boolean {
  if (identity.kind === "hub") return filter.startsWith(`${TOPIC_ROOT}/`);
  const own = `${TOPIC_ROOT}/${identity.stationId}/`;
  if (!filter.startsWith(own)) return false;
  const rest = filter.slice(own.length).split("/");
  if (rest.length === 1) return rest[0] === "ack";
  return rest.length === 2 && rest[0] === "cmd" && (rest[1] === "+" || rest[1] === "#" || LEVEL.test(rest[1] ?? ""));
}

/** The MQTT client id a station must use (station/bus connects as `station-{id}`), so no station can take over another's session. */
export function stationClientId(stationId: string): string {
  return `station-${stationId}`;
}
