import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import { StationBus } from "./bus/station-bus.js";
import type { Clock } from "./clock.js";
import type { StationConfig } from "./config.js";
import { createDevices, type Devices } from "./devices/index.js";
import { DoorRecorder } from "./doors/door-recorder.js";
import { SignIn } from "./kiosk/sign-in.js";
import type { Receiving } from "./workflows/receive/service.js";
import { openReceiving, wireReceiving } from "./workflows/receive/index.js";
import { LiveFeed } from "./scans/live-feed.js";
import { ScanRecorder } from "./scans/recorder.js";
import { WeightRecorder } from "./weights/weight-recorder.js";
import { Outbox } from "./store/outbox.js";
import { Replica } from "./store/replica.js";
import { openSessionStore } from "./store/session-store.js";

/** Everything the station is made of, before the bus and the HTTP server. */
export interface StationParts {
  log: Logger;
  clock: Clock;
  outbox: Outbox;
  replica: Replica;
  signIn: SignIn;
  feed: LiveFeed;
  devices: Devices;
  doors: DoorRecorder;
  scans: ScanRecorder;
  weights: WeightRecorder;
  receiving: Receiving;
}

/** Opens the stores in `cfg.dataDir` and builds devices, sign-in, scan and door recording, receiving. */
export async function buildParts(cfg: StationConfig, deps: { log: Logger; clock: Clock; devices?: Devices | undefined }): Promise<StationParts> {
  const { log, clock } = deps;
  await mkdir(cfg.dataDir, { recursive: true });
  const outbox = await Outbox.open({ file: join(cfg.dataDir, "outbox.journal"), log: log.child({ mod: "outbox" }), clock });
  const replica = await Replica.open({ file: join(cfg.dataDir, "replica.json"), log: log.child({ mod: "replica" }) });
  const sessions = await openSessionStore(join(cfg.dataDir, "session.json"), log.child({ mod: "session" }));
  const signIn = new SignIn({ store: sessions, employees: replica, clock, idleMs: cfg.idleSignOutMs });
  const feed = new LiveFeed();
  const devices = deps.devices ?? (await createDevices(cfg.devices, { log: log.child({ mod: "devices" }) }));
  const ids = { stationId: cfg.stationId, siteId: cfg.siteId, clock, feed, outbox };
  const doors = new DoorRecorder({ ...ids, doors: devices.doors, employeeId: () => signIn.employeeId(), log: log.child({ mod: "door" }) });
  let receiving: StationParts["receiving"] | undefined;
  const scans = new ScanRecorder({
    ...ids, signIn, replica, doorSessionId: () => doors.openSessionId(), workflow: () => receiving?.scanContext(), log: log.child({ mod: "scan" }),
  });
  receiving = await openReceiving(cfg, { log, clock, outbox, replica, signIn, devices });
  const open = receiving;
  const weights = new WeightRecorder({
    ...ids, employeeId: () => signIn.employeeId(), workflowOwnsScale: () => open.scanContext() !== undefined, log: log.child({ mod: "weight" }),
  });
  return { log, clock, outbox, replica, signIn, feed, devices, doors, scans, weights, receiving };
}

/** Starts the MQTT link: events out of the outbox, acks and commands in. */
export function connectBus(cfg: StationConfig, p: StationParts, facts: { version: string; startedAt: string }): StationBus {
  return new StationBus({
    url: cfg.mqttUrl, stationId: cfg.stationId, siteId: cfg.siteId, keepaliveSeconds: cfg.mqttKeepaliveSeconds,
    username: cfg.mqttUsername, password: cfg.mqttPassword, outbox: p.outbox, window: cfg.outboxWindow,
    resendMs: cfg.outboxResendMs, clock: p.clock, log: p.log.child({ mod: "bus" }),
    onCommand: async (cmd) => {
      const r = await p.replica.apply(cmd);
      if (!r.applied) p.log.info({ cmd: cmd.name, id: cmd.id, reason: r.reason }, "command skipped");
      else if (cmd.name === "employees") await p.signIn.employeesChanged((id) => p.replica.employeeById(id)?.active === true);
    },
    statusFacts: () => ({
      ...facts, outboxDepth: p.outbox.depth, signedIn: p.signIn.view().signedIn, devices: p.devices.statuses(),
    }),
  });
}

/**
 * Connects the parts: device reads become recorded scans and door events; sign-in, outbox and
 * device changes reach the kiosk and the retained status. Returns the once-a-second timer that
 * signs idle people out and raises held-open alarms.
 */
export function wireParts(p: StationParts, bus: StationBus): NodeJS.Timeout {
  p.devices.events.on("scan", (read) => void p.scans.record(read.code, read.scannerId).catch(() => undefined));
  p.devices.events.on("door", (read) => void p.doors.onDoor(read));
  p.devices.events.on("weight", (read) => {
    p.weights.onWeight(read).catch((err: unknown) => p.log.error({ err, scaleId: read.scaleId }, "weight not recorded"));
  });
  wireReceiving(p.receiving, p);
  p.devices.events.on("discarded", (d) => {
    p.log.warn({ deviceId: d.deviceId, reason: d.reason, raw: d.raw }, "device input discarded");
    // A scan the person made and did not get is worth a beep; scale line noise is not.
    const kind = p.devices.statuses().find((s) => s.id === d.deviceId)?.kind;
    if (kind === "scanner") p.feed.showBanner({ level: "error", text: `Scan not read: ${d.reason}`, sound: true });
  });
  p.devices.events.on("status", () => {
    p.feed.devicesChanged();
    bus.statusChanged();
  });
  p.signIn.events.on("changed", (notice) => {
    p.doors.signedIn(p.signIn.employeeId() ?? null);
    if (notice) p.feed.showBanner({ ...notice, sound: notice.level === "error" });
    p.feed.signInChanged();
    p.feed.headerChanged();
    bus.statusChanged();
  });
  const depthChanged = () => {
    p.feed.headerChanged();
    bus.statusChanged();
  };
  p.outbox.events.on("added", depthChanged);
  p.outbox.events.on("acked", depthChanged);
  bus.events.on("link", () => p.feed.headerChanged());
  const ticker = setInterval(() => {
    p.signIn.checkIdle().catch((err) => p.log.error({ err }, "idle sign-out failed"));
    void p.doors.tick();
  }, 1000);
  ticker.unref();
  return ticker;
}
