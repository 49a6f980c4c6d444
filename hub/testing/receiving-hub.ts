/**
 * A hub with receiving wired as the product wires it, against a seeded METRC simulator: for the
 * receiving integration and browser tests.
 *
 *   METRC simulator (demo store + 40-package restock manifest, lab results in transit)
 *        ▲ HTTP
 *   hub: ledger seeded from the same store ─ state-system module (sync on demand) ─ receiving module
 */
import type { Logger } from "pino";
import { loadConfig } from "#hub/config.js";
import { seedLedger } from "#hub/ledger/seed.js";
import { startHub, type RunningHub } from "#hub/main.js";
import { demoStore, type DemoStore } from "#hub/seed/demo-store.js";
import { stateSystemModule, stateSystemSlice, type StateSystemModule } from "#hub/statesystem/index.js";
import { addIncomingLabResults, incomingLabResults, simSeedFromDemoStore } from "#hub/statesystem/metrc-sim/seed.js";
import { startMetrcSimulator, type MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import { receivingModule } from "#hub/receiving/module.js";
import type { ReceivingService } from "#hub/receiving/service.js";

/** The demo seed's 40-package restock manifest. */
export const RESTOCK_MANIFEST = "0000900003";

export interface ReceivingHubRig {
  hub: RunningHub;
  sim: MetrcSimulator;
  ss: StateSystemModule;
  store: DemoStore;
  receiving: ReceivingService;
  /** Labels of the restock manifest, in METRC's order. */
  restockLabels: string[];
  /** Sync from the simulator now; resolves after receiving's pass that follows it. */
  syncNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface ReceivingHubRigOptions {
  dataDir: string;
  log: Logger;
  /** Restock positions (0-based) whose microbials test failed. */
  failedLab?: number[];
  /** HUB_PORT and MQTT_PORT; 0 picks free ones. */
  hubPort?: number;
  mqttPort?: number;
  /** MQTT_URL of an external broker instead of the embedded one. */
  mqttUrl?: string;
  /** A PostgreSQL ledger (HUB_DB_URL, HUB_DB_SCHEMA) instead of SQLite in dataDir. */
  postgres?: { url: string; schema: string };
}

/** Starts the simulator and the hub; `stop()` stops both. */
export async function startReceivingHub(opts: ReceivingHubRigOptions): Promise<ReceivingHubRig> {
  const now = Date.now();
  const store = demoStore({ packages: 60, days: 2, now: new Date(now) });
  const seed = simSeedFromDemoStore(store, { now });
  const restock = seed.transfers!.find((t) => t.manifestNumber === RESTOCK_MANIFEST)!;
  const restockLabels = restock.packages.map((p) => p.label);
  const sim = await startMetrcSimulator({ port: 0, seed });
  addIncomingLabResults(
    sim.control.state,
    incomingLabResults(seed, { failed: (opts.failedLab ?? []).map((i) => restockLabels[i]!) }),
  );
  let ss: StateSystemModule | undefined;
  let receiving: ReceivingService | undefined;
  let hubUrl: string | undefined;
  const env = {
    STATE_SYSTEM: "simulator",
    METRC_BASE_URL: sim.url,
    METRC_LICENSE: seed.license,
    FACILITY_TIME_ZONE: store.site.timezone,
    STATE_SYSTEM_SYNC_MINUTES: "0",
  };
  const cfg = loadConfig({
    ...env,
    HUB_PORT: String(opts.hubPort ?? 0),
    MQTT_PORT: String(opts.mqttPort ?? 0),
    HUB_DATA_DIR: opts.dataDir,
    LOG_LEVEL: "silent",
    HUB_STATION_STALE_MS: "600000",
    ...(opts.mqttUrl ? { MQTT_URL: opts.mqttUrl } : {}),
    ...(opts.postgres ? { HUB_DB_URL: opts.postgres.url, HUB_DB_SCHEMA: opts.postgres.schema } : {}),
    // Unique per run: on a shared external broker a fixed id would take over another hub's session.
    HUB_MQTT_CLIENT_ID: `hub-rx-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  });
  const hub = await startHub(cfg, {
    log: opts.log,
    beforeStart: (db) => seedLedger(db, cfg.sites[0]!.id, store),
    modules: [
      stateSystemModule(stateSystemSlice(cfg), { syncAtStart: false, onStarted: (m) => void (ss = m) }),
      receivingModule({ everyMs: 3_600_000, onStarted: (s) => void (receiving = s), publicUrl: () => hubUrl }),
    ],
  }).catch(async (err: Error) => {
    await sim.stop();
    throw err;
  });
  hubUrl = hub.url;
  return {
    hub,
    sim,
    ss: ss!,
    store,
    receiving: receiving!,
    restockLabels,
    async syncNow() {
      const report = await ss!.worker.syncNow();
      if (!report.ok)
        throw new Error(`state-system sync failed: ${JSON.stringify(report.entities.filter((e) => e.error))}`);
      await receiving!.pass();
    },
    async stop() {
      await hub.stop();
      await sim.stop();
    },
  };
}
