import { SerialPortMock } from "serialport";
import { DeviceStatusSchema } from "#contract/domain.js";
import { afterEach, describe, expect, it } from "vitest";
import { createDevices, type Devices, type ScanRead, type WeightRead } from "./index.js";
import type { DoorRead } from "./types.js";
import { FakeGpioLine } from "./gpio/sim-gpio.js";
import { shelfLabel } from "./label-printer/templates.js";
import { encodeWedge } from "./scanner/hid-keymap.js";
import { FakeHidBackend } from "./scanner/hid-transport.js";
import type { PortClass } from "./serial/byte-transport.js";

let open: Devices | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
  SerialPortMock.binding.reset();
});

describe("createDevices({ kind: 'sim' })", () => {
  it("starts the simulated set, all connected", async () => {
    open = await createDevices({ kind: "sim" });
    expect(open.statuses().map((s) => [s.id, s.kind, s.state])).toEqual([
      ["scanner-1", "scanner", "connected"],
      ["scanner-2", "scanner", "connected"],
      ["scale-1", "scale", "connected"],
      ["printer-1", "printer", "connected"],
      ["door-1", "door", "connected"],
    ]);
  });

  it("reports statuses the station status message accepts, including last readings", async () => {
    const d = (open = await createDevices({ kind: "sim" }));
    d.sim!.scan("EMP-A1B2");
    d.sim!.scale(12.34, true);
    for (const s of d.statuses()) expect(DeviceStatusSchema.safeParse(s).error).toBeUndefined();
    expect(d.statuses().map((s) => s.lastReading)).toEqual([
      "EMP-A1B2",
      undefined,
      "12.34 g stable",
      undefined,
      "closed",
    ]);
  });

  it("decodes sim scans through the real wedge and POS paths, in the same tick", async () => {
    const d = (open = await createDevices({ kind: "sim" }));
    const scans: ScanRead[] = [];
    d.events.on("scan", (s) => scans.push(s));
    d.sim!.scan("1A4060300003B01000012345");
    d.sim!.scan("1A4060300003B01000012345");
    d.sim!.scan("EMP-A1B2", "scanner-2");
    d.sim!.scan("Ünïcode", "scanner-9");
    expect(scans.map((s) => [s.code, s.scannerId])).toEqual([
      ["1A4060300003B01000012345", "scanner-1"],
      ["1A4060300003B01000012345", "scanner-1"],
      ["EMP-A1B2", "scanner-2"],
      ["Ünïcode", "scanner-9"],
    ]);
    expect(scans[0]?.at).toBeInstanceOf(Date);
    expect(d.statuses().find((s) => s.id === "scanner-2")?.lastReading).toBe("EMP-A1B2");
  });

  it("weighs through the MT-SICS simulator and driver", async () => {
    const d = (open = await createDevices({ kind: "sim" }));
    const weights: WeightRead[] = [];
    d.events.on("weight", (w) => weights.push(w));
    d.sim!.scale(28.35, false);
    d.sim!.scale(28.35, true);
    expect(weights.map((w) => [w.scaleId, w.grams, w.stable])).toEqual([
      ["scale-1", 28.35, false],
      ["scale-1", 28.35, true],
    ]);
    expect(d.statuses().find((s) => s.id === "scale-1")?.lastReading).toBe("28.35 g stable");
  });

  it("opens and closes the simulated door", async () => {
    const d = (open = await createDevices({ kind: "sim" }));
    const doors: DoorRead[] = [];
    d.events.on("door", (r) => doors.push(r));
    d.sim!.door(true);
    await new Promise((r) => setImmediate(r));
    d.sim!.door(false);
    await new Promise((r) => setImmediate(r));
    expect(doors.map((r) => [r.doorId, r.open])).toEqual([
      ["door-1", true],
      ["door-1", false],
    ]);
  });

  it("prints on the simulated Zebra", async () => {
    const d = (open = await createDevices({ kind: "sim" }));
    const zpl = shelfLabel({ locationCode: "VAULT-A-03", locationName: "Vault A shelf 3" }).toString();
    const results: unknown[] = [];
    d.events.on("print", (r) => results.push(r));
    await expect(d.printer()!.print({ id: "j1", template: "shelf", label: "VAULT-A-03", zpl })).resolves.toMatchObject({
      ok: true,
    });
    expect(d.sim!.rig.printer!.printed).toHaveLength(1);
    expect(results).toEqual([
      expect.objectContaining({ printerId: "printer-1", template: "shelf", label: "VAULT-A-03", ok: true }),
    ]);
  });
});

describe("createDevices with a device list", () => {
  it("names the bad key", async () => {
    await expect(
      createDevices({
        scales: [{ id: "scale-1", name: "Bench", kind: "serial", path: "/dev/vault-scale", protocol: "sics" as never }],
      }),
    ).rejects.toMatchObject({ code: "CONFIG_INVALID", message: expect.stringContaining("scales.0.protocol") });
    await expect(createDevices({ doors: [{ id: "door-1", name: "Vault door" }] })).rejects.toMatchObject({
      message: expect.stringContaining("doors.0.bcm: bcm is required"),
    });
  });

  it("runs the real drivers over injected HID, serial and GPIO", async () => {
    const hid = new FakeHidBackend();
    hid.plug({ path: "/dev/hidraw3", vendorId: 0x0c2e, productId: 0x0b61, serialNumber: "A1" });
    SerialPortMock.binding.createPort("/dev/vault-scale", { echo: false, record: true });
    const line = new FakeGpioLine(0);
    const d = (open = await createDevices(
      {
        scanners: [{ id: "scanner-1", name: "Bench", match: { vendorId: "0x0c2e", productId: "0x0b61" } }],
        scales: [
          {
            id: "scale-1",
            name: "Bench",
            kind: "serial",
            path: "/dev/vault-scale",
            protocol: "and",
            stableWindowMs: 0,
            pollMs: 50,
          },
        ],
        doors: [{ id: "vault-door", name: "Vault door", bcm: 17 }],
      },
      { hidBackend: hid, serialPort: SerialPortMock as unknown as PortClass, gpioLine: async () => line },
    ));
    const scans: ScanRead[] = [];
    d.events.on("scan", (s) => scans.push(s));
    hid.send("/dev/hidraw3", ...encodeWedge("EMP-A1B2"));
    expect(scans.map((s) => s.code)).toEqual(["EMP-A1B2"]);
    expect(d.sim).toBeUndefined();
    expect(d.door()?.isOpen()).toBe(false);
    expect(d.statuses().map((s) => [s.id, s.state])).toEqual([
      ["scanner-1", "connected"],
      ["scale-1", "unknown"],
      ["vault-door", "connected"],
    ]);
  });
});
