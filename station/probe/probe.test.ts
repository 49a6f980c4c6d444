import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "#station/clock.js";
import { FakeGpioLine } from "#station/devices/gpio/sim-gpio.js";
import { fakeZebraServer } from "#station/devices/label-printer/sim-printer.js";
import { ScaleSimulator } from "#station/devices/scale/sim-scale.js";
import { encodeWedge } from "#station/devices/scanner/hid-keymap.js";
import { FakeHidBackend } from "#station/devices/scanner/hid-transport.js";
import { socketTransport } from "#station/devices/serial/byte-transport.js";
import { runProbe } from "./index.js";
import type { ProbeIo } from "./io.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function capture(deps?: ProbeIo["deps"], signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const io: ProbeIo = { out: (l) => out.push(l), err: (l) => err.push(l), deps, signal };
  return { io, out, err };
}

/** A scale simulator behind a TCP socket, so the probe runs its real serial-path code over tcp://. */
async function tcpScale(sim: ScaleSimulator): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    sim.attach(socketTransport(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(
    () =>
      new Promise((r) => {
        sim.stop();
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  const addr = server.address();
  return `tcp://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
}

describe("probe scale", () => {
  it("prints one JSON line per reading in the documented shape", async () => {
    const sim = new ScaleSimulator({ protocol: "mt-sics", clock: systemClock });
    sim.place(12.34, true);
    const c = capture();
    const code = await runProbe(
      ["scale", "--port", await tcpScale(sim), "--protocol", "mt-sics", "--count", "2"],
      c.io,
    );
    expect(code).toBe(0);
    expect(c.out.map((l) => JSON.parse(l))).toEqual([
      { grams: 12.34, stable: true, overload: false, raw: "S S      12.34 g" },
      { grams: 12.34, stable: true, overload: false, raw: "S S      12.34 g" },
    ]);
  });

  it("shows overload with no grams", async () => {
    const sim = new ScaleSimulator({ protocol: "nci", clock: systemClock });
    sim.overload();
    const c = capture();
    await runProbe(["scale", "--port", await tcpScale(sim), "--protocol", "nci", "--count", "1"], c.io);
    expect(JSON.parse(c.out[0]!)).toMatchObject({ grams: null, overload: true, stable: false });
  });

  it("fails with exit 1 and says why when the scale does not answer", async () => {
    const sim = new ScaleSimulator({ protocol: "and", clock: systemClock });
    sim.mute();
    const c = capture();
    const code = await runProbe(
      ["scale", "--port", await tcpScale(sim), "--protocol", "and", "--count", "1", "--seconds", "3"],
      c.io,
    );
    expect(code).toBe(1);
    expect(c.err.join("\n")).toMatch(/no answer from the scale/);
    expect(c.err.at(-1)).toBe("only 0 of 1 readings within 3 s");
  }, 10_000);

  it("rejects a bad command line with exit 2 naming the option", async () => {
    const c = capture();
    expect(await runProbe(["scale", "--port", "/dev/null", "--protocol", "sics"], c.io)).toBe(2);
    expect(c.err[0]).toMatch(/--protocol must be one of mt-sics, and, ohaus, nci, got "sics"/);
    expect(await runProbe(["scale", "--port", "/dev/null", "--protocol", "and", "--baud", "fast"], c.io)).toBe(2);
    expect(await runProbe(["scale", "--prot", "x"], c.io)).toBe(2);
    expect(await runProbe(["kettle"], c.io)).toBe(2);
    expect(await runProbe(["scale", "--protocol", "and"], c.io)).toBe(2);
    expect(c.err.at(-1)).toMatch(/--port is required .*(ports found|no serial ports found)/);
  });
});

describe("probe printer", () => {
  it("reports a ready printer and prints a test label", async () => {
    const server = await fakeZebraServer();
    cleanups.push(server.close);
    const c = capture();
    expect(await runProbe(["printer", "--port", `tcp://127.0.0.1:${server.port}`, "--test-label"], c.io)).toBe(0);
    expect(JSON.parse(c.out[0]!)).toMatchObject({ ready: true, problems: [] });
    expect(JSON.parse(c.out[1]!)).toEqual({ printed: true });
    expect(server.sim.printed[0]).toContain("^FDPROBE^FS");
  });

  it("reports paper out with exit 1", async () => {
    const server = await fakeZebraServer();
    cleanups.push(server.close);
    server.sim.fault({ paperOut: true });
    const c = capture();
    expect(await runProbe(["printer", "--port", `tcp://127.0.0.1:${server.port}`], c.io)).toBe(1);
    expect(JSON.parse(c.out[0]!)).toEqual({ ready: false, problems: ["printer reports paper out"] });
  });
});

describe("probe scanner", () => {
  it("lists interfaces with the mode to use and prints scans", async () => {
    const hid = new FakeHidBackend();
    hid.plug({
      path: "/dev/hidraw0",
      vendorId: 0x0c2e,
      productId: 0x0b61,
      product: "Voyager 1250g",
      usagePage: 1,
      usage: 6,
    });
    hid.plug({ path: "/dev/hidraw1", vendorId: 0x046d, productId: 0xc077, product: "Mouse", usagePage: 1, usage: 2 });
    const stop = new AbortController();
    const c = capture({ hidBackend: hid }, stop.signal);
    const running = runProbe(["scanner"], c.io);
    await new Promise((r) => setTimeout(r, 50));
    hid.send("/dev/hidraw0", ...encodeWedge("1A4060300003B01000012345"));
    stop.abort();
    expect(await running).toBe(0);
    expect(c.out.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ path: "/dev/hidraw0", vendorId: "0x0c2e", mode: "wedge" }),
      expect.objectContaining({ path: "/dev/hidraw1", mode: "other" }),
      { scan: "1A4060300003B01000012345", path: "/dev/hidraw0" },
    ]);
  });

  it("says what to check when no scanner is there", async () => {
    const c = capture({ hidBackend: new FakeHidBackend() });
    expect(await runProbe(["scanner"], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/udev rule/);
  });
});

describe("probe door", () => {
  it("prints the state at start and each change", async () => {
    const line = new FakeGpioLine(0);
    const stop = new AbortController();
    const c = capture({ gpioLine: async () => line }, stop.signal);
    const running = runProbe(["door", "--bcm", "17"], c.io);
    await new Promise((r) => setTimeout(r, 20));
    line.set(1);
    await new Promise((r) => setTimeout(r, 120));
    stop.abort();
    expect(await running).toBe(0);
    expect(c.out.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ open: false, initial: true }),
      expect.objectContaining({ open: true, initial: false }),
    ]);
  });

  it("fails clearly where there is no GPIO", async () => {
    const c = capture({
      sysfs: {
        readdir: async () => {
          throw new Error("ENOENT");
        },
        readFile: async () => "",
      },
    });
    expect(await runProbe(["door", "--bcm", "17"], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/GPIO sysfs is not available/);
    expect(await runProbe(["door"], c.io)).toBe(2);
  });
});
