import type { Logger } from "pino";
import type { Clock } from "#station/clock.js";
import type { DoorEntry, PrinterEntry, ScaleEntry, ScannerEntry } from "./config.js";
import { type Door, VaultDoor } from "./gpio/door.js";
import { onoffLine } from "./gpio/onoff-gpio.js";
import type { GpioLine } from "./gpio/port.js";
import { FakeGpioLine } from "./gpio/sim-gpio.js";
import { ZebraSimulator } from "./label-printer/sim-printer.js";
import { ZebraPrinter } from "./label-printer/zebra-printer.js";
import { codecFor } from "./scale/codecs.js";
import { SerialScale } from "./scale/serial-scale.js";
import { ScaleSimulator } from "./scale/sim-scale.js";
import { HidScanners } from "./scanner/hid-scanner.js";
import { FakeHidBackend, type HidBackend, nodeHidBackend, watchHidraw } from "./scanner/hid-transport.js";
import type { ScannerConfig } from "./scanner/port.js";
import {
  deviceFileTransport,
  type OpenTransport,
  type PortClass,
  serialTransport,
  tcpTransport,
  transportFor,
} from "./serial/byte-transport.js";
import { memoryPair } from "./serial/memory-transport.js";

/** What the builders need; tests replace the native parts. */
export interface BuildDeps {
  log: Logger;
  clock: Clock;
  /** HID enumeration/open; defaults to node-hid with the entry's driver type. */
  hidBackend?: HidBackend;
  /** serialport class; tests pass SerialPortMock. */
  serialPort?: PortClass;
  /** GPIO line factory; defaults to onoff. */
  gpioLine?: (entry: DoorEntry) => Promise<GpioLine>;
}

const scannerConfig = (e: ScannerEntry, match: ScannerConfig["match"]): ScannerConfig => ({
  id: e.id,
  name: e.name,
  mode: e.mode,
  match,
  wedge: {
    suffix: e.suffix,
    interCharTimeoutMs: e.interCharTimeoutMs,
    minLength: e.minLength,
    blankingMs: e.blankingMs,
    aimPrefix: e.aimPrefix,
  },
});

/** Real HID scanners, one scanner set per driver type. */
export function buildHidScanners(entries: ScannerEntry[], deps: BuildDeps): HidScanners[] {
  const byDriver = new Map<string, ScannerEntry[]>();
  for (const e of entries) byDriver.set(e.driver, [...(byDriver.get(e.driver) ?? []), e]);
  return [...byDriver].map(
    ([driver, list]) =>
      new HidScanners({
        backend: deps.hidBackend ?? nodeHidBackend(driver as "hidraw" | "libusb"),
        ...(deps.hidBackend || driver !== "hidraw" ? {} : { plugEvents: watchHidraw() }),
        log: deps.log.child({ mod: "scanner" }),
        clock: deps.clock,
        scanners: list.map((e) => scannerConfig(e, e.match)),
      }),
  );
}

/** Simulated scanners: the real decoder fed by a fake HID backend with one device per entry. */
export function buildSimScanners(
  entries: ScannerEntry[],
  deps: BuildDeps,
): { scanners: HidScanners; hid: FakeHidBackend; pathOf(id: string): string | undefined } {
  const hid = new FakeHidBackend();
  const paths = new Map(entries.map((e) => [e.id, `sim:${e.id}`]));
  for (const e of entries)
    hid.plug({
      path: `sim:${e.id}`,
      vendorId: 0x05e0,
      productId: 0x1200,
      product: e.name,
      usagePage: e.mode === "pos" ? 0x8c : 0x01,
    });
  const scanners = new HidScanners({
    backend: hid,
    log: deps.log.child({ mod: "scanner" }),
    clock: deps.clock,
    scanners: entries.map((e) => scannerConfig(e, { path: paths.get(e.id)! })),
  });
  return { scanners, hid, pathOf: (id) => paths.get(id) };
}

function serialSettings(e: ScaleEntry | PrinterEntry) {
  return { baudRate: e.baudRate, dataBits: e.dataBits, parity: e.parity, stopBits: e.stopBits };
}

