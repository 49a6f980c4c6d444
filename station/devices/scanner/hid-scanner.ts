import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { DeviceStatus } from "#contract/domain.js";
import type { Clock } from "#station/clock.js";
import { reasonOf } from "#station/errors.js";
import { hex } from "../frame-log.js";
import { StatusCell } from "../status.js";
import type { DeviceDiscard, ScanRead } from "../types.js";
import type { HidBackend, HidDeviceInfo, HidTransport } from "./hid-transport.js";
import { HID_POS_USAGE_PAGE, PosAssembler } from "./hid-pos.js";
import type { ScannerConfig, ScannerMatch, Scanners } from "./port.js";
import { defaultWedgeOptions, WedgeDecoder } from "./wedge-decoder.js";

/**
 * HID barcode scanners with hot-plug.
 *
 * ```
 *  every pollMs: backend.list() ─▶ match config ─▶ open new ─▶ onReport ─▶ WedgeDecoder | PosAssembler ─▶ 'scan'
 *                                └─ listed no more ─▶ close, 'disconnected'      onError ─▶ close, 'disconnected'
 * ```
 * node-hid has no plug events (node-hid #356), so enumeration is polled; one second keeps a
 * plug or unplug well inside the 3 s budget.
 */
export interface HidScannersDeps {
  backend: HidBackend;
  log: Logger;
  clock: Clock;
  scanners: ScannerConfig[];
  /** Enumeration interval, ms. */
  pollMs?: number;
  /** Plug notifications (e.g. `watchHidraw()`); each triggers an enumeration after `settleMs`. */
  plugEvents?: (onChange: () => void) => () => void;
  /** Wait after a plug notification for udev to set the node's permissions, ms. */
  settleMs?: number;
}

/** Turns one scanner's raw reports into codes. */
interface ReportDecoder {
  feed(report: Uint8Array): void;
  reset(): void;
}

interface Slot {
  cfg: ScannerConfig;
  status: StatusCell;
  open?: { path: string; transport: HidTransport; decoder: ReportDecoder };
}

export class HidScanners implements Scanners {
  readonly events = new EventEmitter<{ scan: [ScanRead]; status: [DeviceStatus]; discarded: [DeviceDiscard] }>();
  readonly #slots: Slot[];
  #timer: NodeJS.Timeout | undefined;
  #settle: NodeJS.Timeout | undefined;
  #unwatch: (() => void) | undefined;
  #refreshing: Promise<void> | undefined;
  #closed = false;

