import { EventEmitter } from "node:events";
import { pino, type Logger } from "pino";
import type { DeviceStatus } from "#contract/domain.js";
import { buildDoor, buildHidScanners, buildPrinter, buildScale, buildSimScanners, type BuildDeps } from "./build.js";
import { type Clock, systemClock } from "#station/clock.js";
import { type DevicesConfig, parseDevicesConfig, type ParsedDevicesConfig } from "./config.js";
import type { Door } from "./gpio/door.js";
import type { FakeGpioLine } from "./gpio/sim-gpio.js";
import type { Printer } from "./label-printer/port.js";
import type { ZebraSimulator } from "./label-printer/sim-printer.js";
import type { Scale } from "./scale/port.js";
import type { ScaleSimulator } from "./scale/sim-scale.js";
import { encodeWedge } from "./scanner/hid-keymap.js";
import { encodePos } from "./scanner/hid-pos.js";
import type { Scanners } from "./scanner/port.js";
import type { DeviceEvents } from "./types.js";

export type { DeviceEvents, DoorRead, ScanRead, WeightRead } from "./types.js";
export type { DevicesConfig } from "./config.js";
export { loadDevicesConfig } from "./config.js";
export type { Door } from "./gpio/door.js";
export type { Printer, PrintJob } from "./label-printer/port.js";
export type { Scale } from "./scale/port.js";
export { packageLabel, quarantineLabel, shelfLabel } from "./label-printer/templates.js";

/** Simulator controls behind the `/sim/*` routes; present only when devices are simulated. */
export interface SimControls {
  /** Types `code` on a simulated scanner (wedge reports, or HID POS reports for a POS scanner). */
  scan(code: string, scannerId?: string): void;
  /** Puts `grams` on the simulated scale, settled or moving. */
  scale(grams: number, stable: boolean): void;
  door(open: boolean): void;
  /** The wire-level simulators, for fault injection in tests and the demo. */
  readonly rig: { scale?: ScaleSimulator; printer?: ZebraSimulator; door?: FakeGpioLine };
}

/**
 * The station's devices behind one small surface. The domain listens to `events` and reads
 * `statuses()`; it never touches bytes.
 */
export interface Devices {
  readonly events: EventEmitter<DeviceEvents>;
  statuses(): DeviceStatus[];
  readonly sim?: SimControls;
  readonly scales: readonly Scale[];
  readonly printers: readonly Printer[];
  readonly doors: readonly Door[];
  /** The scale, printer or door with this id, or the first one. */
  scale(id?: string): Scale | undefined;
  printer(id?: string): Printer | undefined;
  door(id?: string): Door | undefined;
  close(): Promise<void>;
}

export interface DevicesDeps extends Partial<BuildDeps> {
  log?: Logger;
  clock?: Clock;
}

/** The simulated set: two scanners (wedge and HID POS), an MT-SICS scale, a Zebra, the door. */
export const simDevicesConfig: DevicesConfig = {
  kind: "sim",
  scanners: [
    { id: "scanner-1", name: "Simulated scanner", kind: "sim", mode: "wedge", minLength: 1, blankingMs: 0 },
    { id: "scanner-2", name: "Simulated POS scanner", kind: "sim", mode: "pos", blankingMs: 0 },
  ],
  scales: [
    { id: "scale-1", name: "Simulated scale", kind: "sim", protocol: "mt-sics", mode: "stream", stableWindowMs: 0 },
  ],
  printers: [{ id: "printer-1", name: "Simulated label printer", kind: "sim", statusPollMs: 0 }],
  doors: [{ id: "door-1", name: "Vault door", kind: "sim", debounceMs: 0 }],
};

/**
 * Builds and starts the configured devices. `{ kind: "sim" }` alone gives the simulated set.
 * Native packages (node-hid, onoff) load only when a real device of theirs is configured;
 * a device that is missing or failing starts in an error or disconnected state, never throws.
 * @throws StationError CONFIG_INVALID naming the bad key.
 */
