import { EventEmitter } from "node:events";
import type { DeviceStatus } from "#contract/domain.js";

/**
 * The station's devices behind one small surface. The domain listens to `events` and reads
 * `statuses()`; it never touches bytes. `sim` is present only when devices are simulated, and
 * backs the `/sim/*` control routes.
 */
export interface ScanRead {
  /** Decoded text, terminator removed. */
  code: string;
  scannerId: string;
  at: Date;
}

export interface WeightRead {
  scaleId: string;
  grams: number;
  stable: boolean;
  overload: boolean;
  at: Date;
}

export interface DoorRead {
  doorId: string;
  open: boolean;
  at: Date;
}

export interface DeviceEvents {
  scan: [ScanRead];
  weight: [WeightRead];
  door: [DoorRead];
  status: [DeviceStatus];
}

export interface SimControls {
  scan(code: string, scannerId?: string): void;
  scale(grams: number, stable: boolean): void;
  door(open: boolean): void;
}

export interface Devices {
  readonly events: EventEmitter<DeviceEvents>;
  statuses(): DeviceStatus[];
  readonly sim?: SimControls;
  close(): Promise<void>;
}

export interface DevicesConfig {
  kind: "sim";
}

/** Builds the configured devices. Native driver packages load lazily, only when configured. */
export async function createDevices(cfg: DevicesConfig): Promise<Devices> {
  if (cfg.kind !== "sim") throw new Error(`unknown devices kind ${String(cfg.kind)}`);
  return createSimDevices();
}

function createSimDevices(): Devices {
  const events = new EventEmitter<DeviceEvents>();
  const status = new Map<string, DeviceStatus>([
    ["scanner-1", { id: "scanner-1", kind: "scanner", name: "Simulated scanner", state: "connected" }],
    ["scale-1", { id: "scale-1", kind: "scale", name: "Simulated scale", state: "connected" }],
    ["door-1", { id: "door-1", kind: "door", name: "Vault door", state: "connected", lastReading: "closed" }],
  ]);
  const note = (id: string, lastReading: string) => {
    const s = status.get(id);
    if (!s) return;
    const next = { ...s, lastReading, at: new Date().toISOString() };
    status.set(id, next);
    events.emit("status", next);
  };
  return {
    events,
    statuses: () => [...status.values()],
    sim: {
      scan(code, scannerId = "scanner-1") {
        note(scannerId, code);
        events.emit("scan", { code, scannerId, at: new Date() });
      },
      scale(grams, stable) {
        note("scale-1", `${grams} g ${stable ? "stable" : "unstable"}`);
        events.emit("weight", { scaleId: "scale-1", grams, stable, overload: false, at: new Date() });
      },
      door(open) {
        note("door-1", open ? "open" : "closed");
        events.emit("door", { doorId: "door-1", open, at: new Date() });
      },
    },
    close: async () => { events.removeAllListeners(); },
  };
}
