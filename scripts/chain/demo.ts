/**
 * `npm run demo:chain`: a chain on one machine. PostgreSQL (HUB_DB_URL, default the local
 * server's `test` database, schema HUB_DB_SCHEMA or `vaultline_chain_demo`), a 3-node NATS
 * cluster, one METRC simulator per site, 2 hub processes (HUB_CHAIN=1) behind a load-balancing
 * front, and 3 sites × 2 vault stations with simulated devices. Prints every URL; Ctrl-C stops
 * it all. Ports 20700–20799 (CHAIN_DEMO_BASE_PORT moves them); DEMO_RESET=1 starts from empty.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createHubAuth } from "#hub/auth/index.js";
import { seedLedger } from "#hub/ledger/seed.js";
import { createLog } from "#hub/log.js";
import { seedDemoHistory } from "#hub/seed/demo-history.js";
import { demoStore } from "#hub/seed/demo-store.js";
import { simSeedFromDemoStore } from "#hub/statesystem/metrc-sim/seed.js";
import { startMetrcSimulator, type MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import { DEMO_LOGINS } from "../demo-stack.js";
import { startFront } from "./front.js";
import { startNatsCluster } from "./nats-cluster.js";
import type { BrokerUser } from "./nats-users.js";
import { spawnHubProcess, spawnStationProcess } from "./processes.js";

const base = Number(process.env.CHAIN_DEMO_BASE_PORT ?? 20700);
const dir = process.env.CHAIN_DEMO_DIR ?? "/tmp/vaultline-chain-demo";
const dbUrl = process.env.HUB_DB_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = process.env.HUB_DB_SCHEMA ?? "vaultline_chain_demo";
const apiToken = process.env.HUB_API_TOKEN ?? "chain-demo-api-token";
const store = demoStore();
const sites = [
  { id: "oakland", name: "Green Leaf Oakland", license: "C10-0000123-LIC" },
  { id: "denver", name: "Green Leaf Denver", license: "C10-0000456-LIC" },
  { id: "tacoma", name: "Green Leaf Tacoma", license: "C10-0000789-LIC" },
];
const stations = sites.flatMap((s) => [1, 2].map((n) => ({ stationId: `${s.id}-vault-${n}`, siteId: s.id })));
const hubLogin = { username: "hub", password: "chain-demo-hub" };
const stops: (() => Promise<void>)[] = [];

async function prepareLedger(): Promise<void> {
  const admin = new pg.Client({ connectionString: dbUrl });
  await admin.connect();
  if (process.env.DEMO_RESET === "1") await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await admin.end();
  const ledger = openLedger({ dataDir: dir, dbUrl, pgSchema: schema });
  try {
    await migrateLedger(ledger.db, { pgSchema: schema, defaultSiteId: sites[0]!.id });
    const known = await ledger.db.selectFrom("packages").select("label").limit(1).execute();
    if (known.length === 0) {
      for (const s of sites) {
        await seedLedger(ledger.db, s.id, { ...store, packages: [] });
        await seedDemoHistory(ledger.db, s.id, store);
      }
    }
    const auth = createHubAuth({ db: ledger.db, log: createLog("warn"), https: false });
    for (const [role, login] of Object.entries(DEMO_LOGINS)) {
      const employee = store.employees.find((e) => e.role === role);
      if (employee) await auth.service.setPassword(employee.id, login.username, login.password);
    }
  } finally {
    await ledger.close();
  }
}

async function main(): Promise<void> {
  if (process.env.DEMO_RESET === "1") rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await prepareLedger();
  const users: BrokerUser[] = [
    { kind: "hub", ...hubLogin },
    ...stations.map((s) => ({
      kind: "station" as const,
      stationId: s.stationId,
      username: s.stationId,
      password: `pw-${s.stationId}`,
    })),
  ];
  const cluster = await startNatsCluster({ dir: join(dir, "nats"), basePort: base + 60, users });
  stops.push(() => cluster.stop());
  const sims: MetrcSimulator[] = [];
  for (const [i, s] of sites.entries()) {
    const sim = await startMetrcSimulator({
      port: base + 80 + i,
      seed: { ...simSeedFromDemoStore(store), license: s.license, facilityName: s.name },
    });
    stops.push(() => sim.stop());
    sims.push(sim);
  }
  const hubSites = sites.map((s, i) => ({
    ...s,
    timeZone: store.site.timezone,
    stateSystem: { kind: "simulator", baseUrl: sims[i]!.url },
  }));
  const hubs = [];
  for (const i of [0, 1]) {
    const hub = await spawnHubProcess({
      index: i,
      port: base + 1 + i,
      dir,
      env: {
        HUB_DB_URL: dbUrl,
        HUB_DB_SCHEMA: schema,
        HUB_SITES: JSON.stringify(hubSites),
        MQTT_URL: cluster.mqttUrls[i]!,
        MQTT_USERNAME: hubLogin.username,
        MQTT_PASSWORD: hubLogin.password,
        HUB_API_TOKEN: apiToken,
      },
    });
    stops.push(() => hub.stop());
    hubs.push(hub);
  }
  const front = await startFront({ port: base, targets: hubs.map((h) => h.url) });
  stops.push(() => front.close());
  const kiosks = [];
  for (const [i, s] of stations.entries()) {
    const station = await spawnStationProcess({
      port: base + 11 + i,
      dir,
      env: {
        STATION_ID: s.stationId,
        SITE_ID: s.siteId,
        MQTT_URL: cluster.mqttUrls[i % 3]!,
        MQTT_USERNAME: s.stationId,
        MQTT_PASSWORD: `pw-${s.stationId}`,
        HUB_URL: front.url,
        HUB_API_TOKEN: apiToken,
        FACILITY_TIME_ZONE: store.site.timezone,
      },
    });
    stops.push(() => station.stop());
    kiosks.push({ ...s, url: station.url });
  }
  console.log(`Vaultline chain demo (PostgreSQL ${new URL(dbUrl).host}${new URL(dbUrl).pathname}, schema ${schema})`);
  console.log(
    `  dashboard (load-balanced): ${front.url}   sign in alex/vaultline-manager, sam/vaultline-auditor, terry/vaultline-admin`,
  );
  for (const [i, h] of hubs.entries()) console.log(`  hub process ${i + 1}:          ${h.url}`);
  console.log(`  chain view:                ${front.url}/chain`);
  for (const k of kiosks)
    console.log(`  kiosk ${k.stationId.padEnd(16)} ${k.url}   (site ${k.siteId}; badge EMP-0001 PIN 1111)`);
  for (const [i, u] of cluster.mqttUrls.entries()) console.log(`  NATS node ${i + 1} MQTT:        ${u}`);
  for (const [i, s] of sims.entries()) console.log(`  METRC simulator ${sites[i]!.id}: ${s.url}`);
}

async function stopAll(): Promise<void> {
  for (const fn of stops.splice(0).reverse()) await fn().catch((e: Error) => console.error(e.message));
}

process.once("SIGINT", () => void stopAll().then(() => process.exit(0)));
process.once("SIGTERM", () => void stopAll().then(() => process.exit(0)));
await main().catch(async (err: Error) => {
  console.error(err.message);
  await stopAll();
  process.exit(1);
});
