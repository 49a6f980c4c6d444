import { describe, expect, it } from "vitest";
import { chooseHeaderChip, type SysfsReader, sysfsNumber } from "./gpio-base.js";

/** A recorded /sys/class/gpio tree: chip name → [base, ngpio, label]. */
function sysfs(chips: Record<string, [number, number, string]>): SysfsReader {
  return {
    readdir: async () => ["export", "unexport", ...Object.keys(chips)],
    readFile: async (path) => {
      const [, chip, file] = /\/(gpiochip\d+)\/(\w+)$/.exec(path) ?? [];
      const c = chip ? chips[chip] : undefined;
      if (!c) throw new Error(`ENOENT ${path}`);
      return `${file === "base" ? c[0] : file === "ngpio" ? c[1] : c[2]}\n`;
    },
  };
}

describe("GPIO base at run time", () => {
  it("finds base 512 on a Pi 4 with Bookworm's offset numbering", async () => {
    const fs = sysfs({ gpiochip512: [512, 58, "pinctrl-bcm2711"], gpiochip570: [570, 8, "raspberrypi-exp-gpio"] });
    expect(await sysfsNumber(17, { fs })).toBe(529);
  });

  it("finds the RP1 chip on a Pi 5, not the first chip listed", async () => {
    const fs = sysfs({
      gpiochip512: [512, 32, "gpio-brcmstb@107d508500"],
      gpiochip544: [544, 4, "gpio-brcmstb@107d517c00"],
      gpiochip571: [571, 54, "pinctrl-rp1"],
    });
    expect(await sysfsNumber(17, { fs })).toBe(588);
  });

  it("keeps old kernels with base 0 working", async () => {
    expect(await sysfsNumber(4, { fs: sysfs({ gpiochip0: [0, 54, "pinctrl-bcm2835"] }) })).toBe(4);
  });

  it("honours a configured chip label and names what it found when wrong", async () => {
    const fs = sysfs({ gpiochip512: [512, 58, "pinctrl-bcm2711"] });
    await expect(sysfsNumber(17, { fs, chipLabel: "pinctrl-rp1" })).rejects.toThrow(/pinctrl-bcm2711/);
  });

  it("rejects a line the chip does not have", async () => {
    await expect(sysfsNumber(60, { fs: sysfs({ gpiochip512: [512, 58, "pinctrl-bcm2711"] }) })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
    });
  });

  it("reports a machine without GPIO sysfs", async () => {
    const none: SysfsReader = {
      readdir: async () => {
        throw new Error("ENOENT");
      },
      readFile: async () => "",
    };
    await expect(sysfsNumber(17, { fs: none })).rejects.toMatchObject({ code: "DEVICE_NOT_FOUND" });
  });

  it("never picks the firmware expander", () => {
    expect(() =>
      chooseHeaderChip([{ name: "gpiochip570", base: 570, ngpio: 8, label: "raspberrypi-exp-gpio" }]),
    ).toThrow(/no GPIO header chip/);
  });
});
