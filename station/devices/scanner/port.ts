import type { EventEmitter } from "node:events";
import type { DeviceStatus } from "#contract/domain.js";
import type { DeviceDiscard, ScanRead } from "../types.js";
import type { WedgeOptions } from "./wedge-decoder.js";

/** All barcode scanners of a station, each named in its scan events. */
export interface Scanners {
  readonly events: EventEmitter<{ scan: [ScanRead]; status: [DeviceStatus]; discarded: [DeviceDiscard] }>;
  /** Opens what is plugged in and starts watching for hot-plug. */
  start(): Promise<void>;
  statuses(): DeviceStatus[];
  close(): Promise<void>;
}

/** How one configured scanner is recognised among the plugged-in HID interfaces. */
export interface ScannerMatch {
  vendorId?: number;
  productId?: number;
  /** Tells apart two scanners of the same model. */
  serialNumber?: string;
  /** A fixed hidraw path; prefer vendor/product/serial, which survive re-plugging. */
  path?: string;
  usagePage?: number;
}

export interface ScannerConfig {
  id: string;
  name: string;
  match: ScannerMatch;
  /** "wedge": boot keyboard reports; "pos": HID POS usage page 0x8C reports. */
  mode: "wedge" | "pos";
  wedge?: Partial<WedgeOptions>;
}
