import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterEach } from "vitest";
import { loadConfig as loadHubConfig } from "#hub/config.js";
import { startHub, type RunningHub } from "#hub/main.js";
import { loadConfig as loadStationConfig, startStation, type RunningStation } from "#station/main.js";
import { freePort } from "./ports.js";

/**
 * One place that starts hubs and stations for the cross-service suites. With MQTT_URL set (CI runs
 * the suite a second time that way) both talk to that external broker; otherwise the hub's
 * embedded aedes broker carries the traffic.
 */
export const externalBroker = process.env.MQTT_URL || undefined;
export const brokerName = externalBroker ? `Mosquitto at ${externalBroker}` : "embedded aedes";

const quiet = pino({ level: "silent" });

/** Unique per run, so that suites sharing one external broker never see each other's stations. */
export function uniqueStationId(name: string): string {
  return `${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * The clean-ups a suite's tests register as they start things (hubs, stations, brokers, folders):
 * after each test they run, the last registered first, and the list is empty again.
 */
export function cleanUpAfterEach(): Array<() => Promise<void> | void> {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });
  return cleanups;
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface HubPlan {
  dataDir: string;
  /** Fixed embedded-broker port, so a stopped hub comes back where stations look for it. */
  mqttPort: number;
  clientId: string;
  mqttUrl: string;
}

export async function planHub(): Promise<HubPlan> {
  const mqttPort = await freePort();
  return {
    dataDir: tempDir("vaultline-int-hub-").dir,
    mqttPort,
    clientId: `hub-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    mqttUrl: externalBroker ?? `mqtt://127.0.0.1:${mqttPort}`,
  };
}

export async function runHub(plan: HubPlan, env: Record<string, string> = {}): Promise<RunningHub> {
  return startHub(
    loadHubConfig({
      HUB_PORT: "0",
      MQTT_PORT: String(plan.mqttPort),
      HUB_DATA_DIR: plan.dataDir,
      HUB_MQTT_CLIENT_ID: plan.clientId,
      HUB_STATION_STALE_MS: "600000",
      LOG_LEVEL: "silent",
      ...(externalBroker ? { MQTT_URL: externalBroker } : {}),
      ...env,
    }),
    { log: quiet as never },
  );
}

export async function runStation(env: Record<string, string>): Promise<RunningStation> {
  return startStation(
    loadStationConfig({
      STATION_PORT: "0",
      STATION_HOST: "127.0.0.1",
      SITE_ID: "int-site",
      LOG_LEVEL: "silent",
      ...env,
    }),
    { log: quiet as never },
  );
}

/** Polls until `check` is true; fails naming `what` after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ledger events of one station, by type. */
export async function storedEvents(hub: RunningHub, stationId: string): Promise<Array<{ id: string; code: string }>> {
  const rows = await hub.db
    .selectFrom("events")
    .select(["id", "payload"])
    .where("station_id", "=", stationId)
    .where("type", "=", "scan")
    .execute();
  return rows.map((r) => ({ id: r.id, code: (JSON.parse(String(r.payload)) as { code: string }).code }));
}

/** A distinct, valid METRC tag per scan number. */
export function tagFor(n: number): string {
  return `1A4060300012B7C${String(n).padStart(9, "0")}`;
}
