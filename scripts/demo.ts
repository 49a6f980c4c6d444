import { rmSync } from "node:fs";
import { loadConfig as loadHubConfig } from "#hub/config.js";
import { seedLedger } from "#hub/ledger/seed.js";
import { startHub, type RunningHub } from "#hub/main.js";
import { demoStore } from "#hub/seed/demo-store.js";
import { simSeedFromDemoStore } from "#hub/statesystem/metrc-sim/seed.js";
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

async function startDemo(): Promise<void> {
  if (env.DEMO_RESET === "1") {
    rmSync(env.HUB_DATA_DIR ?? "./data/hub", { recursive: true, force: true });
    rmSync(env.STATION_DATA_DIR ?? "./data/station", { recursive: true, force: true });
  }
  const hubCfg = loadHubConfig({ STATE_SYSTEM: "simulator", LOG_LEVEL: "warn", ...env });
  let metrc: MetrcSimulator | undefined;
  if (hubCfg.STATE_SYSTEM === "simulator") {
    metrc = await startMetrcSimulator({ port: hubCfg.METRC_SIM_PORT, seed: simSeedFromDemoStore(store) }).catch((e: NodeJS.ErrnoException) => {
      throw e.code === "EADDRINUSE" ? new Error(`port ${hubCfg.METRC_SIM_PORT} is already in use: set METRC_SIM_PORT to a free port`) : e;
    });
    stops.push(() => metrc!.stop());
  }
  const hub: RunningHub = await startHub(hubCfg, {
    beforeStart: async (db) => {
      const known = await db.selectFrom("packages").select("label").limit(1).execute();
      if (known.length === 0) await seedLedger(db, store);
    },
  });
  stops.push(() => hub.stop());
  const stationCfg = loadStationConfig({ LOG_LEVEL: "warn", SITE_ID: store.site.id, ...env, MQTT_URL: env.MQTT_URL ?? hub.mqttUrl });
  const station: RunningStation = await startStation(stationCfg);
  stops.push(() => station.stop());
  const coordinator = store.employees.find((e) => e.role === "coordinator")!;
  console.log(`
Vaultline demo — ${store.site.name} (license ${store.site.licenseNumber})
  dashboard  ${hub.url.replace("127.0.0.1", "localhost")}
  kiosk      ${station.url.replace("127.0.0.1", "localhost")}
  MQTT       ${hub.mqttUrl}${metrc ? `\n  METRC sim  ${metrc.url}` : ""}
Sign in at the kiosk: badge ${coordinator.badge}, PIN ${coordinator.pin} (${coordinator.name}, coordinator).
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
