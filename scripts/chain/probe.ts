/**
 * `tsx scripts/chain/probe.ts nats|rabbitmq [--json]`: starts a private 3-node cluster of the
 * broker on loopback ports (20800–20899), runs every station need of probe-checks.ts against it
 * with mqtt.js, prints one line per need, and stops the cluster. Exit 0 when every need held.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checks, type ProbeResult, type ProbeTarget } from "./probe-checks.js";
import { startNatsCluster } from "./nats-cluster.js";
import { makeTlsFiles } from "./tls-files.js";
import type { BrokerUser } from "./nats-users.js";
import { rabbitTarget } from "./rabbit-probe.js";

const hub = { username: "hub", password: "hub-secret" };
const stations = [
  { stationId: "probe-a", username: "probe-a", password: "a-secret" },
  { stationId: "probe-b", username: "probe-b", password: "b-secret" },
];
const users: BrokerUser[] = [{ kind: "hub", ...hub }, ...stations.map((s) => ({ kind: "station" as const, ...s }))];

async function natsTarget(dir: string): Promise<{ target: ProbeTarget; stop(): Promise<void> }> {
  const cluster = await startNatsCluster({ dir: join(dir, "cluster"), basePort: 20800, users });
  const files = makeTlsFiles(dir);
  const single = await startNatsCluster({
    dir: join(dir, "tls"),
    basePort: 20820,
    users,
    size: 1,
    tls: { certFile: files.certFile, keyFile: files.keyFile },
  }).catch(async (err: unknown) => {
    await cluster.stop();
    throw err;
  });
  return {
    target: {
      urls: cluster.mqttUrls,
      hub,
      stations,
      killNode: (i) => cluster.nodes[i]!.kill(),
      startNode: (i) => cluster.nodes[i]!.start(),
      tls: { url: single.mqttUrls[0]!, ca: files.ca, ...stations[0]! },
    },
    stop: async () => {
      await Promise.all([cluster.stop(), single.stop()]);
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} gave no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Runs every check in turn; a check that throws is a failed need with the error as its detail. */
export async function runChecks(target: ProbeTarget): Promise<ProbeResult[]> {
  const out: ProbeResult[] = [];
  for (const check of checks) {
    const r = await withTimeout(check(target), 60_000, check.name).catch((err: Error) => ({
      need: check.name,
      ok: false,
      detail: `error: ${err.message}`,
    }));
    out.push(r);
    console.log(`${r.ok ? "yes" : "NO "}  ${r.need}: ${r.detail}`);
  }
  return out;
}

async function main(): Promise<void> {
  const which = process.argv[2];
  if (which !== "nats" && which !== "rabbitmq") throw new Error("usage: probe.ts nats|rabbitmq");
  const dir = mkdtempSync(join(tmpdir(), `vaultline-probe-${which}-`));
  const started = Date.now();
  const { target, stop } = which === "nats" ? await natsTarget(dir) : await rabbitTarget(dir, { hub, stations });
  console.log(`${which}: 3 nodes up in ${Date.now() - started} ms`);
  try {
    const results = await runChecks(target);
    if (process.argv.includes("--json")) console.log(JSON.stringify(results));
    process.exitCode = results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
