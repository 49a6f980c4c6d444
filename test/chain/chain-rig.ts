/**
 * The chain as the tests run it: a 3-node NATS cluster (scripts/chain), a fresh PostgreSQL
 * schema, hub processes (`vaultline-hub`, HUB_CHAIN=1) each on its own cluster node, and
 * emulated stations of three sites, each with its own broker login.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startNatsCluster, type NatsCluster } from "../../scripts/chain/nats-cluster.js";
import type { BrokerUser } from "../../scripts/chain/nats-users.js";
import { openTestLedger, PG_TEST_URL, type TestLedger } from "#hub/testing/ledger.js";
import { freePort } from "../support/ports.js";
import { ChainStation } from "./chain-station.js";

const hubMain = fileURLToPath(new URL("../../hub/run.ts", import.meta.url));

/** Three sites, two stations each (site ids are the stations' SITE_ID). */
export const CHAIN_SITES = ["oakland", "denver", "tacoma"].map((id, i) => ({
  id,
  license: `C10-000${i + 1}-LIC`,
  timeZone: "America/Los_Angeles",
  stateSystem: { kind: "simulator" as const },
}));

/** Read-only API token of every hub process. */
export const CHAIN_API_TOKEN = "chain-test-token";

export const HUB_LOGIN = { username: "hub", password: "chain-hub-secret" };

/** Station `n` (0-based) of the chain: its id, site and login. */
export function stationLogin(n: number): { stationId: string; siteId: string; username: string; password: string } {
  const site = CHAIN_SITES[Math.floor(n / 2) % CHAIN_SITES.length]!;
  const stationId = `${site.id}-vault-${(n % 2) + 1}`;
  return { stationId, siteId: site.id, username: stationId, password: `pw-${stationId}` };
}

export interface HubProcess {
  url: string;
  child: ChildProcess;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface ChainRig {
  cluster: NatsCluster;
  /** The PostgreSQL server's URL (the ledger's schema is `ledger.pgSchema`). */
  dbUrl: string;
  ledger: TestLedger;
  dir: string;
  stations: ChainStation[];
  startHub(index: number, extraEnv?: Record<string, string>): Promise<HubProcess>;
  close(): Promise<void>;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hub process exited with ${child.exitCode} before answering`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`hub at ${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts the cluster on ports from `basePort` (12 in a row) and a fresh schema; stations are made, not started. */
export async function startChainRig(opts: { basePort: number; stations: number }): Promise<ChainRig> {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-chain-"));
  const logins = Array.from({ length: opts.stations }, (_, i) => stationLogin(i));
  const users: BrokerUser[] = [
    { kind: "hub", ...HUB_LOGIN },
    ...logins.map((l) => ({ kind: "station" as const, ...l })),
  ];
  const cluster = await startNatsCluster({ dir: join(dir, "nats"), basePort: opts.basePort, users });
  const ledger = await openTestLedger("postgres");
  const hubs: HubProcess[] = [];
  const stations = logins.map(
    (l, i) => new ChainStation({ ...l, urls: cluster.mqttUrls, first: i % cluster.mqttUrls.length, resendMs: 3_000 }),
  );
  const startHub = async (index: number, extraEnv: Record<string, string> = {}): Promise<HubProcess> => {
    const port = await freePort();
    const out = openSync(join(dir, `hub-${index}.log`), "a");
    const child = spawn(process.execPath, ["--import", "tsx", hubMain], {
      env: {
        ...process.env,
        LOG_LEVEL: "warn",
        HUB_PORT: String(port),
        HUB_DATA_DIR: join(dir, `hub-${index}`),
        HUB_DB_URL: PG_TEST_URL,
        HUB_DB_SCHEMA: ledger.pgSchema!,
        HUB_CHAIN: "1",
        HUB_SITES: JSON.stringify(CHAIN_SITES),
        HUB_MQTT_CLIENT_ID: `vaultline-hub-${index}`,
        MQTT_URL: cluster.mqttUrls[index % cluster.mqttUrls.length]!,
        MQTT_USERNAME: HUB_LOGIN.username,
        MQTT_PASSWORD: HUB_LOGIN.password,
        METRC_SIM_PORT: String(await freePort()),
        STATE_SYSTEM_SYNC_MINUTES: "0",
        HUB_API_TOKEN: CHAIN_API_TOKEN,
        ...extraEnv,
      },
      stdio: ["ignore", out, out],
    });
    closeSync(out);
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(url, child, 60_000);
    const hub: HubProcess = {
      url,
      child,
      async kill() {
        child.kill("SIGKILL");
        await exited;
      },
      async stop() {
        child.kill("SIGTERM");
        await exited;
      },
    };
    hubs.push(hub);
    return hub;
  };
  return {
    cluster,
    dbUrl: PG_TEST_URL,
    ledger,
    dir,
    stations,
    startHub,
    async close() {
      await Promise.all(stations.map((s) => s.stop().catch(() => undefined)));
      await Promise.all(hubs.map((h) => h.stop().catch(() => undefined)));
      await cluster.stop();
      await ledger.dispose();
      // CHAIN_RIG_KEEP=1 keeps the hubs' and nodes' logs for a look after a failure.
      if (process.env.CHAIN_RIG_KEEP === "1") console.log(`chain rig logs kept in ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}
