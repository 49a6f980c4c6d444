import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import { StationBus } from "./bus/station-bus.js";
import type { Clock } from "./clock.js";
import type { StationConfig } from "./config.js";
import { createDevices, type Devices } from "./devices/index.js";
import { DoorRecorder } from "./doors/door-recorder.js";
import { StationEvents } from "./events.js";
import { SignIn } from "./kiosk/sign-in.js";
import { LiveFeed } from "./scans/live-feed.js";
import { ScanRecorder } from "./scans/recorder.js";
import { WeightRecorder } from "./weights/weight-recorder.js";
import { Outbox } from "./store/outbox.js";
import { Replica } from "./store/replica.js";
import { openSessionStore } from "./store/session-store.js";
import { setAsideSummary, type SetAsideSummary } from "./store/set-aside.js";
import { stationWorkflows, type OpenWorkflows, type WorkflowRegistry } from "./workflows/index.js";
import type { SignedInPerson } from "./workflows/workflow.js";

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
  /** Domain events (scans, weights, door, commands, sign-in/out) the workflows listen to. */
  events: StationEvents;
  workflows: OpenWorkflows;
  /** Journal lines set aside in `dataDir`, counted once every journal is open (lines are set aside only at open). */
  setAside: SetAsideSummary;
}

/** The signed-in person when the replica knows them as active, with their role. */
function signedInPerson(signIn: SignIn, replica: Replica): SignedInPerson | null {
  const s = signIn.view().signedIn;
  const e = s ? replica.employeeById(s.employeeId) : undefined;
  return s && e?.active ? { employeeId: s.employeeId, name: s.name, role: e.role } : null;
}

/** What `buildParts` takes besides the config; `workflows` defaults to every registered workflow. */
export interface BuildDeps {
  log: Logger;
  clock: Clock;
  devices?: Devices | undefined;
  workflows?: WorkflowRegistry | undefined;
}

/** Opens the stores in `cfg.dataDir` and builds devices, sign-in, scan and door recording, and the workflows. */
export async function buildParts(cfg: StationConfig, deps: BuildDeps): Promise<StationParts> {
  const { log, clock } = deps;
  await mkdir(cfg.dataDir, { recursive: true });
  const outbox = await Outbox.open({
    file: join(cfg.dataDir, "outbox.journal"),
    log: log.child({ mod: "outbox" }),
    clock,
  });
  const replica = await Replica.open({ file: join(cfg.dataDir, "replica.json"), log: log.child({ mod: "replica" }) });
  const sessions = await openSessionStore(join(cfg.dataDir, "session.json"), log.child({ mod: "session" }));
  const signIn = new SignIn({ store: sessions, employees: replica, clock, idleMs: cfg.idleSignOutMs });
  const feed = new LiveFeed((label) => replica.lookup(label));
  const devices = deps.devices ?? (await createDevices(cfg.devices, { log: log.child({ mod: "devices" }) }));
  const ids = { stationId: cfg.stationId, siteId: cfg.siteId, clock, feed, outbox };
  const doors = new DoorRecorder({
    ...ids,
    doors: devices.doors,
    employeeId: () => signIn.employeeId(),
    employeeName: () => signIn.view().signedIn?.name,
    log: log.child({ mod: "door" }),
  });
  const events = new StationEvents(log.child({ mod: "events" }));
  let workflows: OpenWorkflows | undefined;
  const scans = new ScanRecorder({
    ...ids,
    signIn,
    replica,
    events,
    doorSessionId: () => doors.openSessionId(),
    workflow: () => workflows?.scanClaim(),
    log: log.child({ mod: "scan" }),
  });
  workflows = await (deps.workflows ?? stationWorkflows).open(
    {
      stationId: cfg.stationId,
      siteId: cfg.siteId,
      dataDir: cfg.dataDir,
      timeZone: cfg.timeZone,
      log,
      clock,
      events,
      outbox,
      replica,
      devices,
      person: () => signedInPerson(signIn, replica),
      doorSessionId: () => doors.openSessionId(),
      banner: (b) => feed.showBanner(b),
    },
    cfg.workflows,
  );
  const open = workflows;
  const weights = new WeightRecorder({
    ...ids,
    employeeId: () => signIn.employeeId(),
    workflowOwnsScale: () => open.claimsWeights(),
    log: log.child({ mod: "weight" }),
  });
  const setAside = await setAsideSummary(cfg.dataDir, log);
  if (setAside.lines > 0)
    log.warn({ ...setAside, code: "STORE_CORRUPT" }, "journal lines set aside; reported in the station status");
  return { log, clock, outbox, replica, signIn, feed, devices, doors, scans, weights, events, workflows, setAside };
}

