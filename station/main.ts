import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Hono } from "hono";
import type { Logger } from "pino";
import type { BusStatus } from "./bus/station-bus.js";
import { systemClock, type Clock } from "./clock.js";
import { loadConfig, type StationConfig } from "./config.js";
import { StationError } from "./errors.js";
import { createLogger } from "./log.js";
import type { Devices } from "./devices/index.js";
import type { ScanEnvelope } from "./scans/recorder.js";
import type { WorkflowRegistry } from "./workflows/index.js";
import { createApp } from "./web/app.js";
import { buildParts, connectBus, storageFacts, wireParts } from "./wiring.js";

export { loadConfig, type StationConfig };

/** A started station, as the demo, the integration tests and the benchmarks drive it. */
export interface RunningStation {
  app: Hono;
  /** Base URL of the kiosk and API, e.g. `http://127.0.0.1:8081`. */
  url: string;
  port: number;
  /** Hub link: connected, last ack time, events on the wire. */
  bus: { status(): BusStatus };
  /** Records a scan as if a scanner read it; resolves once it is fsynced in the outbox. */
  recordScan(code: string, scannerId: string): Promise<ScanEnvelope>;
  /** Events waiting for the hub's ack. */
  outboxDepth(): number;
  /** False while a journal write hangs past WRITE_STALL_MS: the watchdog then lets systemd restart us. */
  healthy(): boolean;
  stop(): Promise<void>;
}

/** A journal write taking longer than this means the disk stopped answering, ms. */
export const WRITE_STALL_MS = 20_000;

/** Test and tooling overrides for `startStation`. */
export interface StartOptions {
  log?: Logger;
  clock?: Clock;
  /** Devices to use instead of building them from `cfg.devices` (tests). */
  devices?: Devices;
  /** Workflows to run instead of every registered one (tests). */
  workflows?: WorkflowRegistry;
}

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
  .version;

/** Composition root: stores → devices → scans, door sessions, sign-in and the workflows → bus → HTTP. */
export async function startStation(cfg: StationConfig, opts: StartOptions = {}): Promise<RunningStation> {
  const log = opts.log ?? createLogger(cfg.logLevel);
  const clock = opts.clock ?? systemClock;
  const p = await buildParts(cfg, { log, clock, devices: opts.devices, workflows: opts.workflows });
  const bus = connectBus(cfg, p, { version, startedAt: new Date(clock.now()).toISOString() });
  const ticker = wireParts(p, bus);
  await p.doors.start();
  const app = createApp({
    stationId: cfg.stationId,
    siteId: cfg.siteId,
    version,
    log: log.child({ mod: "web" }),
    feed: p.feed,
    signIn: p.signIn,
    scans: p.scans,
    hub: () => bus.status(),
    outboxDepth: () => p.outbox.depth,
    devices: p.devices,
    workflows: p.workflows.all,
    storage: () => storageFacts(p),
    timeZone: cfg.timeZone,
  });
  const closeParts = async () => {
    clearInterval(ticker);
    await bus.stop();
    await p.devices.close();
    await p.workflows.close();
    await p.outbox.close();
  };
  const server = await listen(app, cfg).catch(async (e: unknown) => {
    await closeParts();
    throw e;
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${cfg.host === "0.0.0.0" || cfg.host === "::" ? "127.0.0.1" : cfg.host}:${port}`;
  log.info({ url, stationId: cfg.stationId, mqtt: cfg.mqttUrl, depth: p.outbox.depth }, "station started");

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      await closeParts();
      log.info("station stopped");
    })());

  return {
    app,
    url,
    port,
    bus,
    recordScan: (code, scannerId) => p.scans.record(code, scannerId),
    outboxDepth: () => p.outbox.depth,
    healthy: () => p.outbox.busyForMs() < WRITE_STALL_MS,
    stop,
  };
}

/** Starts the HTTP server; a port in use is one line naming STATION_PORT. */
function listen(app: Hono, cfg: StationConfig): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: cfg.port, hostname: cfg.host }, () => resolve(server));
    server.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") {
        reject(new StationError(`port ${cfg.port} is already in use: set STATION_PORT to a free port`, "PORT_IN_USE"));
      } else reject(err);
    });
  });
}
