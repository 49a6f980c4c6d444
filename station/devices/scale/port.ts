import type { EventEmitter } from "node:events";
import type { DeviceStatus } from "#contract/domain.js";
import type { DeviceDiscard, WeightRead } from "../types.js";
import type { ScaleFrame, ScaleProtocol } from "./codec.js";

/** A bench or shelf scale in domain terms: grams, stable or not, tare and zero. */
export interface Scale {
  readonly id: string;
  readonly events: EventEmitter<{
    weight: [WeightRead];
    status: [DeviceStatus];
    discarded: [DeviceDiscard];
    frame: [ScaleFrame];
  }>;
  start(): Promise<void>;
  status(): DeviceStatus;
  /** The last reading, settled or not; undefined before the first. */
  last(): WeightRead | undefined;
  /** Tares the container on the platform; rejects with a StationError the kiosk can show. */
  tare(): Promise<void>;
  zero(): Promise<void>;
  close(): Promise<void>;
}

/** One scale's configuration. */
export interface ScaleConfig {
  id: string;
  name: string;
  protocol: ScaleProtocol;
  /** "poll": ask every `pollMs`; "stream": the scale sends continuously (not NCI). */
  mode: "poll" | "stream";
  /** Poll interval, ms. */
  pollMs: number;
  /** No frame for this long is shown as an error, ms. */
  timeoutMs: number;
  /** How long a stable value must hold before it counts, ms. */
  stableWindowMs: number;
  /** Wait between reconnect attempts after an unplug, ms. */
  reconnectMs: number;
}
