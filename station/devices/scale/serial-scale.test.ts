import { pino } from "pino";
import { SerialPortMock } from "serialport";
import { afterEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "#station/clock.js";
import { loadHex, section } from "../fixtures.js";
import { type PortClass, serialTransport } from "../serial/byte-transport.js";
import { type MemoryEnd, memoryPair } from "../serial/memory-transport.js";
import type { DeviceDiscard, WeightRead } from "../types.js";
import { codecFor } from "./codecs.js";
import type { ScaleProtocol } from "./codec.js";
import { SerialScale } from "./serial-scale.js";

const log = pino({ level: "silent" });
// The binding instance serialport itself uses (importing @serialport/binding-mock directly from
// ESM gives a second copy with its own port table).
const MockBinding = SerialPortMock.binding;
const PATH = "/dev/vault-scale";
let ports: SerialPortMock[] = [];

/** SerialPortMock that remembers each instance, so tests can feed and read its binding. */
class SpyPort extends SerialPortMock {
  constructor(opts: ConstructorParameters<typeof SerialPortMock>[0]) {
    super(opts);
    ports.push(this);
  }
}

function rig(
  protocol: ScaleProtocol,
  fixture: string,
  over: Partial<ConstructorParameters<typeof SerialScale>[0]["config"]> = {},
) {
  MockBinding.createPort(PATH, { echo: false, record: true });
  const fx = loadHex(new URL(`./fixtures/${fixture}.hex`, import.meta.url));
  const scale = new SerialScale({
    open: serialTransport(PATH, { baudRate: 9600 }, SpyPort as unknown as PortClass),
    codec: codecFor(protocol),
    config: {
      id: "scale-1",
      name: "Bench",
      protocol,
      mode: "poll",
      pollMs: 20,
      timeoutMs: 120,
      stableWindowMs: 0,
      reconnectMs: 30,
      ...over,
    },
    log,
    clock: systemClock,
  });
  const weights: WeightRead[] = [];
  const discards: DeviceDiscard[] = [];
  scale.events.on("weight", (w) => weights.push(w));
  scale.events.on("discarded", (d) => discards.push(d));
  const port = () => ports.at(-1)!;
  const feed = (name: string) => section(fx, name).forEach((b) => port().port!.emitData(Buffer.from(b)));
  return { scale, weights, discards, port, feed };
}

afterEach(() => {
  MockBinding.reset();
  ports = [];
});

describe("SerialScale over SerialPortMock", () => {
  it("polls with SI and reports the recorded stable frame in grams", async () => {
    const r = rig("mt-sics", "mt-sics");
    await r.scale.start();
    await vi.waitFor(() => expect(r.port().port!.recording.toString()).toContain("SI\r\n"));
    r.feed("stable");
    await vi.waitFor(() =>
      expect(r.weights.at(-1)).toMatchObject({ grams: 12.34, stable: true, raw: "S S      12.34 g" }),
    );
    expect(r.scale.status()).toMatchObject({ state: "connected", lastReading: "12.34 g stable" });
    await r.scale.close();
  });

  it("keeps the frames around noise and reports what it dropped", async () => {
    const r = rig("nci", "nci");
    await r.scale.start();
    r.feed("noise-between");
    await vi.waitFor(() => expect(r.weights.map((w) => w.grams)).toEqual([453.59237, 907.18474]));
    expect(r.discards).toHaveLength(1);
    expect(r.scale.status().state).toBe("connected");
    await r.scale.close();
  });

  it("shows an error when only garbage comes back, and recovers on a good frame", async () => {
    const r = rig("and", "and");
    await r.scale.start();
    const timer = setInterval(() => r.port().port?.emitData(Buffer.from("\x1b\x1bzz\r\n", "latin1")), 20);
    await vi.waitFor(() =>
      expect(r.scale.status()).toMatchObject({ state: "error", reason: expect.stringMatching(/unreadable/) }),
    );
    clearInterval(timer);
    expect(r.weights).toEqual([]);
    r.feed("stable");
    await vi.waitFor(() => expect(r.scale.status().state).toBe("connected"));
    await r.scale.close();
  });

  it("shows an error when the scale stops answering", async () => {
    const r = rig("mt-sics", "mt-sics");
    await r.scale.start();
    await vi.waitFor(() =>
      expect(r.scale.status()).toMatchObject({ state: "error", reason: expect.stringMatching(/no answer/) }),
    );
    await r.scale.close();
  });

  it("records nothing of half a frame cut off by an unplug, then reconnects", async () => {
    const r = rig("mt-sics", "mt-sics");
    await r.scale.start();
    r.feed("truncated");
    const first = r.port();
    await new Promise<void>((res) => first.close(() => res()));
    await vi.waitFor(() => expect(r.scale.status().state).toBe("disconnected"));
    await vi.waitFor(() => expect(ports.length).toBeGreaterThan(1));
    await vi.waitFor(() => expect(r.port().isOpen).toBe(true));
    r.feed("stable");
    await vi.waitFor(() => expect(r.scale.status().state).toBe("connected"));
    expect(r.weights.map((w) => w.grams)).toEqual([12.34]);
    await r.scale.close();
  });

  it("in stream mode, reopens a port that went silent and sends the stream command again", async () => {
    const r = rig("mt-sics", "mt-sics", { mode: "stream" });
    await r.scale.start();
    const first = r.port();
    await vi.waitFor(() => expect(first.port!.recording.toString()).toBe("SIR\r\n"));
    await vi.waitFor(() => expect(ports.length).toBeGreaterThan(1));
    expect(first.isOpen).toBe(false);
    await vi.waitFor(() => expect(r.port().port?.recording.toString()).toBe("SIR\r\n"));
    expect(r.scale.status()).toMatchObject({ state: "error", reason: expect.stringMatching(/no answer/) });
    r.feed("stable");
    await vi.waitFor(() => expect(r.scale.status().state).toBe("connected"));
    expect(r.weights.map((w) => w.grams)).toEqual([12.34]);
    await r.scale.close();
  });

  it("closes the transport it lost before opening the next one", async () => {
    const ends: MemoryEnd[] = [];
    const scale = new SerialScale({
      open: async () => {
        const [driverEnd] = memoryPair();
        ends.push(driverEnd);
        return driverEnd;
      },
      codec: codecFor("mt-sics"),
      config: {
        id: "scale-1",
        name: "Bench",
        protocol: "mt-sics",
        mode: "poll",
        pollMs: 20,
        timeoutMs: 1000,
        stableWindowMs: 0,
        reconnectMs: 30,
      },
      log,
      clock: systemClock,
    });
    await scale.start();
    const first = ends[0]!;
    const close = vi.spyOn(first, "close");
    first.cut("cable pulled");
    expect(scale.status()).toMatchObject({ state: "disconnected", reason: "cable pulled" });
    expect(close).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(ends).toHaveLength(2));
    await scale.close();
  });

  it("tares: sends T and waits for the scale's answer", async () => {
    const r = rig("mt-sics", "mt-sics", { pollMs: 10_000 });
    await r.scale.start();
    const tare = r.scale.tare();
    await vi.waitFor(() => expect(r.port().port!.recording.toString()).toContain("T\r\n"));
    r.feed("tare-done");
    await expect(tare).resolves.toBeUndefined();
    const zero = r.scale.zero();
    await vi.waitFor(() => expect(r.port().port!.recording.toString()).toContain("Z\r\n"));
    r.feed("zero-refused");
    await expect(zero).rejects.toMatchObject({ code: "DEVICE_FAULT", message: expect.stringMatching(/zero not done/) });
    await expect(r.scale.tare()).rejects.toMatchObject({ code: "DEVICE_TIMEOUT" });
    await r.scale.close();
  });

  it("reports a port that cannot be opened as disconnected with the reason", async () => {
    const scale = new SerialScale({
      open: serialTransport("/dev/vault-missing", { baudRate: 9600 }, SpyPort as unknown as PortClass),
      codec: codecFor("mt-sics"),
      config: {
        id: "scale-1",
        name: "Bench",
        protocol: "mt-sics",
        mode: "poll",
        pollMs: 20,
        timeoutMs: 100,
        stableWindowMs: 0,
        reconnectMs: 1000,
      },
      log,
      clock: systemClock,
    });
    await scale.start();
    expect(scale.status()).toMatchObject({ state: "disconnected", reason: expect.stringMatching(/vault-missing/) });
    await scale.close();
  });
});
