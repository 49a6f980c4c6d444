import { StationError } from "#station/errors.js";
import { type SysfsReader, sysfsNumber } from "./gpio-base.js";
import type { GpioLine, Level } from "./port.js";

export interface OnoffLineOptions {
  /** BCM line number as printed on pinout charts (e.g. 17 for header pin 11). */
  bcm: number;
  direction: "in" | "out";
  /** Kernel-side debounce for inputs, ms (onoff's debounceTimeout). */
  debounceMs?: number;
  /** Overrides the detected header chip, e.g. "pinctrl-rp1". */
  chipLabel?: string;
  fs?: SysfsReader;
}

/**
 * A GPIO line on onoff (sysfs). onoff loads only here, on first use; `Gpio.accessible` is false
 * where /sys/class/gpio/export cannot be opened (containers, CI), which is reported clearly.
 */
export async function onoffLine(opts: OnoffLineOptions): Promise<GpioLine> {
  const { Gpio } = await import("onoff");
  if (!Gpio.accessible)
    throw new StationError(
      "GPIO is not accessible (/sys/class/gpio/export missing or not permitted)",
      "DEVICE_NOT_FOUND",
    );
  const n = await sysfsNumber(opts.bcm, { fs: opts.fs, chipLabel: opts.chipLabel });
  const gpio =
    opts.direction === "in" ? new Gpio(n, "in", "both", { debounceTimeout: opts.debounceMs ?? 0 }) : new Gpio(n, "out");
  return {
    read: async () => (await gpio.read()) as Level,
    write: async (v) => {
      await gpio.write(v);
    },
    watch: (cb) => {
      gpio.watch((err, value) => {
        if (!err) cb(value as Level);
      });
    },
    close: async () => {
      gpio.unwatchAll();
      gpio.unexport();
    },
  };
}
