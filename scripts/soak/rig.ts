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
  /**
   * SIGTERM, as systemd stops a service; SIGKILL after `graceMs`. Resolves with how long it took,
   * or null when the grace ran out.
   */
  stop(t: Target, graceMs: number): Promise<number | null>;
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
    return {
      label: `1A40603000SOAK0${String(i).padStart(9, "0")}`,
      itemName: item.name,
      quantity: 100,
      unit: item.unit,
      location: "Vault A-1",
      packagedDate: "2026-11-01",
    };
  });
  return {
    license: "C10-0000999-LIC",
    facilityName: "Soak Test Dispensary",
    timeZone: "America/Los_Angeles",
    items,
    locations: ["Vault A-1", "Sales Floor"],
    packages,
  };
}

interface Places {
  root: string;
  ledgerDir: string;
  stationDir: string;
  clockFile(t: Target): string;
}

/** Environment of the hub and the station: ports, broker, folders, METRC, and the clock shim. */
interface Parts {
  places: Places;
  broker: RunningMosquitto;
  metrc: MetrcSimulator;
  seed: SimSeed;
}

function childEnvs(
  { places: p, broker, metrc, seed }: Parts,
  ports: { hub: number; station: number },
  resendMs: number,
) {
  const withClock = (t: Target) => ({
    SOAK_CLOCK_FILE: p.clockFile(t),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${clockShim}`.trim(),
  });
  const logLevel = process.env.SOAK_LOG_LEVEL ?? "warn";
  const hub = {
    ...withClock("hub"),
    LOG_LEVEL: logLevel,
    HUB_PORT: String(ports.hub),
    MQTT_URL: broker.url,
    HUB_DATA_DIR: p.ledgerDir,
    HUB_API_TOKEN: HUB_TOKEN,
    STATE_SYSTEM: "metrc",
    METRC_BASE_URL: metrc.url,
    METRC_VENDOR_KEY: metrc.control.keys.vendorKey,
    METRC_USER_KEY: metrc.control.keys.userKey,
    METRC_LICENSE: seed.license,
    FACILITY_TIME_ZONE: seed.timeZone,
    STATE_SYSTEM_SYNC_MINUTES: "0.1",
    HUB_MQTT_CLIENT_ID: "vaultline-hub-soak",
  };
  const station = {
    ...withClock("station"),
    LOG_LEVEL: logLevel,
    STATION_PORT: String(ports.station),
    MQTT_URL: broker.url,
    STATION_DATA_DIR: p.stationDir,
    STATION_ID,
    SITE_ID,
    OUTBOX_RESEND_MS: String(resendMs),
    MQTT_KEEPALIVE: "5",
    STATION_HOST: "127.0.0.1",
  };
  return { hub, station };
}

/** Starts the whole rig; on failure stops what already started. */
export async function startRig(opts: { resendMs: number }): Promise<Rig> {
  const root = mkdtempSync(join(tmpdir(), "vaultline-soak-"));
  const logs = join(root, "logs");
  mkdirSync(logs);
  const disk = mountSmallDisk(join(root, "station"), 16 * 1024);
  const places: Places = {
    root,
    ledgerDir: join(root, "hub"),
    stationDir: "skipped" in disk ? join(root, "station") : disk.dir,
    clockFile: (t) => join(root, `clock-${t}`),
  };
  for (const t of ["station", "hub"] as const) writeFileSync(places.clockFile(t), "0");
  const broker = await startMosquitto();
  const seed = soakSeed();
  const metrc = await startMetrcSimulator({ port: 0, seed });
  const parts: Parts = { places, broker, metrc, seed };
  const env = childEnvs(parts, { hub: await freePort(), station: await freePort() }, opts.resendMs);
  const rig = assemble({ ...parts, logs, disk, env });
  try {
    await rig.start("hub");
    await rig.start("station");
    return rig;
  } catch (e) {
    await rig.close(true);
    throw e;
  }
}

/** The rig's controls over the started parts; hub and station start on the first `start`. */
function assemble({
  places,
  logs,
  disk,
  broker,
  metrc,
  seed,
  env,
}: Parts & { logs: string; disk: Rig["disk"]; env: ReturnType<typeof childEnvs> }): Rig {
  const { root, ledgerDir } = places;
  let hub: HubProcess | undefined;
  let station: StationProcess | undefined;
  const rig: Rig = {
    root,
    ledgerDir,
    broker,
    metrc,
    seed,
    disk,
    stationUrl: `http://127.0.0.1:${env.station.STATION_PORT}`,
    hubUrl: `http://127.0.0.1:${env.hub.HUB_PORT}`,
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
      if (t === "hub") hub = await spawnHub(env.hub, join(logs, "hub.log"));
      else station = await spawnStation(env.station, { logFile: join(logs, "station.log") });
    },
    setClock(t, offsetMs) {
      writeFileSync(places.clockFile(t), String(Math.round(offsetMs)));
      const child = (t === "hub" ? hub : station)?.child;
      if (child && rig.isUp(t)) child.kill("SIGUSR2");
    },
    async stop(t, graceMs) {
      const proc = t === "hub" ? hub : station;
      if (!proc || !rig.isUp(t)) return 0;
      const started = Date.now();
      const stopped = await Promise.race([
        proc.stop().then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), graceMs)),
      ]);
      if (stopped) return Date.now() - started;
      await proc.kill();
      return null;
    },
    async close(keepFiles) {
      await rig.stop("station", 10_000);
      await rig.stop("hub", 10_000);
      await metrc.stop();
      await broker.close();
      if (!("skipped" in disk)) disk.unmount();
      if (!keepFiles) rmSync(root, { recursive: true, force: true });
    },
  };
  return rig;
}
