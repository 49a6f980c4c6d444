import { TOPIC_ROOT } from "#contract/topics.js";

/** One MQTT login: the hub (all station topics) or a station (its own topics only). */
export type BrokerUser =
  | { kind: "hub"; username: string; password: string }
  | { kind: "station"; stationId: string; username: string; password: string };

/** NATS subject of an MQTT topic filter: `/` → `.`, `+` → `*`, `#` → `>` (NATS MQTT docs, "topic to subject"). */
export function subjectOf(topic: string): string {
  return topic.replaceAll("/", ".").replaceAll("+", "*").replaceAll("#", ">");
}

const ROOT = subjectOf(TOPIC_ROOT);

/**
 * The permissions of one login. A station may publish its state and events and subscribe to its
 * ack and commands, nothing else (hub/auth/broker-acl.ts says the same for the embedded broker).
 * QoS 1 subscribers also need `$MQTT.sub.>`: NATS delivers their JetStream consumer there.
 */
function permissionsOf(u: BrokerUser): { publish: string[]; subscribe: string[] } {
  if (u.kind === "hub") return { publish: [`${ROOT}.>`], subscribe: [`${ROOT}.>`, "$MQTT.sub.>"] };
  const own = `${ROOT}.${u.stationId}`;
  return { publish: [`${own}.state`, `${own}.event.*`], subscribe: [`${own}.ack`, `${own}.cmd.*`, "$MQTT.sub.>"] };
}

/** The `accounts` block: one JetStream account holding every login, each with its permissions. */
export function natsAccounts(users: BrokerUser[]): string {
  const entries = users.map((u) => {
    const p = permissionsOf(u);
    // Stations speak MQTT only; the hub may also use plain NATS (monitoring, tools).
    const types = u.kind === "station" ? `, allowed_connection_types: ["MQTT"]` : "";
    return `{ user: ${JSON.stringify(u.username)}, password: ${JSON.stringify(u.password)}${types}, permissions: { publish: ${JSON.stringify(p.publish)}, subscribe: ${JSON.stringify(p.subscribe)} } }`;
  });
  return `accounts { VAULT: { jetstream: enabled, users: [\n  ${entries.join(",\n  ")}\n] } }`;
}
