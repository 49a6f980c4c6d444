/**
 * On-device smoke test, run on the Pi by the installer (never in CI): builds the station's devices
 * from its device list, reads each once, prints a label and toggles the door-strike output, then
 * prints one line per device and exits non-zero if any failed.
 *
 *   npx tsx scripts/smoke-hw.ts --config /etc/vaultline/devices.json [--wait 10] [--scan] [--lock-bcm 27] [--no-print]
 */
import { parseArgs } from "node:util";
import { pino } from "pino";
import { createDevices, loadDevicesConfig, shelfLabel } from "#station/devices/index.js";
import { onoffLine } from "#station/devices/gpio/onoff-gpio.js";

const { values } = parseArgs({
  options: {
    config: { type: "string", default: "firmware-config/devices.example.json" },
    wait: { type: "string", default: "10" },
    scan: { type: "boolean", default: false },
    "lock-bcm": { type: "string" },
    "no-print": { type: "boolean", default: false },
  },
});
const waitMs = Number(values.wait) * 1000;
const results: { device: string; ok: boolean; detail: string }[] = [];
const note = (device: string, ok: boolean, detail: string) => results.push({ device, ok, detail });

const devices = await createDevices(await loadDevicesConfig(values.config), {
  log: pino({ level: process.env.LOG_LEVEL ?? "warn" }),
});
const within = <T>(p: Promise<T>, what: string) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no ${what} within ${values.wait} s`)), waitMs),
    ),
  ]);

for (const scale of devices.scales) {
  try {
    const w = scale.last() ?? (await within(new Promise((r) => scale.events.once("weight", r)), "weight reading"));
    note(scale.id, true, JSON.stringify(w));
  } catch (e) {
    note(scale.id, false, `${(e as Error).message}; status ${JSON.stringify(scale.status())}`);
  }
}
for (const printer of devices.printers) {
  if (values["no-print"]) break;
  const zpl = shelfLabel({ locationCode: "SMOKE-TEST", locationName: "Smoke test" }).toString();
  try {
    await printer.print({ id: `smoke-${Date.now()}`, template: "shelf", label: "SMOKE-TEST", zpl });
    note(printer.id, true, "test label printed");
  } catch (e) {
    note(printer.id, false, (e as Error).message);
  }
}
for (const door of devices.doors) {
  const s = door.status();
  note(door.id, s.state === "connected", `${s.state} ${s.lastReading ?? s.reason ?? ""}`);
}
if (values["lock-bcm"]) {
  try {
    const lock = await onoffLine({ bcm: Number(values["lock-bcm"]), direction: "out" });
    await lock.write(1);
    await new Promise((r) => setTimeout(r, 1000));
    await lock.write(0);
    await lock.close();
    note(`gpio-${values["lock-bcm"]}`, true, "strike output toggled on for 1 s");
  } catch (e) {
    note(`gpio-${values["lock-bcm"]}`, false, (e as Error).message);
  }
}
if (values.scan) {
  process.stdout.write("scan any barcode now\n");
  try {
    const s = await within(
      new Promise<{ code: string; scannerId: string }>((r) => devices.events.once("scan", r)),
      "scan",
    );
    note(s.scannerId, true, `read ${s.code}`);
  } catch (e) {
    note("scanners", false, (e as Error).message);
  }
}
for (const s of devices.statuses().filter((x) => x.kind === "scanner"))
  note(s.id, s.state === "connected", `${s.state} ${s.reason ?? ""}`);

await devices.close();
for (const r of results) process.stdout.write(`${r.ok ? "ok  " : "FAIL"} ${r.device.padEnd(14)} ${r.detail}\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
