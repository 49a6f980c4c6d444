import { afterEach, describe, expect, it, vi } from "vitest";
import { DeviceStatusSchema } from "#contract/domain.js";
import { DoorPayload } from "#contract/messages.js";
import { systemClock } from "#station/clock.js";
import { FakeGpioLine } from "#station/devices/gpio/sim-gpio.js";
import { createDevices, type Devices, packageLabel, type ScanRead, type WeightRead } from "#station/devices/index.js";
import { fakeZebraServer } from "#station/devices/label-printer/sim-printer.js";
import { ScaleSimulator } from "#station/devices/scale/sim-scale.js";
import { encodeWedge } from "#station/devices/scanner/hid-keymap.js";
import { FakeHidBackend } from "#station/devices/scanner/hid-transport.js";
import { serialTransport } from "#station/devices/serial/byte-transport.js";
import { doorPayload, type DoorSessionEvent, DoorSessions } from "#station/doors/door-session.js";
import { hasSocat, PtyPair } from "./devices-pty.js";

if (!hasSocat)
  console.warn(
    "devices-factory: socat is not installed, so the scale runs on no pseudo-terminal and this suite is skipped",
  );

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

describe.skipIf(!hasSocat)("devices built from a device list, as main.ts builds them", () => {
  it("scan → stable weight → package label → door session, with one device unplugged and back", async () => {
    const pty = new PtyPair();
    await pty.plug();
    cleanups.push(() => pty.remove());
    const scaleSim = new ScaleSimulator({ protocol: "and", clock: systemClock });
    const attach = async () => {
      const l = await serialTransport(pty.device, { baudRate: 2400 })();
      scaleSim.attach(l);
      return l;
    };
    let scaleLink = await attach();
    cleanups.push(() => scaleLink.close());
    const zebra = await fakeZebraServer();
    cleanups.push(zebra.close);
    const hid = new FakeHidBackend();
    hid.plug({ path: "/dev/hidraw0", vendorId: 0x0c2e, productId: 0x0b61, serialNumber: "A1", usagePage: 1, usage: 6 });
    const reed = new FakeGpioLine(0);

    const devices: Devices = await createDevices(
      {
        scanners: [{ id: "scanner-1", name: "Bench", match: { vendorId: "0x0c2e", serialNumber: "A1" } }],
        scales: [
          {
            id: "scale-1",
            name: "Bench",
            kind: "serial",
            path: pty.host,
            protocol: "and",
            baudRate: 2400,
            pollMs: 50,
            stableWindowMs: 200,
            reconnectMs: 200,
            timeoutMs: 500,
          },
        ],
        printers: [
          { id: "printer-1", name: "Vault", kind: "tcp", path: `tcp://127.0.0.1:${zebra.port}`, statusPollMs: 0 },
        ],
        doors: [{ id: "vault-door", name: "Vault door", bcm: 17, debounceMs: 20, heldOpenAlarmMs: 1000 }],
      },
      { hidBackend: hid, gpioLine: async () => reed },
    );
    cleanups.push(() => devices.close());

    const sessions = new DoorSessions({
      doorId: "vault-door",
      heldOpenLimitMs: devices.door()!.heldOpenAlarmMs,
      newId: () => `ds-${Date.now()}`,
    });
    const published: DoorSessionEvent[] = [];
    devices.events.on("door", (r) => published.push(...sessions.door(r.open, r.at.getTime())));
    const scans: ScanRead[] = [];
    const weights: WeightRead[] = [];
    devices.events.on("scan", (s) => scans.push(s));
    devices.events.on("weight", (w) => weights.push(w));

    hid.send("/dev/hidraw0", ...encodeWedge("1A4060300003B01000012345"));
    expect(scans.map((s) => [s.scannerId, s.code])).toEqual([["scanner-1", "1A4060300003B01000012345"]]);

    scaleSim.place(3.52, true);
    await vi.waitFor(() => expect(weights.at(-1)).toMatchObject({ grams: 3.52, stable: true }), { timeout: 3000 });

    const label = packageLabel({
      productName: "Blue Dream - Flower",
      netWeightGrams: weights.at(-1)!.grams,
      uid: scans[0]!.code,
      batch: "BD-2411-07",
      packagedDate: "2026-11-27",
      thc: { value: 24.1, unit: "%" },
      cbd: { value: 0.2, unit: "%" },
      licensee: { name: "Green Leaf Oakland", license: "C10-0000123-LIC", contact: "(510) 555-0142" },
    });
    await expect(
      devices.printer()!.print({ id: "p1", template: "package", label: scans[0]!.code, zpl: label.toString() }),
    ).resolves.toMatchObject({ ok: true });
    expect(zebra.sim.printed[0]).toContain("Net Wt. 3.52 g (0.12 oz)");

    reed.set(1);
    await vi.waitFor(() => expect(published.map((e) => e.type)).toEqual(["opened"]));
    await new Promise((r) => setTimeout(r, 1000));
    published.push(...sessions.tick(Date.now()));
    reed.set(0);
    await vi.waitFor(() => expect(published.map((e) => e.type)).toEqual(["opened", "held-open", "closed"]));
    for (const e of published) expect(DoorPayload.safeParse(doorPayload(e)).success).toBe(true);

    await pty.unplug();
    await vi.waitFor(() => expect(devices.scale()!.status().state).toBe("disconnected"), { timeout: 3000 });
    expect(
      devices
        .statuses()
        .filter((s) => s.state !== "connected")
        .map((s) => s.id),
    ).toEqual(["scale-1"]);
    await pty.plug();
    scaleLink = await attach();
    await vi.waitFor(() => expect(devices.scale()!.status().state).toBe("connected"), { timeout: 5000 });
    for (const s of devices.statuses()) expect(DeviceStatusSchema.safeParse(s).error).toBeUndefined();
  });
});
