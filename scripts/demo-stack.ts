import { rmSync } from "node:fs";
import { hashMosquittoPassword } from "#hub/auth/mosquitto-hash.js";
import { createAuthStore } from "#hub/auth/store.js";
import { newSecret } from "#hub/auth/tokens.js";
import { composeHub, type ComposedHub } from "#hub/compose.js";
import { loadConfig as loadHubConfig } from "#hub/config.js";
import { seedLedger } from "#hub/ledger/seed.js";
import { createLog } from "#hub/log.js";
import { startHub, type RunningHub } from "#hub/main.js";
import { demoStore, type DemoStore } from "#hub/seed/demo-store.js";
import { runDemoHistory } from "#hub/seed/demo-steps.js";
import { SiteDirectory } from "#hub/sites/directory.js";
import { createStateSystem } from "#hub/statesystem/factory.js";
import { addIncomingLabResults, incomingLabResults, simSeedFromDemoStore } from "#hub/statesystem/metrc-sim/seed.js";
import { startMetrcSimulator, type MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import type { Devices } from "#station/devices/index.js";
import { loadConfig as loadStationConfig, startStation, type RunningStation } from "#station/main.js";

/**
 * The whole product on one machine, as `npm start` runs it and as the browser tests start it:
 * the METRC simulator seeded with the demo store and its 30 days of history, the hub composed as
 * in production (logins, state system, receiving) on its embedded broker and SQLite, and one vault
 * station with simulated devices and its own broker login. The station's look-up asks the hub's
 * JSON API with the hub's read-only HUB_API_TOKEN (a fresh one each run unless set).
 */
export interface DemoStack {
  store: DemoStore;
  hub: RunningHub;
  station: RunningStation;
  metrc?: MetrcSimulator;
  logins: ComposedHub["logins"];
  stop(): Promise<void>;
}

/** Dashboard logins of the demo's manager, auditor and admin; a real store sets them with `vaultline-hub user passwd`. */
export const DEMO_LOGINS = {
  manager: { username: "alex", password: "vaultline-manager" },
  auditor: { username: "sam", password: "vaultline-auditor" },
  admin: { username: "terry", password: "vaultline-admin" },
} as const;

async function demoLogins(store: DemoStore, logins: ComposedHub["logins"]): Promise<void> {
  for (const [role, login] of Object.entries(DEMO_LOGINS)) {
    const employee = store.employees.find((e) => e.role === role);
    if (employee) await logins.service.setPassword(employee.id, login.username, login.password);
  }
}

/** What `vaultline-hub station add` does, for the demo station: a fresh broker password each run. */
async function issueStationLogin(hub: RunningHub, stationId: string): Promise<{ username: string; password: string }> {
  const password = newSecret();
  await createAuthStore(hub.db).putStationCredential({
    stationId,
    username: stationId,
    passwordHash: await hashMosquittoPassword(password),
    nowMs: Date.now(),
  });
  return { username: stationId, password };
}

async function startSimulator(store: DemoStore, port: number): Promise<MetrcSimulator> {
  const seed = simSeedFromDemoStore(store);
  const metrc = await startMetrcSimulator({ port, seed }).catch((e: NodeJS.ErrnoException) => {
    throw e.code === "EADDRINUSE" ? new Error(`port ${port} is already in use: set METRC_SIM_PORT to a free port`) : e;
  });
  // The restock manifest's eighth package failed its microbials test: the kiosk refuses it.
  const failed = seed.transfers?.find((t) => t.manifestNumber === "0000900003")?.packages[7]?.label;
  addIncomingLabResults(metrc.control.state, incomingLabResults(seed, { failed: failed ? [failed] : [] }));
  return metrc;
}

/** Starts the stack from environment-style settings (ports, data folders, MQTT_URL…); stops in reverse on failure. */
export async function startDemoStack(
  env: Record<string, string | undefined>,
  opts: { stationDevices?: Devices } = {},
): Promise<DemoStack> {
  const store = demoStore();
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const fn of stops.splice(0).reverse()) await fn().catch((e: Error) => console.error(e.message));
  };
  try {
    if (env.DEMO_RESET === "1") {
      rmSync(env.HUB_DATA_DIR ?? "./data/hub", { recursive: true, force: true });
      rmSync(env.STATION_DATA_DIR ?? "./data/station", { recursive: true, force: true });
    }
    const apiToken = env.HUB_API_TOKEN || newSecret();
    // The hub's one site is the demo store, the site its station names; a sites list (HUB_SITES or
    // HUB_CONFIG) is taken as given, each site naming its own state system.
    const listed = Boolean(env.HUB_SITES || env.HUB_CONFIG);
    const oneSite = listed
      ? {}
      : {
          STATE_SYSTEM: env.STATE_SYSTEM || "simulator",
          SITE_ID: env.SITE_ID || store.site.id,
          FACILITY_TIME_ZONE: env.FACILITY_TIME_ZONE || store.site.timezone,
        };
    const demoEnv = { LOG_LEVEL: "warn", ...env, HUB_API_TOKEN: apiToken, ...oneSite };
    const first = loadHubConfig(demoEnv);
    const metrc =
      !first.sitesConfigured && first.STATE_SYSTEM === "simulator"
        ? await startSimulator(store, first.METRC_SIM_PORT)
        : undefined;
    if (metrc) stops.push(() => metrc.stop());
    // The simulator the demo started is the state system, unless METRC_BASE_URL names another.
    const hubCfg =
      metrc && !env.METRC_BASE_URL
        ? loadHubConfig({ ...demoEnv, METRC_BASE_URL: metrc.url, METRC_LICENSE: store.site.licenseNumber })
        : first;
    let hubUrl: string | undefined;
    const composed = composeHub(hubCfg, {
      log: createLog(hubCfg.LOG_LEVEL),
      publicUrl: () => hubUrl,
      beforeStart: async (db) => {
        const known = await db.selectFrom("packages").select("label").limit(1).execute();
        if (known.length > 0) return;
        // Items and employees load as the ledger's start; then the history steps (hub/seed/demo-steps.ts).
        const { id: site, timeZone } = hubCfg.sites[0]!;
        await seedLedger(db, site, { ...store, packages: [] });
        // The reconciliation step syncs the simulator the demo started (the state system's true sales).
        const reconcile = metrc
          ? {
              stateSystem: createStateSystem(hubCfg, { log: createLog("warn") }),
              sites: new SiteDirectory(hubCfg.sites, false),
            }
          : undefined;
        const took = await runDemoHistory({ db, site, timeZone, store, ...(reconcile ? { reconcile } : {}) });
        console.log(`demo history: ${took.map((t) => `${t.step} ${t.ms} ms`).join(", ")}`);
      },
    });
    const hub = await startHub(composed.cfg, composed.options);
    hubUrl = hub.url.replace("127.0.0.1", "localhost");
    stops.push(() => hub.stop());
    await demoLogins(store, composed.logins);
    const stationId = env.STATION_ID ?? "vault-1";
    const login = await issueStationLogin(hub, stationId);
    const station = await startStation(
      loadStationConfig({
        LOG_LEVEL: "warn",
        SITE_ID: store.site.id,
        HUB_URL: hub.url,
        FACILITY_TIME_ZONE: store.site.timezone,
        ...env,
        HUB_API_TOKEN: apiToken,
        STATION_ID: stationId,
        MQTT_URL: env.MQTT_URL ?? hub.mqttUrl,
        ...(env.MQTT_URL ? {} : { MQTT_USERNAME: login.username, MQTT_PASSWORD: login.password }),
      }),
      opts.stationDevices ? { devices: opts.stationDevices } : {},
    );
    stops.push(() => station.stop());
    return { store, hub, station, ...(metrc ? { metrc } : {}), logins: composed.logins, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
