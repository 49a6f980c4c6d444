/**
 * `npx tsx scripts/chain/cluster.ts [--dir DIR] [--base-port N] [--users FILE]`: a 3-node NATS
 * cluster on loopback ports N…N+11 (default 20860), until Ctrl-C or SIGTERM, which stop every
 * node cleanly (their JetStream stores stay in DIR for the next start). FILE is a JSON array of
 * logins (`{kind: "hub"|"station", username, password, stationId?}`); without it, the hub
 * `hub`/`hub-secret` and stations `station-1`…`station-6` (password `pw-<id>`).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startNatsCluster } from "./nats-cluster.js";
import type { BrokerUser } from "./nats-users.js";

const { values } = parseArgs({
  options: { dir: { type: "string" }, "base-port": { type: "string" }, users: { type: "string" } },
});
const defaults: BrokerUser[] = [
  { kind: "hub", username: "hub", password: "hub-secret" },
  ...[1, 2, 3, 4, 5, 6].map((n) => ({
    kind: "station" as const,
    stationId: `station-${n}`,
    username: `station-${n}`,
    password: `pw-station-${n}`,
  })),
];
const users = values.users ? (JSON.parse(readFileSync(values.users, "utf8")) as BrokerUser[]) : defaults;
const cluster = await startNatsCluster({
  dir: values.dir ?? "/tmp/vaultline-nats-cluster",
  basePort: Number(values["base-port"] ?? 20860),
  users,
});
for (const [i, url] of cluster.mqttUrls.entries()) console.log(`NATS node ${i + 1}: MQTT ${url}`);
await new Promise<void>((resolve) => {
  process.once("SIGINT", resolve);
  process.once("SIGTERM", resolve);
});
await cluster.stop();
console.log("cluster stopped");
