import { parseArgs } from "node:util";
import { pino } from "pino";
import { systemClock } from "#station/clock.js";
import { VaultDoor } from "#station/devices/gpio/door.js";
import { chooseHeaderChip, listGpioChips } from "#station/devices/gpio/gpio-base.js";
import { onoffLine } from "#station/devices/gpio/onoff-gpio.js";
import { EXIT, intOption, type ProbeIo, until, usageError } from "./io.js";

export const doorUsage = "probe door --bcm N [--chip LABEL] [--open-level 0|1] [--seconds N]";

/**
 * Prints the GPIO chip found (label, base, sysfs number), the door state at start and every
 * debounced change as JSON lines. Exit 1 when GPIO is not reachable.
 */
export async function probeDoor(args: string[], io: ProbeIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      bcm: { type: "string" },
      chip: { type: "string" },
      "open-level": { type: "string" },
      seconds: { type: "string" },
    },
  });
  if (values.bcm === undefined || !/^\d+$/.test(values.bcm))
    throw usageError("--bcm is required: the BCM line of the reed switch (header pin 11 = 17)");
  const bcm = Number(values.bcm);
  const openLevel = values["open-level"] === "0" ? 0 : 1;
  if (!io.deps?.gpioLine) {
    try {
      const chip = chooseHeaderChip(await listGpioChips(io.deps?.sysfs), values.chip);
      io.out(JSON.stringify({ chip: chip.label, base: chip.base, sysfs: chip.base + bcm }));
    } catch (e) {
      io.err((e as Error).message);
      return EXIT.device;
    }
  }
  const door = new VaultDoor({
    line: io.deps?.gpioLine
      ? () => io.deps!.gpioLine!(bcm)
      : () => onoffLine({ bcm, direction: "in", debounceMs: 50, chipLabel: values.chip }),
    log: pino({ level: "silent" }),
    clock: io.deps?.clock ?? systemClock,
    config: { id: "probe", name: `BCM ${bcm}`, openLevel, debounceMs: 50, retryMs: 60_000, heldOpenAlarmMs: 120_000 },
  });
  door.events.on("door", (r) =>
    io.out(JSON.stringify({ open: r.open, initial: r.initial ?? false, at: r.at.toISOString() })),
  );
  await door.start();
  if (door.status().state === "error") {
    io.err(door.status().reason ?? "door sensor failed");
    await door.close();
    return EXIT.device;
  }
  const seconds = intOption(values.seconds, "seconds");
  await until(seconds === undefined ? undefined : seconds * 1000, io.signal);
  await door.close();
  return EXIT.ok;
}
