import { readdir, readFile } from "node:fs/promises";
import { StationError } from "#station/errors.js";

/** One gpiochip as sysfs shows it. */
export interface GpioChip {
  name: string;
  base: number;
  ngpio: number;
  label: string;
}

/** File access used to read sysfs (injected so tests can give a recorded tree). */
export interface SysfsReader {
  readdir(path: string): Promise<string[]>;
  readFile(path: string): Promise<string>;
}

export const nodeSysfs: SysfsReader = {
  readdir: (p) => readdir(p),
  readFile: (p) => readFile(p, "utf8"),
};

/**
 * Labels of the SoC GPIO controller that carries the 40-pin header, newest first. On Bookworm
 * kernels the sysfs numbers are offset (512 on BCM2711/2835, 571 on a Pi 5 with RP1; onoff
 * #199, #200), so the base is read at run time and never hard-coded.
 */
const HEADER_CHIPS = [/^pinctrl-rp1$/, /^pinctrl-bcm2712$/, /^pinctrl-bcm2711$/, /^pinctrl-bcm2835$/];
/** The firmware GPIO expander (raspberrypi-exp-gpio) is never the header. */
const NOT_HEADER = /exp-gpio|brcmvirt|rpi-exp/;

/** Lists the gpiochips under `/sys/class/gpio`. */
export async function listGpioChips(fs: SysfsReader = nodeSysfs, root = "/sys/class/gpio"): Promise<GpioChip[]> {
  let names: string[];
  try {
    names = (await fs.readdir(root)).filter((n) => n.startsWith("gpiochip"));
  } catch (e) {
    throw new StationError(`GPIO sysfs is not available at ${root}`, "DEVICE_NOT_FOUND", { cause: e });
  }
  const chips: GpioChip[] = [];
  for (const name of names) {
    const read = (f: string) => fs.readFile(`${root}/${name}/${f}`).then((s) => s.trim());
    chips.push({
      name,
      base: Number(await read("base")),
      ngpio: Number(await read("ngpio")),
      label: await read("label"),
    });
  }
  return chips;
}

/**
 * Picks the header's chip: the configured label when given, else the first known SoC label,
 * else the chip with at least 28 lines that is not an expander.
 */
export function chooseHeaderChip(chips: GpioChip[], label?: string): GpioChip {
  if (label) {
    const c = chips.find((x) => x.label === label);
    if (!c)
      throw new StationError(
        `no gpiochip labelled "${label}" (found: ${chips.map((x) => x.label).join(", ") || "none"})`,
        "DEVICE_NOT_FOUND",
      );
    return c;
  }
  for (const re of HEADER_CHIPS) {
    const c = chips.find((x) => re.test(x.label));
    if (c) return c;
  }
  const c = chips.find((x) => x.ngpio >= 28 && !NOT_HEADER.test(x.label));
  if (!c)
    throw new StationError(
      `no GPIO header chip among: ${chips.map((x) => x.label).join(", ") || "none"}`,
      "DEVICE_NOT_FOUND",
    );
  return c;
}

/** The sysfs number of BCM line `bcm` on this machine. */
export async function sysfsNumber(
  bcm: number,
  opts: { fs?: SysfsReader; root?: string; chipLabel?: string } = {},
): Promise<number> {
  const chip = chooseHeaderChip(await listGpioChips(opts.fs, opts.root), opts.chipLabel);
  if (bcm < 0 || bcm >= chip.ngpio)
    throw new StationError(`GPIO ${bcm} is outside ${chip.label} (0-${chip.ngpio - 1})`, "CONFIG_INVALID");
  return chip.base + bcm;
}
