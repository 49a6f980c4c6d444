import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SimSeed } from "#hub/statesystem/metrc-sim/model.js";
import { startMetrcSimulator, type MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import { startMosquitto, type RunningMosquitto } from "../../test/support/mosquitto.js";
import { freePort } from "../../test/support/ports.js";
import { spawnStation, type StationProcess } from "../../test/support/station-process.js";
import { mountSmallDisk, type SmallDisk } from "./disk.js";
import { spawnHub, type HubProcess } from "./hub-process.js";

/**
 * Everything the drills act on, each in its own process as in a store: a private Mosquitto
 * (the broker outlives hub restarts, as an external broker does), the hub (SQLite, METRC client
 * pointed at the simulator), one vault station with simulated devices, and the METRC simulator
 * in this process so drills can set its faults and read its state.
 *
 *   soak ──POST /sim/scan──▶ station ──MQTT──▶ Mosquitto ──▶ hub ──▶ ledger.sqlite ◀── tally
 *   soak ──enqueue adjustment──▶ ledger.sqlite ──queue──▶ hub ──HTTP──▶ METRC simulator ◀── tally
 */
export const STATION_ID = "soak-1";
export const SITE_ID = "soak-site";
export const HUB_TOKEN = "soak-automation-token";
const clockShim = fileURLToPath(new URL("./clock-shift.mjs", import.meta.url));

export type Target = "station" | "hub";

export interface Rig {
  root: string;
  stationUrl: string;
  hubUrl: string;
  ledgerDir: string;
  broker: RunningMosquitto;
  metrc: MetrcSimulator;
  seed: SimSeed;
  /** The station's data folder is on a small tmpfs; absent with the reason it could not mount. */
  disk: SmallDisk | { skipped: string };
  isUp(t: Target): boolean;
  /** SIGKILL. */
  kill(t: Target): Promise<void>;
  start(t: Target): Promise<void>;
  /** Steps the wall clock of a process by setting its offset from true time, ms. */
  setClock(t: Target, offsetMs: number): void;
  close(keepFiles: boolean): Promise<void>;
}

/** A small facility: three items, twelve packages the soak adjusts. */
export function soakSeed(): SimSeed {
  const items = [
    { name: "Blue Dream 3.5g", category: "Buds", quantityType: "CountBased" as const, unit: "Each" },
    { name: "OG Kush Bulk", category: "Buds", quantityType: "WeightBased" as const, unit: "Grams" },
    { name: "Mango Gummies 100mg", category: "Edible", quantityType: "CountBased" as const, unit: "Each" },
  ];
  const packages = Array.from({ length: 12 }, (_, i) => {
    const item = items[i % items.length]!;
    return { label: `1A40603000SOAK0${String(i).padStart(9, "0")}`, itemName: item.name, quantity: 100, unit: item.unit, location: "Vault A-1", packagedDate: "2026-11-01" };
  });
  return { license: "C10-0000999-LIC", facilityName: "Soak Test Dispensary", timeZone: "America/Los_Angeles", items, locations: ["Vault A-1", "Sales Floor"], packages };
}

/** Starts the whole rig; on failure stops what already started. */
export async function startRig(opts: { resendMs: number }): Promise<Rig> {
  const root = mkdtempSync(join(tmpdir(), "vaultline-soak-"));
  const logs = join(root, "logs");
  mkdirSync(logs);
  const ledgerDir = join(root, "hub");
  const disk = mountSmallDisk(join(root, "station"), 16 * 1024);
  const stationDir = "skipped" in disk ? join(root, "station") : disk.dir;
  const clockFile = (t: Target) => join(root, `clock-${t}`);
  for (const t of ["station", "hub"] as const) writeFileSync(clockFile(t), "0");
  const broker = await startMosquitto();
  const seed = soakSeed();
  const metrc = await startMetrcSimulator({ port: 0, seed });
  const [hubPort, stationPort] = [await freePort(), await freePort()];
  const withClock = (t: Target) => ({
    SOAK_CLOCK_FILE: clockFile(t),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${clockShim}`.trim(),
  });
  const hubEnv = {
    ...withClock("hub"), HUB_PORT: String(hubPort), MQTT_URL: broker.url, HUB_DATA_DIR: ledgerDir, HUB_API_TOKEN: HUB_TOKEN,
    STATE_SYSTEM: "metrc", METRC_BASE_URL: metrc.url, METRC_VENDOR_KEY: metrc.control.keys.vendorKey, METRC_USER_KEY: metrc.control.keys.userKey,
    METRC_LICENSE: seed.license, FACILITY_TIME_ZONE: seed.timeZone, STATE_SYSTEM_SYNC_MINUTES: "0.1", HUB_MQTT_CLIENT_ID: "vaultline-hub-soak",
  };
  const stationEnv = {
    ...withClock("station"), STATION_PORT: String(stationPort), MQTT_URL: broker.url, STATION_DATA_DIR: stationDir,
    STATION_ID, SITE_ID, OUTBOX_RESEND_MS: String(opts.resendMs), MQTT_KEEPALIVE: "5", STATION_HOST: "127.0.0.1",
  };
  let hub: HubProcess | undefined;
  let station: StationProcess | undefined;
  const rig: Rig = {
    root, ledgerDir, broker, metrc, seed, disk,
    stationUrl: `http://127.0.0.1:${stationPort}`,
    hubUrl: `http://127.0.0.1:${hubPort}`,
    isUp: (t) => {
      const child = (t === "hub" ? hub : station)?.child;
      // A process killed by a signal keeps exitCode null; signalCode says it is gone.
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async kill(t) {
      if (t === "hub") await hub?.kill();
      else await station?.kill();
    },
    async start(t) {
      if (rig.isUp(t)) return;
      if (t === "hub") hub = await spawnHub(hubEnv, join(logs, "hub.log"));
      else station = await spawnStation(stationEnv, { logFile: join(logs, "station.log") });
    },
    setClock(t, offsetMs) {
      writeFileSync(clockFile(t), String(Math.round(offsetMs)));
      const child = (t === "hub" ? hub : station)?.child;
      if (child && rig.isUp(t)) child.kill("SIGUSR2");
    },
    async close(keepFiles) {
      await station?.stop().catch(() => undefined);
      await hub?.stop().catch(() => undefined);
      await metrc.stop();
      await broker.close();
      if (!("skipped" in disk)) disk.unmount();
      if (!keepFiles) rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    await rig.start("hub");
    await rig.start("station");
    return rig;
  } catch (e) {
    await rig.close(true);
    throw e;
  }
}