  constructor(private readonly deps: HidScannersDeps) {
    this.#slots = deps.scanners.map((cfg) => {
      const status = new StatusCell({ id: cfg.id, kind: "scanner", name: cfg.name, clock: deps.clock });
      status.events.on("status", (s) => this.events.emit("status", s));
      return { cfg, status };
    });
  }

  async start(): Promise<void> {
    await this.refresh();
    this.#timer = this.deps.clock.setInterval(() => void this.refresh(), this.deps.pollMs ?? 1000);
    this.#unwatch = this.deps.plugEvents?.(() => {
      this.deps.clock.clearTimeout(this.#settle);
      this.#settle = this.deps.clock.setTimeout(() => void this.refresh(), this.deps.settleMs ?? 300);
    });
  }

  statuses(): DeviceStatus[] {
    return this.#slots.map((s) => s.status.current);
  }

  /** One enumeration pass: opens newly plugged scanners and drops vanished ones. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.deps.clock.clearInterval(this.#timer);
    this.deps.clock.clearTimeout(this.#settle);
    this.#unwatch?.();
    await this.#refreshing;
    await Promise.all(this.#slots.map((s) => this.#drop(s, "closed", "disconnected")));
  }

  async #refresh(): Promise<void> {
    if (this.#closed) return;
    let listed: HidDeviceInfo[];
    try {
      listed = await this.deps.backend.list();
    } catch (e) {
      for (const s of this.#slots) s.status.set("error", `cannot enumerate HID devices: ${reasonOf(e)}`);
      return;
    }
    const paths = new Set(listed.map((d) => d.path));
    for (const s of this.#slots)
      if (s.open && !paths.has(s.open.path)) await this.#drop(s, "unplugged", "disconnected");
    for (const s of this.#slots) {
      if (s.open || this.#closed) continue;
      const claimed = new Set(this.#slots.flatMap((o) => (o.open ? [o.open.path] : [])));
      const info = bestInterface(
        s.cfg,
        listed.filter((d) => !claimed.has(d.path) && matches(s.cfg.match, d)),
      );
      if (info) await this.#open(s, info);
      else if (s.status.current.state !== "disconnected") s.status.set("disconnected", "not plugged in");
    }
  }

  async #open(s: Slot, info: HidDeviceInfo): Promise<void> {
    let transport: HidTransport;
    try {
      transport = await this.deps.backend.open(info.path);
    } catch (e) {
      s.status.set("error", `cannot open ${info.path}: ${reasonOf(e)}`);
      return;
    }
    s.open = { path: info.path, transport, decoder: this.#decoder(s) };
    transport.onReport((r) => this.#onReport(s, r));
    transport.onError((e) => void this.#drop(s, reasonOf(e), "disconnected"));
    this.deps.log.info({ scanner: s.cfg.id, path: info.path, product: info.product }, "scanner connected");
    s.status.set("connected");
  }

  #decoder(s: Slot): ReportDecoder {
    const sink = {
      code: (code: string, aim?: string) => this.#emitScan(s, code, aim),
      discard: (reason: string, raw: string) => this.#discard(s, reason, raw),
    };
    if (s.cfg.mode === "wedge") {
      const options = { ...defaultWedgeOptions, ...s.cfg.wedge };
      return new WedgeDecoder({ options, clock: this.deps.clock, sink });
    }
    return posDecoder(sink, this.deps.clock, s.cfg.wedge?.blankingMs ?? defaultWedgeOptions.blankingMs);
  }

  #onReport(s: Slot, report: Uint8Array): void {
    if (this.deps.log.isLevelEnabled("debug")) this.deps.log.debug({ scanner: s.cfg.id, rx: hex(report) }, "rx");
    s.open?.decoder.feed(report);
  }

  #emitScan(s: Slot, code: string, aim?: string): void {
    const read: ScanRead = { code, scannerId: s.cfg.id, at: new Date(this.deps.clock.now()) };
    if (aim) read.aim = aim;
    s.status.reading(code);
    this.events.emit("scan", read);
  }

  #discard(s: Slot, reason: string, raw: string): void {
    this.deps.log.warn({ scanner: s.cfg.id, reason, raw }, "scan input dropped");
    this.events.emit("discarded", { deviceId: s.cfg.id, reason, raw, at: new Date(this.deps.clock.now()) });
  }

  async #drop(s: Slot, reason: string, state: "disconnected"): Promise<void> {
    const open = s.open;
    if (!open) return;
    s.open = undefined;
    open.decoder.reset();
    await open.transport
      .close()
      .catch((e: unknown) => this.deps.log.warn({ err: e, scanner: s.cfg.id }, "close failed"));
    this.deps.log.info({ scanner: s.cfg.id, reason }, "scanner disconnected");
    s.status.set(state, reason);
  }
}

/** True when the enumerated device fits every field the config gives. */
export function matches(m: ScannerMatch, d: HidDeviceInfo): boolean {
  if (m.path !== undefined && m.path !== d.path) return false;
  if (m.vendorId !== undefined && m.vendorId !== d.vendorId) return false;
  if (m.productId !== undefined && m.productId !== d.productId) return false;
  if (m.serialNumber !== undefined && m.serialNumber !== d.serialNumber) return false;
  if (m.usagePage !== undefined && m.usagePage !== d.usagePage) return false;
  return true;
}

/**
 * A scanner may expose several HID interfaces (keyboard, POS, vendor); without a configured
 * usage page, take the one that fits the mode: page 0x8C for POS, keyboard (page 1, usage 6)
 * for wedge.
 */
export function bestInterface(cfg: ScannerConfig, candidates: HidDeviceInfo[]): HidDeviceInfo | undefined {
  const fits = (d: HidDeviceInfo) =>
    cfg.mode === "pos" ? d.usagePage === HID_POS_USAGE_PAGE : d.usagePage === 0x01 && d.usage === 0x06;
  return candidates.find(fits) ?? candidates[0];
}

function posDecoder(
  sink: { code(c: string, aim?: string): void; discard(r: string, raw: string): void },
  clock: Clock,
  blankingMs: number,
): ReportDecoder {
  const assembler = new PosAssembler();
  let last: { code: string; at: number } | undefined;
  return {
    feed(report) {
      const { code, aim, error } = assembler.feed(report);
      if (error) return sink.discard(error, hex(report));
      if (code === undefined || code === "") return;
      const now = clock.now();
      if (blankingMs > 0 && last?.code === code && now - last.at < blankingMs) {
        return sink.discard(`same code again within ${blankingMs} ms: double fire dropped`, code);
      }
      last = { code, at: now };
      sink.code(code, aim);
    },
    reset() {
      if (assembler.pending) sink.discard("scanner went away in the middle of a code", "");
      assembler.reset();
    },
  };
}
