import type { Clock } from "#station/clock.js";
import { StationError } from "#station/errors.js";
import type { SysfsReader } from "#station/devices/gpio/gpio-base.js";
import type { GpioLine } from "#station/devices/gpio/port.js";
import type { HidBackend } from "#station/devices/scanner/hid-transport.js";
import type { PortClass } from "#station/devices/serial/byte-transport.js";

/** Where probe output goes, and the parts tests replace. */
export interface ProbeIo {
  /** One result line (JSON) to stdout. */
  out(line: string): void;
  /** One human message to stderr. */
  err(line: string): void;
  /** Stops a probe that runs until interrupted (Ctrl-C). */
  signal?: AbortSignal;
  deps?: {
    clock?: Clock;
    serialPort?: PortClass;
    hidBackend?: HidBackend;
    gpioLine?: (bcm: number) => Promise<GpioLine>;
    sysfs?: SysfsReader;
  };
}

/** Exit codes: 0 works, 1 the device failed or is not ready, 2 bad command line. */
export const EXIT = { ok: 0, device: 1, usage: 2 } as const;

/** Resolves when `ms` pass or the signal aborts, whichever is first. */
export function until(ms: number | undefined, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = ms === undefined ? undefined : setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

/** Reads a positive integer option, or throws a usage message naming it. */
export function intOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw usageError(`--${name} must be a positive whole number, got "${v}"`);
  return n;
}

/** A bad probe command line: the station's error class with code USAGE_INVALID. */
export function usageError(message: string): StationError {
  return new StationError(message, "USAGE_INVALID");
}
