import { EventEmitter } from "node:events";
import { watch } from "node:fs";
import { StationError } from "#station/errors.js";
import type * as NodeHidModule from "node-hid";

/** What enumeration tells about a HID interface (node-hid `devices()` fields). */
export interface HidDeviceInfo {
  /** Opaque path to open: `/dev/hidrawN` with the hidraw backend. */
  path: string;
  vendorId: number;
  productId: number;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  usagePage?: number;
  usage?: number;
  interface?: number;
}

/** One open HID interface delivering input reports. */
export interface HidTransport {
  onReport(cb: (report: Uint8Array) => void): void;
  /** Called once when the device fails or is pulled out. */
  onError(cb: (e: Error) => void): void;
  close(): Promise<void>;
}

/** Enumerates and opens HID devices. */
export interface HidBackend {
  list(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidTransport>;
}

type NodeHid = typeof NodeHidModule;

/**
 * The real backend on node-hid, loaded on first use: the native module needs the
 * libusb-1.0-0 runtime even in hidraw mode, so machines without scanners never load it.
 * @param driver "hidraw" (default: reads alongside the kernel) or "libusb" (detaches the kernel
 *   driver while open, which keeps wedge keystrokes out of the kiosk — hidapi libusb/hid.c).
 */
export function nodeHidBackend(driver: "hidraw" | "libusb" = "hidraw"): HidBackend {
  let loaded: Promise<NodeHid> | undefined;
  const load = () => {
    loaded ??= import("node-hid")
      .then((m) => {
        m.setDriverType(driver);
        return m;
      })
      .catch((e: unknown) => {
        loaded = undefined;
        throw new StationError(
          `node-hid could not load (is libusb-1.0-0 installed?): ${String(e)}`,
          "DEVICE_NOT_FOUND",
          { cause: e },
        );
      });
    return loaded;
  };
  return {
    async list() {
      const hid = await load();
      const all = await hid.devicesAsync();
      return all
        .filter((d): d is typeof d & { path: string } => typeof d.path === "string")
        .map((d) => ({
          path: d.path,
          vendorId: d.vendorId,
          productId: d.productId,
          serialNumber: d.serialNumber,
          manufacturer: d.manufacturer,
          product: d.product,
          usagePage: d.usagePage,
          usage: d.usage,
          interface: d.interface,
        }));
    },
    async open(path) {
      const hid = await load();
      const dev = await hid.HIDAsync.open(path);
      const ee = new EventEmitter<{ report: [Uint8Array]; error: [Error] }>();
      dev.on("data", (b: Buffer) => ee.emit("report", new Uint8Array(b)));
      // node-hid reports an unplug only as an error ("could not read from HID device", node-hid #520).
      dev.on("error", (e: Error) => ee.emit("error", e));
      return {
        onReport: (cb) => {
          ee.on("report", cb);
        },
        onError: (cb) => {
          ee.once("error", cb);
        },
        close: async () => {
          ee.removeAllListeners();
          await dev.close();
        },
      };
    },
  };
}

/**
 * In-memory backend that replays recorded reports: for tests, the simulator, and machines
 * without /dev/hidraw. `plug`/`unplug` model hot-plug; `send` delivers a report synchronously.
 */
export class FakeHidBackend implements HidBackend {
  readonly #devices = new Map<string, HidDeviceInfo>();
  readonly #open = new Map<string, EventEmitter<{ report: [Uint8Array]; error: [Error] }>>();

  plug(info: HidDeviceInfo): void {
    this.#devices.set(info.path, info);
  }

  /** Removes the device; an open handle gets the same error node-hid raises on unplug. */
  unplug(path: string): void {
    this.#devices.delete(path);
    const ee = this.#open.get(path);
    this.#open.delete(path);
    ee?.emit("error", new Error("could not read from HID device"));
  }

  /** Delivers reports to the open handle; returns false when the device is not open. */
  send(path: string, ...reports: Uint8Array[]): boolean {
    const ee = this.#open.get(path);
    if (!ee) return false;
    for (const r of reports) ee.emit("report", r);
    return true;
  }

  isOpen(path: string): boolean {
    return this.#open.has(path);
  }

  async list(): Promise<HidDeviceInfo[]> {
    return [...this.#devices.values()];
  }

  async open(path: string): Promise<HidTransport> {
    if (!this.#devices.has(path)) throw new StationError(`no HID device at ${path}`, "DEVICE_NOT_FOUND");
    const ee = new EventEmitter<{ report: [Uint8Array]; error: [Error] }>();
    this.#open.set(path, ee);
    return {
      onReport: (cb) => {
        ee.on("report", cb);
      },
      onError: (cb) => {
        ee.once("error", cb);
      },
      close: async () => {
        if (this.#open.get(path) === ee) this.#open.delete(path);
        ee.removeAllListeners();
      },
    };
  }
}

/**
 * Calls back when a hidraw node appears or goes in `dir`, so a plug is seen without waiting for
 * the next enumeration. Where /dev cannot be watched, it does nothing and polling still works.
 * @returns a function that stops watching.
 */
export function watchHidraw(dir = "/dev"): (onChange: () => void) => () => void {
  return (onChange) => {
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        if (name && String(name).startsWith("hidraw")) onChange();
      });
      w.on("error", () => w.close());
      return () => w.close();
    } catch {
      return () => undefined;
    }
  };
}
