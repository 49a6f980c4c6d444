import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "#station/clock.js";
import type { DeviceDiscard, ScanRead } from "../types.js";
import { encodeWedge } from "./hid-keymap.js";
import { encodePos } from "./hid-pos.js";
import { FakeHidBackend, type HidBackend } from "./hid-transport.js";
import { HidScanners } from "./hid-scanner.js";
import type { ScannerConfig } from "./port.js";

const log = pino({ level: "silent" });
const frontCfg: ScannerConfig = {
  id: "scanner-1",
  name: "Receiving bench",
  mode: "wedge",
  match: { vendorId: 0x0c2e, productId: 0x0b61, serialNumber: "A1" },
};
const backCfg: ScannerConfig = {
  id: "scanner-2",
  name: "Floor window",
  mode: "pos",
  match: { vendorId: 0x0c2e, productId: 0x0b61, serialNumber: "B2" },
};
const devA = { path: "/dev/hidraw0", vendorId: 0x0c2e, productId: 0x0b61, serialNumber: "A1", usagePage: 1 };
const devB = { path: "/dev/hidraw1", vendorId: 0x0c2e, productId: 0x0b61, serialNumber: "B2", usagePage: 0x8c };

async function rig(backend: HidBackend = new FakeHidBackend()) {
  const scanners = new HidScanners({ backend, log, clock: systemClock, scanners: [frontCfg, backCfg], pollMs: 1000 });
  const scans: ScanRead[] = [];
  const discards: DeviceDiscard[] = [];
  scanners.events.on("scan", (s) => scans.push(s));
  scanners.events.on("discarded", (d) => discards.push(d));
  await scanners.start();
  return { scanners, scans, discards, state: (id: string) => scanners.statuses().find((s) => s.id === id)?.state };
}

describe("HidScanners", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads two scanners at once and names each in its scan events", async () => {
    const fake = new FakeHidBackend();
    fake.plug(devA);
    fake.plug(devB);
    const r = await rig(fake);
    fake.send(devA.path, ...encodeWedge("1A4060300003B01000012345"));
    fake.send(devB.path, ...encodePos("EMP-A1B2"));
    expect(r.scans.map((s) => [s.scannerId, s.code])).toEqual([
      ["scanner-1", "1A4060300003B01000012345"],
      ["scanner-2", "EMP-A1B2"],
    ]);
    expect(r.scanners.statuses().find((s) => s.id === "scanner-1")?.lastReading).toBe("1A4060300003B01000012345");
    expect(r.scans[1]?.aim).toBe("]C0");
    await r.scanners.close();
  });

  it("picks up a scanner plugged in later and drops one pulled out, within 3 s, then takes it back", async () => {
    const fake = new FakeHidBackend();
    const r = await rig(fake);
    expect(r.state("scanner-1")).toBe("disconnected");
    fake.plug(devA);
    await vi.advanceTimersByTimeAsync(3000);
    expect(r.state("scanner-1")).toBe("connected");
    fake.unplug(devA.path);
    await vi.advanceTimersByTimeAsync(10);
    expect(r.state("scanner-1")).toBe("disconnected");
    expect(r.scanners.statuses()[0]?.reason).toMatch(/could not read/);
    fake.plug(devA);
    await vi.advanceTimersByTimeAsync(3000);
    fake.send(devA.path, ...encodeWedge("EMP-9911"));
    expect(r.scans.map((s) => s.code)).toEqual(["EMP-9911"]);
    await r.scanners.close();
  });

  it("notices a device that vanished from enumeration without an error", async () => {
    const fake = new FakeHidBackend();
    fake.plug(devA);
    const r = await rig(fake);
    // An enumeration-only removal: the handle got no error, the device is simply gone.
    (fake as unknown as { list(): Promise<unknown[]> }).list = async () => [];
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.state("scanner-1")).toBe("disconnected");
    expect(r.scanners.statuses()[0]?.reason).toBe("unplugged");
    await r.scanners.close();
  });

  it("records nothing of a code cut off by an unplug", async () => {
    const fake = new FakeHidBackend();
    fake.plug(devA);
    const r = await rig(fake);
    fake.send(devA.path, ...encodeWedge("1A40603000", "none"));
    fake.unplug(devA.path);
    await vi.advanceTimersByTimeAsync(10);
    expect(r.scans).toEqual([]);
    expect(r.discards[0]).toMatchObject({ deviceId: "scanner-1", raw: "1A40603000" });
    await r.scanners.close();
  });

  it("shows an error status, without crashing, when HID cannot be enumerated", async () => {
    const broken: HidBackend = {
      list: async () => {
        throw new Error("libusb-1.0.so.0: cannot open shared object file");
      },
      open: async () => {
        throw new Error("unused");
      },
    };
    const r = await rig(broken);
    expect(r.scanners.statuses().map((s) => [s.state, s.reason])).toEqual([
      ["error", expect.stringMatching(/libusb/)],
      ["error", expect.stringMatching(/libusb/)],
    ]);
    await r.scanners.close();
  });

  it("drops garbage reports with a reason and keeps reading", async () => {
    const fake = new FakeHidBackend();
    fake.plug(devB);
    const r = await rig(fake);
    fake.send(devB.path, Uint8Array.of(0xff, 0x00, 0x13));
    fake.send(devB.path, ...encodePos("1A4060300003B01000012345"));
    expect(r.discards[0]?.reason).toMatch(/3 bytes/);
    expect(r.scans.map((s) => s.code)).toEqual(["1A4060300003B01000012345"]);
    await r.scanners.close();
  });

  it("opens the interface that fits the mode when a scanner exposes several", async () => {
    const fake = new FakeHidBackend();
    fake.plug({ ...devB, path: "/dev/hidraw5", usagePage: 0xff00 });
    fake.plug({ ...devB, path: "/dev/hidraw6", usagePage: 0x01, usage: 0x06 });
    fake.plug({ ...devB, path: "/dev/hidraw7", usagePage: 0x8c });
    const r = await rig(fake);
    expect(fake.isOpen("/dev/hidraw7")).toBe(true);
    expect(fake.isOpen("/dev/hidraw5")).toBe(false);
    await r.scanners.close();
  });

  it("opens a scanner on a plug notification without waiting for the next poll", async () => {
    const fake = new FakeHidBackend();
    let notify = () => undefined as void;
    const scanners = new HidScanners({
      backend: fake,
      log,
      clock: systemClock,
      scanners: [frontCfg],
      pollMs: 60_000,
      settleMs: 300,
      plugEvents: (cb) => {
        notify = cb;
        return () => undefined;
      },
    });
    await scanners.start();
    fake.plug(devA);
    notify();
    await vi.advanceTimersByTimeAsync(300);
    expect(scanners.statuses()[0]?.state).toBe("connected");
    await scanners.close();
  });
});