export async function createDevices(cfg: DevicesConfig = { kind: "sim" }, deps: DevicesDeps = {}): Promise<Devices> {
  const parsed = parseDevicesConfig(isBareSim(cfg) ? simDevicesConfig : cfg);
  const b: BuildDeps = { ...deps, log: deps.log ?? pino({ level: "silent" }), clock: deps.clock ?? systemClock };
  const events = new EventEmitter<DeviceEvents>();
  const sets = buildAll(parsed, b);
  for (const d of [...sets.scanners, ...sets.scales, ...sets.printers, ...sets.doors])
    forward(d.events as EventEmitter, events);
  await Promise.all([...sets.scanners, ...sets.scales, ...sets.printers, ...sets.doors].map((d) => d.start()));
  const pick = <T extends { id: string }>(list: T[], id?: string) =>
    id === undefined ? list[0] : list.find((x) => x.id === id);
  return {
    events,
    statuses: () => [
      ...sets.scanners.flatMap((s) => s.statuses()),
      ...sets.scales.map((s) => s.status()),
      ...sets.printers.map((p) => p.status()),
      ...sets.doors.map((d) => d.status()),
    ],
    ...(sets.sim ? { sim: sets.sim(events) } : {}),
    scales: sets.scales,
    printers: sets.printers,
    doors: sets.doors,
    scale: (id) => pick(sets.scales, id),
    printer: (id) => pick(sets.printers, id),
    door: (id) => pick(sets.doors, id),
    close: async () => {
      await Promise.all([...sets.scanners, ...sets.scales, ...sets.printers, ...sets.doors].map((d) => d.close()));
      events.removeAllListeners();
    },
  };
}

function isBareSim(cfg: DevicesConfig): boolean {
  const none = (list?: unknown[]) => !list || list.length === 0;
  return cfg.kind === "sim" && none(cfg.scanners) && none(cfg.scales) && none(cfg.printers) && none(cfg.doors);
}

const FORWARDED = ["scan", "weight", "door", "status", "discarded"] as const;
function forward(from: EventEmitter, to: EventEmitter<DeviceEvents>): void {
  for (const name of FORWARDED)
    from.on(name, (arg: unknown) => {
      to.emit(name, arg as never);
    });
  from.on("job", (result: unknown) => {
    to.emit("print", result as never);
  });
}

interface Sets {
  scanners: Scanners[];
  scales: Scale[];
  printers: Printer[];
  doors: Door[];
  sim?: (events: EventEmitter<DeviceEvents>) => SimControls;
}

function buildAll(cfg: ParsedDevicesConfig, b: BuildDeps): Sets {
  const simScannerEntries = cfg.scanners.filter((e) => e.kind === "sim");
  const hidEntries = cfg.scanners.filter((e) => e.kind === "hid");
  const simScanners = simScannerEntries.length > 0 ? buildSimScanners(simScannerEntries, b) : undefined;
  const scales = cfg.scales.map((e) => buildScale(e, b));
  const printers = cfg.printers.map((e) => buildPrinter(e, b));
  const doors = cfg.doors.map((e) => buildDoor(e, b));
  const sets: Sets = {
    scanners: [...buildHidScanners(hidEntries, b), ...(simScanners ? [simScanners.scanners] : [])],
    scales: scales.map((s) => s.scale),
    printers: printers.map((p) => p.printer),
    doors: doors.map((d) => d.door),
  };
  if (cfg.kind !== "sim") return sets;
  const scaleSim = scales.find((s) => s.sim)?.sim;
  const doorEntry = cfg.doors.find((e) => e.kind === "sim");
  const doorLine = doors.find((d) => d.line)?.line;
  sets.sim = (events) => ({
    rig: { scale: scaleSim, printer: printers.find((p) => p.sim)?.sim, door: doorLine },
    scan(code, scannerId = simScannerEntries[0]?.id ?? "scanner-1") {
      const entry = simScannerEntries.find((e) => e.id === scannerId);
      const path = simScanners?.pathOf(scannerId);
      const reports = entry && path ? simReports(code, entry.mode) : undefined;
      // A scanner id that is not configured, or text no keyboard can type, is passed straight on.
      if (!reports || !simScanners?.hid.send(path!, ...reports))
        events.emit("scan", { code, scannerId, at: new Date(b.clock.now()) });
    },
    scale(grams, stable) {
      scaleSim?.place(grams, stable);
    },
    door(open) {
      if (doorEntry && doorLine) doorLine.set(open ? doorEntry.openLevel : doorEntry.openLevel === 1 ? 0 : 1);
    },
  });
  return sets;
}

function simReports(code: string, mode: "wedge" | "pos"): Uint8Array[] | undefined {
  if (!/^[\x20-\x7e]+$/.test(code)) return undefined;
  try {
    return mode === "pos" ? encodePos(code) : encodeWedge(code, "enter");
  } catch {
    return undefined;
  }
}
