import type { DeviceStatus } from "#contract/domain.js";
import type { PrintResult } from "./label-printer/port.js";

/** One decoded barcode, as the domain sees it. */
export interface ScanRead {
  /** Decoded text, terminator removed. */
  code: string;
  /** Configured id of the scanner that read it, e.g. "scanner-1". */
  scannerId: string;
  at: Date;
  /** AIM symbology identifier ("]C1" GS1-128, "]d2" GS1 DataMatrix), when the scanner sends it. */
  aim?: string;
}

/** One scale reading in grams. */
export interface WeightRead {
  scaleId: string;
  /** Net weight in grams (negative below zero). */
  grams: number;
  /** True only once the scale has reported the same stable value for the configured window. */
  stable: boolean;
  overload: boolean;
  /** True below the scale's lower limit. */
  underload?: boolean;
  /** The frame exactly as the scale sent it, for the audit trail. */
  raw?: string;
  at: Date;
}

/** A debounced change of the vault door contact. */
export interface DoorRead {
  doorId: string;
  open: boolean;
  at: Date;
  /** Set on the state read at start-up (not an edge): a door found open starts a session. */
  initial?: boolean;
}

/** Something a device sent that was not used, and why (garbage, half a frame, a double fire). */
export interface DeviceDiscard {
  deviceId: string;
  reason: string;
  /** What was dropped, printable (hex for binary). */
  raw: string;
  at: Date;
}

export interface DeviceEvents {
  scan: [ScanRead];
  weight: [WeightRead];
  door: [DoorRead];
  status: [DeviceStatus];
  discarded: [DeviceDiscard];
  /** Outcome of each label job (ok or failed after retries): the contract's print event. */
  print: [PrintResult];
}