/** Starts the MQTT link: events out of the outbox, acks and commands in. */
export function connectBus(
  cfg: StationConfig,
  p: StationParts,
  facts: { version: string; startedAt: string },
): StationBus {
  return new StationBus({
    url: cfg.mqttUrl,
    stationId: cfg.stationId,
    siteId: cfg.siteId,
    keepaliveSeconds: cfg.mqttKeepaliveSeconds,
    username: cfg.mqttUsername,
    password: cfg.mqttPassword,
    outbox: p.outbox,
    window: cfg.outboxWindow,
    resendMs: cfg.outboxResendMs,
    clock: p.clock,
    log: p.log.child({ mod: "bus" }),
    onCommand: async (cmd) => {
      const r = await p.replica.apply(cmd);
      if (!r.applied) {
        p.log.info({ cmd: cmd.name, id: cmd.id, reason: r.reason }, "command skipped");
        return;
      }
      if (cmd.name === "employees")
        await p.signIn.employeesChanged((id) => p.replica.employeeById(id)?.active === true);
      if (cmd.name === "catalog") p.feed.catalogChanged();
      await p.events.emit("command", cmd);
    },
    statusFacts: () => ({
      ...facts,
      outboxDepth: p.outbox.depth,
      signedIn: p.signIn.view().signedIn,
      devices: p.devices.statuses(),
      ...storageFacts(p),
    }),
  });
}

/**
 * Connects the parts: device reads become recorded scans, weights and door events, and reach the
 * workflows as station events; sign-in, outbox and device changes reach the kiosk and the
 * retained status. Returns the once-a-second timer that signs idle people out and raises
 * held-open alarms.
 */
export function wireParts(p: StationParts, bus: StationBus): NodeJS.Timeout {
  p.devices.events.on("scan", (read) => void p.scans.record(read.code, read.scannerId).catch(() => undefined));
  p.devices.events.on("door", (read) => {
    void p.doors.onDoor(read);
    void p.events.emit("door", read);
  });
  p.devices.events.on("weight", (read) => {
    p.weights
      .onWeight(read)
      .catch((err: unknown) => p.log.error({ err, scaleId: read.scaleId }, "weight not recorded"));
    void p.events.emit("weight", read);
  });
  let present = p.signIn.view().signedIn;
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
    // Someone signed in while the door was open: the unattended-door alert has its answer.
    if (p.signIn.employeeId()) p.feed.clearBanner("door");
    const now = p.signIn.view().signedIn;
    if (present?.employeeId !== now?.employeeId) {
      if (present) void p.events.emit("sign-out", { employeeId: present.employeeId });
      if (now) void p.events.emit("sign-in", { employeeId: now.employeeId, name: now.name });
      present = now;
    }
    if (notice) p.feed.showBanner({ ...notice, sound: notice.level === "error" });
    p.feed.signInChanged();
    p.feed.headerChanged();
    bus.statusChanged();
  });
  const depthChanged = () => {
    p.feed.headerChanged();
    bus.statusChanged();
  };
  p.outbox.events.on("diskFull", (full) => {
    showDiskBanner(p, full);
    bus.statusChanged();
  });
  if (p.outbox.diskFull) showDiskBanner(p, true);
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

/** A full-disk banner stays up until space is back (or a newer banner replaces it), ms. */
const DISK_FULL_BANNER_MS = 10 * 60_000;

/** Tells the kiosk that scans are refused on a full disk, and when they are recorded again. */
function showDiskBanner(p: Pick<StationParts, "feed">, full: boolean): void {
  if (full)
    p.feed.showBanner(
      { level: "error", text: `Station disk full: scans are NOT being recorded. ${DISK_FULL_ADVICE}`, sound: true },
      DISK_FULL_BANNER_MS,
    );
  else p.feed.showBanner({ level: "info", text: "Station disk has room again: scans are recorded.", sound: false });
}

const DISK_FULL_ADVICE =
  "What was already recorded is still being sent to the hub. Call IT to free space on the station.";

/** Disk state and set-aside journal lines, for the retained status and /api/status. */
export function storageFacts(p: Pick<StationParts, "outbox" | "setAside">): {
  diskFull: boolean;
  setAside?: SetAsideSummary;
} {
  return { diskFull: p.outbox.diskFull, ...(p.setAside.lines > 0 ? { setAside: p.setAside } : {}) };
}
