import { rmSync } from "node:fs";
import { hashMosquittoPassword } from "#hub/auth/mosquitto-hash.js";
import { createAuthStore } from "#hub/auth/store.js";
import { newSecret } from "#hub/auth/tokens.js";
import { composeHub } from "#hub/compose.js";
import { loadConfig as loadHubConfig } from "#hub/config.js";
import { seedLedger } from "#hub/ledger/seed.js";
import { createLog } from "#hub/log.js";
import { startHub, type RunningHub } from "#hub/main.js";
import { demoStore } from "#hub/seed/demo-store.js";
import { addIncomingLabResults, incomingLabResults, simSeedFromDemoStore } from "#hub/statesystem/metrc-sim/seed.js";
import { startMetrcSimulator, type MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import { loadConfig as loadStationConfig, startStation, type RunningStation } from "#station/main.js";

/**
 * `npm start`: the whole product on one machine. The METRC simulator (seeded with the demo store and
 * 30 days of history), the hub on its embedded broker and SQLite, and one vault station with
 * simulated devices. Prints the URLs; Ctrl-C stops everything in reverse order.
 */
const env = process.env;
const store = demoStore();
const stops: Array<() => Promise<void>> = [];

async function stopAll(): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch((e: Error) => console.error(e.message));
}

/** Dashboard logins of the demo's manager, auditor and admin; a real store sets them with `vaultline-hub user passwd`. */
const DEMO_LOGINS = {
  manager: { username: "alex", password: "vaultline-manager" },
  auditor: { username: "sam", password: "vaultline-auditor" },
  admin: { username: "terry", password: "vaultline-admin" },
} as const;

async function demoLogins(logins: ReturnType<typeof composeHub>["logins"]): Promise<void> {
  for (const [role, login] of Object.entries(DEMO_LOGINS)) {
    const employee = store.employees.find((e) => e.role === role);
    if (employee) await logins.service.setPassword(employee.id, login.username, login.password);
  }
}

/** What `vaultline-hub station add` does, for the demo station: a fresh broker password each run. */
async function issueStationLogin(hub: RunningHub, stationId: string): Promise<{ username: string; password: string }> {
  const password = newSecret();
  await createAuthStore(hub.db).putStationCredential({ stationId, username: stationId, passwordHash: await hashMosquittoPassword(password), nowMs: Date.now() });
  return { username: stationId, password };
}

async function startDemo(): Promise<void> {
  if (env.DEMO_RESET === "1") {
    rmSync(env.HUB_DATA_DIR ?? "./data/hub", { recursive: true, force: true });
    rmSync(env.STATION_DATA_DIR ?? "./data/station", { recursive: true, force: true });
  }
  const hubCfg = loadHubConfig({ STATE_SYSTEM: "simulator", LOG_LEVEL: "warn", ...env });
  let metrc: MetrcSimulator | undefined;
  if (hubCfg.STATE_SYSTEM === "simulator") {
    const seed = simSeedFromDemoStore(store);
    metrc = await startMetrcSimulator({ port: hubCfg.METRC_SIM_PORT, seed }).catch((e: NodeJS.ErrnoException) => {
      throw e.code === "EADDRINUSE" ? new Error(`port ${hubCfg.METRC_SIM_PORT} is already in use: set METRC_SIM_PORT to a free port`) : e;
    });
    // The restock manifest's eighth package failed its microbials test: the kiosk refuses it.
    const failed = seed.transfers?.find((t) => t.manifestNumber === "0000900003")?.packages[7]?.label;
    addIncomingLabResults(metrc.control.state, incomingLabResults(seed, { failed: failed ? [failed] : [] }));
    stops.push(() => metrc!.stop());
  }
  let hubUrl: string | undefined;
  const hubEnv = { ...env, STATE_SYSTEM: hubCfg.STATE_SYSTEM, FACILITY_TIME_ZONE: env.FACILITY_TIME_ZONE ?? store.site.timezone, ...(metrc && !env.METRC_BASE_URL ? { METRC_BASE_URL: metrc.url, METRC_LICENSE: store.site.licenseNumber } : {}) };
  const composed = composeHub(hubCfg, {
    env: hubEnv,
    log: createLog(hubCfg.LOG_LEVEL),
    publicUrl: () => hubUrl,
    beforeStart: async (db) => {
      const known = await db.selectFrom("packages").select("label").limit(1).execute();
      if (known.length === 0) await seedLedger(db, store);
    },
  });
  const hub: RunningHub = await startHub(composed.cfg, composed.options);
  hubUrl = hub.url.replace("127.0.0.1", "localhost");
  stops.push(() => hub.stop());
  await demoLogins(composed.logins);
  const stationId = env.STATION_ID ?? "vault-1";
  const stationLogin = await issueStationLogin(hub, stationId);
  const stationCfg = loadStationConfig({
    LOG_LEVEL: "warn", SITE_ID: store.site.id, ...env, STATION_ID: stationId, MQTT_URL: env.MQTT_URL ?? hub.mqttUrl,
    ...(env.MQTT_URL ? {} : { MQTT_USERNAME: stationLogin.username, MQTT_PASSWORD: stationLogin.password }),
  });
  const station: RunningStation = await startStation(stationCfg);
  stops.push(() => station.stop());
  const coordinator = store.employees.find((e) => e.role === "coordinator")!;
  const manager = store.employees.find((e) => e.role === "manager")!;
  console.log(`
Vaultline demo — ${store.site.name} (license ${store.site.licenseNumber})
  dashboard  ${hub.url.replace("127.0.0.1", "localhost")}
  kiosk      ${station.url.replace("127.0.0.1", "localhost")}
  MQTT       ${hub.mqttUrl}${metrc ? `\n  METRC sim  ${metrc.url}` : ""}
Sign in at the kiosk: badge ${coordinator.badge}, PIN ${coordinator.pin} (${coordinator.name}, coordinator).
Sign in at the dashboard: ${DEMO_LOGINS.manager.username} / ${DEMO_LOGINS.manager.password} (${manager.name}, manager); auditor: ${DEMO_LOGINS.auditor.username} / ${DEMO_LOGINS.auditor.password}; admin: ${DEMO_LOGINS.admin.username} / ${DEMO_LOGINS.admin.password}.
Simulate a scan: curl -X POST ${station.url}/sim/scan -H 'content-type: application/json' -d '{"code":"${store.packages[0]!.label}"}'
Ctrl-C stops everything.`);
}

process.once("SIGINT", () => void stopAll().then(() => process.exit(0)));
process.once("SIGTERM", () => void stopAll().then(() => process.exit(0)));
startDemo().catch(async (e: Error) => {
  console.error(`vaultline demo: ${e.message}`);
  await stopAll();
  process.exit(1);
});
