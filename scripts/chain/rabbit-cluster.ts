/**
 * A 3-node RabbitMQ cluster with the MQTT plugin (quorum queues for sessions) on loopback ports,
 * beside any RabbitMQ the machine already runs: each node has its own RABBITMQ_NODENAME, ports,
 * data and log folders, config, plugins file and Erlang cookie (HOME). Used by the probe only:
 * NATS is the supported cluster (docs/chain.md says why).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync, openSync, closeSync } from "node:fs";
import { join } from "node:path";
import { waitForPort } from "../../test/support/ports.js";

const BIN = "/usr/lib/rabbitmq/bin";

export interface RabbitNode {
  name: string;
  mqttUrl: string;
  kill(): Promise<void>;
  start(): Promise<void>;
}

export interface RabbitCluster {
  nodes: RabbitNode[];
  mqttUrls: string[];
  /** mqtts:// URL of node 1's TLS listener. */
  tlsUrl: string;
  /** Runs rabbitmqctl against node 1; throws with its output when it fails. */
  ctl(...args: string[]): string;
  stop(): Promise<void>;
}

interface Ports {
  amqp: number;
  dist: number;
  mqtt: number;
  mqtts: number;
}

const portsOf = (base: number, i: number): Ports => ({
  amqp: base + i * 4,
  dist: base + i * 4 + 1,
  mqtt: base + i * 4 + 2,
  mqtts: base + i * 4 + 3,
});

function nodeConf(
  i: number,
  p: Ports,
  names: string[],
  tls: { certFile: string; keyFile: string; caFile: string },
): string {
  return [
    `listeners.tcp.default = 127.0.0.1:${p.amqp}`,
    "loopback_users = none",
    `mqtt.listeners.tcp.default = 127.0.0.1:${p.mqtt}`,
    `mqtt.listeners.ssl.default = 127.0.0.1:${p.mqtts}`,
    `ssl_options.cacertfile = ${tls.caFile}`,
    `ssl_options.certfile = ${tls.certFile}`,
    `ssl_options.keyfile = ${tls.keyFile}`,
    "ssl_options.verify = verify_none",
    // Why: the plugin lets anyone in by default; sessions must be quorum queues from their first use.
    "mqtt.allow_anonymous = false",
    "mqtt.durable_queue_type = quorum",
    "cluster_formation.peer_discovery_backend = classic_config",
    ...names.map((n, j) => `cluster_formation.classic_config.nodes.${j + 1} = ${n}`),
    "management_agent.disable_metrics_collector = true",
    `log.file.level = ${i === 0 ? "info" : "warning"}`,
  ].join("\n");
}

/** Starts the cluster (nodes in parallel; classic peer discovery joins them) and waits for MQTT on each. */
export async function startRabbitCluster(opts: {
  dir: string;
  basePort: number;
  tls: { certFile: string; keyFile: string; caFile: string };
}): Promise<RabbitCluster> {
  const names = [1, 2, 3].map((i) => `vlchain${i}@localhost`);
  mkdirSync(opts.dir, { recursive: true });
  writeFileSync(join(opts.dir, ".erlang.cookie"), "VAULTLINECHAINPROBECOOKIE", { mode: 0o400 });
  const envOf = (i: number): NodeJS.ProcessEnv => {
    const p = portsOf(opts.basePort, i);
    const base = join(opts.dir, `n${i + 1}`);
    mkdirSync(base, { recursive: true });
    writeFileSync(join(base, "rabbitmq.conf"), nodeConf(i, p, names, opts.tls));
    writeFileSync(join(base, "enabled_plugins"), "[rabbitmq_mqtt].\n");
    return {
      ...process.env,
      HOME: opts.dir,
      RABBITMQ_NODENAME: names[i],
      RABBITMQ_NODE_PORT: String(p.amqp),
      RABBITMQ_DIST_PORT: String(p.dist),
      RABBITMQ_MNESIA_BASE: join(base, "mnesia"),
      RABBITMQ_LOG_BASE: join(base, "log"),
      RABBITMQ_CONFIG_FILE: join(base, "rabbitmq.conf"),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(base, "enabled_plugins"),
      RABBITMQ_PID_FILE: join(base, "pid"),
      RABBITMQ_CONF_ENV_FILE: join(base, "rabbitmq-env.conf"),
      RABBITMQ_ADVANCED_CONFIG_FILE: join(base, "advanced.config"),
    };
  };
  const envs = [0, 1, 2].map(envOf);
  const children: (ChildProcess | undefined)[] = [];
  const makeNode = (i: number): RabbitNode => ({
    name: names[i]!,
    mqttUrl: `mqtt://127.0.0.1:${portsOf(opts.basePort, i).mqtt}`,
    async kill() {
      const c = children[i];
      children[i] = undefined;
      if (!c || c.exitCode !== null) return;
      // rabbitmq-server is a shell wrapper: kill the Erlang VM by its pid file, as a crash would.
      spawnSync("sh", ["-c", `kill -9 "$(cat '${envs[i]!.RABBITMQ_PID_FILE}')"`]);
      await new Promise<void>((r) => (c.exitCode !== null ? r() : c.once("exit", () => r())));
    },
    async start() {
      const out = openSync(join(opts.dir, `n${i + 1}.out`), "a");
      children[i] = spawn(`${BIN}/rabbitmq-server`, [], { env: envs[i], stdio: ["ignore", out, out] });
      closeSync(out);
      await waitForPort(portsOf(opts.basePort, i).mqtt, 120_000);
    },
  });
  const nodes = [0, 1, 2].map(makeNode);
  const ctl = (...args: string[]): string => {
    const r = spawnSync(`${BIN}/rabbitmqctl`, ["-n", names[0]!, ...args], {
      env: envs[0],
      encoding: "utf8",
      timeout: 60_000,
    });
    if (r.status !== 0) throw new Error(`rabbitmqctl ${args.join(" ")}: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const stop = async () => {
    for (let i = 0; i < 3; i++) {
      if (!children[i]) continue;
      spawnSync(`${BIN}/rabbitmqctl`, ["-n", names[i]!, "stop"], { env: envs[i], stdio: "ignore", timeout: 60_000 });
      await nodes[i]!.kill();
    }
  };
  try {
    await Promise.all(nodes.map((n) => n.start()));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    nodes,
    mqttUrls: nodes.map((n) => n.mqttUrl),
    tlsUrl: `mqtts://127.0.0.1:${portsOf(opts.basePort, 0).mqtts}`,
    ctl,
    stop,
  };
}
