/**
 * A 3-node NATS cluster (JetStream, MQTT listener on each node) on loopback ports, for the chain
 * tests, the chain benchmark and `npm run demo:chain`. Each node has its own config, JetStream
 * store and log under one folder; nodes can be killed and restarted one at a time.
 *
 *   station ─MQTT─▶ node 1 ─┐  routes (full mesh)   $MQTT_msgs / $MQTT_sess / $MQTT_rmsgs
 *   station ─MQTT─▶ node 2 ─┼─────────────────────▶ streams with 3 replicas (2 of 3 must stay up)
 *   hub     ─MQTT─▶ node 3 ─┘
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, closeSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { natsAccounts, type BrokerUser } from "./nats-users.js";
import { waitForPort } from "../../test/support/ports.js";

const CANDIDATES = ["/usr/sbin/nats-server", "/usr/bin/nats-server"];

/** Debian's nats-server binary, or undefined when it is not installed. */
export function natsServerBinary(): string | undefined {
  return CANDIDATES.find((p) => spawnSync(p, ["--version"], { stdio: "ignore" }).status === 0);
}

/** Ports of one node: client (NATS), route (cluster), MQTT and monitoring (HTTP). */
interface NodePorts {
  client: number;
  route: number;
  mqtt: number;
  monitor: number;
}

/** One node of the cluster. */
export interface NatsNode {
  name: string;
  /** mqtt://127.0.0.1:port of this node's MQTT listener. */
  mqttUrl: string;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** SIGTERM: NATS closes its clients and flushes its store. */
  stop(): Promise<void>;
  /** Starts it again with the same config and store (it catches up from the others). */
  start(): Promise<void>;
  running(): boolean;
}

/** A running cluster. */
export interface NatsCluster {
  nodes: NatsNode[];
  /** Every node's MQTT URL, in node order. */
  mqttUrls: string[];
  /** Stops every node (SIGTERM, then waits for each to exit). */
  stop(): Promise<void>;
}

export interface NatsClusterOptions {
  /** Folder for configs, JetStream stores and logs (created). */
  dir: string;
  /** First of 12 consecutive ports (client, route, MQTT, monitor per node); else 4 per node from `ports`. */
  basePort: number;
  /** MQTT logins: the hub and each station with its topic permissions. */
  users: BrokerUser[];
  /** Node count, 3 unless a probe wants one. */
  size?: number;
  /** PEM files for the MQTT listener; with them every MQTT listener speaks TLS only. */
  tls?: { certFile: string; keyFile: string };
}

function portsOf(base: number, i: number): NodePorts {
  const b = base + i * 4;
  return { client: b, route: b + 1, mqtt: b + 2, monitor: b + 3 };
}

function nodeConfig(opts: NatsClusterOptions, i: number, size: number): string {
  const p = portsOf(opts.basePort, i);
  const routes = Array.from({ length: size }, (_, j) => `"nats-route://127.0.0.1:${portsOf(opts.basePort, j).route}"`);
  const tls = opts.tls ? `, tls { cert_file: "${opts.tls.certFile}", key_file: "${opts.tls.keyFile}" }` : "";
  return [
    `server_name: vl-n${i + 1}`,
    `listen: 127.0.0.1:${p.client}`,
    `http: 127.0.0.1:${p.monitor}`,
    `jetstream { store_dir: "${join(opts.dir, `n${i + 1}`)}", max_mem: 256MB, max_file: 2GB }`,
    size > 1 ? `cluster { name: vaultline, listen: 127.0.0.1:${p.route}, routes: [${routes.join(", ")}] }` : "",
    // Why stream_replicas 3: sessions, queued QoS 1 messages and retained status then survive one node's loss.
    `mqtt { listen: 127.0.0.1:${p.mqtt}, stream_replicas: ${Math.min(3, size)}, ack_wait: "10s", max_ack_pending: 4096${tls} }`,
    natsAccounts(opts.users),
  ].join("\n");
}

function startNode(bin: string, conf: string, log: string): ChildProcess {
  const out = openSync(log, "a");
  const child = spawn(bin, ["-c", conf], { stdio: ["ignore", out, out] });
  closeSync(out);
  return child;
}

/** Waits until the node's monitor says JetStream is ready (`/healthz?js-enabled-only=true`). */
async function healthy(monitorPort: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${monitorPort}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`NATS node on monitor port ${monitorPort} not healthy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function makeNode(bin: string, opts: NatsClusterOptions, i: number, size: number): NatsNode {
  const p = portsOf(opts.basePort, i);
  const conf = join(opts.dir, `n${i + 1}.conf`);
  writeFileSync(conf, nodeConfig(opts, i, size));
  let child: ChildProcess | undefined;
  const end = async (signal: NodeJS.Signals) => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once("exit", () => resolve());
      c.kill(signal);
    });
  };
  return {
    name: `vl-n${i + 1}`,
    mqttUrl: `${opts.tls ? "mqtts" : "mqtt"}://127.0.0.1:${p.mqtt}`,
    kill: () => end("SIGKILL"),
    stop: () => end("SIGTERM"),
    running: () => child !== undefined && child.exitCode === null,
    async start() {
      child = startNode(bin, conf, join(opts.dir, `n${i + 1}.log`));
      await waitForPort(p.mqtt, 20_000);
    },
  };
}

/**
 * Starts the cluster and waits until every node's MQTT listener answers and JetStream is
 * healthy. All nodes start before any MQTT client connects: NATS makes an account's MQTT
 * streams at its first MQTT connect, and that fails while no quorum is up.
 */
export async function startNatsCluster(opts: NatsClusterOptions): Promise<NatsCluster> {
  const bin = natsServerBinary();
  if (!bin) throw new Error("nats-server is not installed (apt-get install nats-server)");
  const size = opts.size ?? 3;
  mkdirSync(opts.dir, { recursive: true });
  const nodes = Array.from({ length: size }, (_, i) => makeNode(bin, opts, i, size));
  const stopAll = () => Promise.all(nodes.map((n) => n.stop())).then(() => undefined);
  try {
    await Promise.all(nodes.map((n) => n.start()));
    await Promise.all(nodes.map((_, i) => healthy(portsOf(opts.basePort, i).monitor, 30_000)));
  } catch (err) {
    await stopAll();
    throw err;
  }
  return { nodes, mqttUrls: nodes.map((n) => n.mqttUrl), stop: stopAll };
}