/** An in-memory link to a simulator: each open attaches a fresh device end to it. */
function simLink(sim: { attach(device: ReturnType<typeof memoryPair>[1]): void }): OpenTransport {
  return async () => {
    const [host, device] = memoryPair();
    sim.attach(device);
    return host;
  };
}

/** A scale driver; a "sim" entry gets its wire-level simulator on an in-memory link. */
export function buildScale(e: ScaleEntry, deps: BuildDeps): { scale: SerialScale; sim?: ScaleSimulator } {
  let sim: ScaleSimulator | undefined;
  let open: OpenTransport;
  if (e.kind === "sim") {
    const s = new ScaleSimulator({ protocol: e.protocol, clock: deps.clock });
    sim = s;
    open = simLink(s);
  } else {
    open = transportFor(e.path!, serialSettings(e), deps.serialPort);
  }
  const scale = new SerialScale({
    open,
    codec: codecFor(e.protocol),
    log: deps.log.child({ mod: "scale", scale: e.id }),
    clock: deps.clock,
    config: {
      id: e.id,
      name: e.name,
      protocol: e.protocol,
      mode: e.mode,
      pollMs: e.pollMs,
      timeoutMs: e.timeoutMs,
      stableWindowMs: e.stableWindowMs,
      reconnectMs: e.reconnectMs,
    },
  });
  return sim ? { scale, sim } : { scale };
}

function printerTransport(e: PrinterEntry, deps: BuildDeps): OpenTransport {
  const path = e.path!;
  if (e.kind === "usb") return deviceFileTransport(path);
  if (e.kind === "tcp") {
    const m = /^(?:tcp:\/\/)?([^:/]+)(?::(\d+))?\/?$/.exec(path);
    if (!m) throw new RangeError(`printer ${e.id}: "${path}" is not host:port`);
    return tcpTransport(m[1]!, Number(m[2] ?? 9100));
  }
  return serialTransport(path, { ...serialSettings(e), xon: e.xon }, deps.serialPort);
}

/** A printer driver; a "sim" entry gets a simulated Zebra on in-memory links. */
export function buildPrinter(e: PrinterEntry, deps: BuildDeps): { printer: ZebraPrinter; sim?: ZebraSimulator } {
  let sim: ZebraSimulator | undefined;
  let open: OpenTransport;
  if (e.kind === "sim") {
    const s = new ZebraSimulator();
    sim = s;
    open = simLink(s);
  } else {
    open = printerTransport(e, deps);
  }
  const printer = new ZebraPrinter({
    open,
    log: deps.log.child({ mod: "printer", printer: e.id }),
    clock: deps.clock,
    config: {
      id: e.id,
      name: e.name,
      statusTimeoutMs: e.statusTimeoutMs,
      retries: e.retries,
      retryDelayMs: e.retryDelayMs,
      statusPollMs: e.statusPollMs,
    },
  });
  return sim ? { printer, sim } : { printer };
}

/** A door driver; a "sim" entry gets a fake line that starts closed. */
export function buildDoor(e: DoorEntry, deps: BuildDeps): { door: Door; line?: FakeGpioLine } {
  const closedLevel = e.openLevel === 1 ? 0 : 1;
  const line = e.kind === "sim" ? new FakeGpioLine(closedLevel) : undefined;
  const factory = line
    ? async () => line
    : deps.gpioLine
      ? () => deps.gpioLine!(e)
      : () => onoffLine({ bcm: e.bcm!, direction: "in", debounceMs: e.debounceMs, chipLabel: e.chipLabel });
  const door = new VaultDoor({
    line: factory,
    log: deps.log.child({ mod: "door", door: e.id }),
    clock: deps.clock,
    config: {
      id: e.id,
      name: e.name,
      openLevel: e.openLevel,
      debounceMs: e.debounceMs,
      retryMs: 5000,
      heldOpenAlarmMs: e.heldOpenAlarmMs,
    },
  });
  return line ? { door, line } : { door };
}
