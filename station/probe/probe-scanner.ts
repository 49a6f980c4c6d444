import { parseArgs } from "node:util";
import { pino } from "pino";
import { systemClock } from "#station/clock.js";
import { HID_POS_USAGE_PAGE } from "#station/devices/scanner/hid-pos.js";
import { HidScanners } from "#station/devices/scanner/hid-scanner.js";
import { nodeHidBackend } from "#station/devices/scanner/hid-transport.js";
import { EXIT, intOption, type ProbeIo, until } from "./io.js";

export const scannerUsage = "probe scanner [--seconds N] [--driver hidraw|libusb]";

const hex4 = (n: number) => `0x${n.toString(16).padStart(4, "0")}`;

/**
 * Lists HID interfaces as JSON lines (with the mode to configure: "pos" on usage page 0x8C,
 * "wedge" for keyboards), then reads every keyboard/POS interface and prints each scan as
 * `{"scan": "...", "path": "..."}` until interrupted or `--seconds` pass.
 */
export async function probeScanner(args: string[], io: ProbeIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { seconds: { type: "string" }, driver: { type: "string" } },
  });
  const driver = values.driver === "libusb" ? "libusb" : "hidraw";
  const backend = io.deps?.hidBackend ?? nodeHidBackend(driver);
  let devices;
  try {
    devices = await backend.list();
  } catch (e) {
    io.err(`cannot list HID devices: ${(e as Error).message}`);
    return EXIT.device;
  }
  const candidates = devices.filter(
    (d) =>
      d.usagePage === HID_POS_USAGE_PAGE || (d.usagePage === 0x01 && d.usage === 0x06) || d.usagePage === undefined,
  );
  for (const d of devices) {
    const mode =
      d.usagePage === HID_POS_USAGE_PAGE ? "pos" : d.usagePage === 0x01 && d.usage === 0x06 ? "wedge" : "other";
    io.out(
      JSON.stringify({
        path: d.path,
        vendorId: hex4(d.vendorId),
        productId: hex4(d.productId),
        serialNumber: d.serialNumber ?? null,
        product: d.product ?? null,
        usagePage: d.usagePage ?? null,
        mode,
      }),
    );
  }
  if (candidates.length === 0) {
    io.err(
      "no keyboard or HID POS interface found: is the scanner plugged in, and does the udev rule give this user access?",
    );
    return EXIT.device;
  }
  const scanners = new HidScanners({
    backend,
    log: pino({ level: "silent" }),
    clock: io.deps?.clock ?? systemClock,
    scanners: candidates.map((d, i) => ({
      id: `probe-${i}`,
      name: d.path,
      mode: d.usagePage === HID_POS_USAGE_PAGE ? "pos" : "wedge",
      match: { path: d.path },
      wedge: { minLength: 1 },
    })),
  });
  const paths = new Map(candidates.map((d, i) => [`probe-${i}`, d.path]));
  scanners.events.on("scan", (s) => io.out(JSON.stringify({ scan: s.code, path: paths.get(s.scannerId) })));
  scanners.events.on("discarded", (d) => io.err(`dropped from ${paths.get(d.deviceId)}: ${d.reason}`));
  io.err("scan a barcode now (Ctrl-C to stop)");
  await scanners.start();
  const seconds = intOption(values.seconds, "seconds");
  await until(seconds === undefined ? undefined : seconds * 1000, io.signal);
  await scanners.close();
  return EXIT.ok;
}
