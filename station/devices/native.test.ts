import { describe, expect, it } from "vitest";
import { onoffLine } from "./gpio/onoff-gpio.js";
import { nodeHidBackend } from "./scanner/hid-transport.js";

const { Gpio } = await import("onoff");
if (Gpio.accessible) console.warn("native.test: GPIO sysfs is accessible here, so the not-accessible case is skipped");

/**
 * The real backends on this machine: node-hid loads (with libusb-1.0-0 installed) and finds no
 * devices; onoff loads but GPIO sysfs is absent. Both must end in a clear answer, never a crash.
 */
describe("native backends load lazily and fail clearly", () => {
  it("node-hid enumerates, or says libusb is missing", async () => {
    const result = await nodeHidBackend()
      .list()
      .then(
        (list) => ({ list }),
        (e: Error) => ({ error: e.message }),
      );
    if ("error" in result) expect(result.error).toMatch(/node-hid could not load/);
    else expect(Array.isArray(result.list)).toBe(true);
  });

  it("opening a hidraw path that does not exist rejects", async () => {
    await expect(nodeHidBackend().open("/dev/hidraw-missing")).rejects.toThrow();
  });

  it.skipIf(Gpio.accessible)("onoff reports GPIO that is not accessible", async () => {
    await expect(onoffLine({ bcm: 17, direction: "in" })).rejects.toMatchObject({
      code: "DEVICE_NOT_FOUND",
      message: expect.stringMatching(/GPIO is not accessible/),
    });
  });
});
