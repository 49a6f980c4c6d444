import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import type { Hono } from "hono";
import type { Logger } from "pino";
import { StationBus, type BusStatus } from "./bus/station-bus.js";
import { systemClock, type Clock } from "./clock.js";
import { loadConfig, type StationConfig } from "./config.js";
import { createDevices, type Devices } from "./devices/index.js";
import { DoorRecorder } from "./doors/door-recorder.js";
import { StationError } from "./errors.js";
import { SignIn } from "./kiosk/sign-in.js";
import { createLogger } from "./log.js";
import { LiveFeed } from "./scans/live-feed.js";
import { ScanRecorder, type ScanEnvelope } from "./scans/recorder.js";
import { Outbox } from "./store/outbox.js";
import { Replica } from "./store/replica.js";
import { openSessionStore } from "./store/session-store.js";
import { createApp } from "./web/app.js";

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
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  clock?: Clock;
  /** Devices to use instead of building them from `cfg.devices` (tests). */
  devices?: Devices;
}

const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** Composition root: stores → devices → bus → scans, door sessions and sign-in → HTTP. */
export async function startStation(cfg: StationConfig, opts: StartOptions = {}): Promise<RunningStation> {
  const log = opts.log ?? createLogger();
  const clock = opts.clock ?? systemClock;
  const startedAt = new Date(clock.now()).toISOString();
  await mkdir(cfg.dataDir, { recursive: true });
  const outbox = await Outbox.open({ file: join(cfg.dataDir, "outbox.journal"), log: log.child({ mod: "outbox" }) });
  const replica = await Replica.open({ file: join(cfg.dataDir, "replica.json"), log: log.child({ mod: "replica" }) });
  const sessions = await openSessionStore(join(cfg.dataDir, "session.json"));
  const signIn = new SignIn({ store: sessions, employees: replica, clock, idleMs: cfg.idleSignOutMs });
  const feed = new LiveFeed();
  const devices = opts.devices ?? (await createDevices(cfg.devices, { log: log.child({ mod: "devices" }) }));
  const doors = new DoorRecorder({
    stationId: cfg.stationId, siteId: cfg.siteId, clock, doors: devices.doors, outbox,
    employeeId: () => signIn.employeeId(), feed, log: log.child({ mod: "door" }),
  });
  const recorder = new ScanRecorder({
    stationId: cfg.stationId, siteId: cfg.siteId, clock, outbox, signIn, replica, feed, log: log.child({ mod: "scan" }),
    doorSessionId: () => doors.openSessionId(),
  });
  const bus = new StationBus({
    url: cfg.mqttUrl, stationId: cfg.stationId, siteId: cfg.siteId, keepaliveSeconds: cfg.mqttKeepaliveSeconds,
    username: cfg.mqttUsername, password: cfg.mqttPassword, outbox, window: cfg.outboxWindow, resendMs: cfg.outboxResendMs,
    clock, log: log.child({ mod: "bus" }),
    onCommand: async (cmd) => {
      const r = await replica.apply(cmd);
      if (!r.applied) log.info({ cmd: cmd.name, id: cmd.id, reason: r.reason }, "command skipped");
      else if (cmd.name === "employees") await signIn.employeesChanged((id) => replica.employeeById(id)?.active === true);
    },
    statusFacts: () => ({
      version, startedAt, outboxDepth: outbox.depth, signedIn: signIn.view().signedIn, devices: devices.statuses(),
    }),
  });

  devices.events.on("scan", (read) => {
    recorder.record(read.code, read.scannerId).catch(() => undefined);
  });
  devices.events.on("door", (read) => void doors.onDoor(read));
  devices.events.on("discarded", (d) => {
    log.warn({ deviceId: d.deviceId, reason: d.reason, raw: d.raw }, "device input discarded");
    // A scan the person made and did not get is worth a beep; scale line noise is not.
    const kind = devices.statuses().find((s) => s.id === d.deviceId)?.kind;
    if (kind === "scanner") feed.showBanner({ level: "error", text: `Scan not read: ${d.reason}`, sound: true });
  });
  devices.events.on("status", () => {
    feed.devicesChanged();
    bus.statusChanged();
  });
  signIn.events.on("changed", (notice) => {
    doors.signedIn(signIn.employeeId() ?? null);
    if (notice) feed.showBanner({ ...notice, sound: notice.level === "error" });
    feed.signInChanged();
    feed.headerChanged();
    bus.statusChanged();
  });
  const depthChanged = () => {
    feed.headerChanged();
    bus.statusChanged();
  };
  outbox.events.on("added", depthChanged);
  outbox.events.on("acked", depthChanged);
  bus.events.on("link", () => feed.headerChanged());
  await doors.start();
  const idleTimer = setInterval(() => {
    signIn.checkIdle().catch((err) => log.error({ err }, "idle sign-out failed"));
    void doors.tick();
  }, 1000);
  idleTimer.unref();

  const app = createApp({
    stationId: cfg.stationId, siteId: cfg.siteId, version, log: log.child({ mod: "web" }), feed, signIn,
    scans: recorder, hub: () => bus.status(), outboxDepth: () => outbox.depth, devices,
  });
  let server: ServerType;
  try {
    server = await listen(app, cfg);
  } catch (e) {
    clearInterval(idleTimer);
    await bus.stop();
    await devices.close();
    await outbox.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${cfg.host === "0.0.0.0" || cfg.host === "::" ? "127.0.0.1" : cfg.host}:${port}`;
  log.info({ url, stationId: cfg.stationId, mqtt: cfg.mqttUrl, depth: outbox.depth }, "station started");

  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= (async () => {
    clearInterval(idleTimer);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ("closeAllConnections" in server) server.closeAllConnections();
    });
    await bus.stop();
    await devices.close();
    await outbox.close();
    log.info("station stopped");
  })());

  return {
    app, url, port, bus,
    recordScan: (code, scannerId) => recorder.record(code, scannerId),
    outboxDepth: () => outbox.depth,
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

// Run directly (`tsx station/main.ts`): the CLI's default command. No top-level await here, because
// cli.ts imports this module and would wait on it forever.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void import("./cli.js")
    .then(({ runStationCli }) => runStationCli(process.argv.slice(2)))
    .then((code) => { process.exitCode = code; });
}
