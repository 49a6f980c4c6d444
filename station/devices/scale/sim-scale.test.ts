import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "#station/clock.js";
import { type MemoryEnd, memoryPair } from "../serial/memory-transport.js";
import type { WeightRead } from "../types.js";
import { codecFor } from "./codecs.js";
import type { ScaleProtocol } from "./codec.js";
import type { ScaleConfig } from "./port.js";
import { SerialScale } from "./serial-scale.js";
import { ScaleSimulator } from "./sim-scale.js";

const log = pino({ level: "silent" });

/** Driver and simulator joined by an in-memory wire; `unplug` cuts it, the next open re-joins. */
function rig(protocol: ScaleProtocol, over: Partial<ScaleConfig> = {}) {
  const sim = new ScaleSimulator({ protocol, clock: systemClock, streamIntervalMs: 100 });
  let deviceEnd: MemoryEnd | undefined;
  let pluggedIn = true;
  const scale = new SerialScale({
    open: async () => {
      if (!pluggedIn) throw new Error("ENOENT: /dev/vault-scale");
      const [host, device] = memoryPair();
      deviceEnd = device;
      sim.attach(device);
      return host;
    },
    codec: codecFor(protocol),
    config: {
      id: "scale-1",
      name: "Bench",
      protocol,
      mode: "poll",
      pollMs: 100,
      timeoutMs: 1000,
      stableWindowMs: 500,
      reconnectMs: 500,
      ...over,
    },
    log,
    clock: systemClock,
  });
  const weights: WeightRead[] = [];
  scale.events.on("weight", (w) => weights.push(w));
  return {
    sim,
    scale,
    weights,
    unplug: () => {
      pluggedIn = false;
      deviceEnd?.cut("device reports readiness to read but returned no data");
    },
    replug: () => {
      pluggedIn = true;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each(["mt-sics", "and", "ohaus", "nci"] as const)("%s scale driver against its simulator", (protocol) => {
  it("counts a reading only after it held stable for the window", async () => {
    const r = rig(protocol);
    r.sim.place(3.5, true);
    await r.scale.start();
    await vi.advanceTimersByTimeAsync(200);
    expect(r.weights.at(-1)).toMatchObject({ grams: 3.5, stable: false });
    await vi.advanceTimersByTimeAsync(500);
    expect(r.weights.at(-1)).toMatchObject({ grams: 3.5, stable: true });
    await r.scale.close();
  });

  it("restarts the window when the weight moves", async () => {
    const r = rig(protocol);
    r.sim.place(10, true);
    await r.scale.start();
    await vi.advanceTimersByTimeAsync(400);
    r.sim.place(10.25, true);
    await vi.advanceTimersByTimeAsync(400);
    expect(r.weights.some((w) => w.stable)).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(r.weights.at(-1)).toMatchObject({ grams: 10.25, stable: true });
    await r.scale.close();
  });

  it("shows overload and never counts it", async () => {
    const r = rig(protocol);
    await r.scale.start();
    r.sim.overload();
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.weights.at(-1)).toMatchObject({ overload: true, stable: false });
    expect(r.scale.status().lastReading).toBe("overload");
    await r.scale.close();
  });

  it("tares the container so the net weight reads zero", async () => {
    const r = rig(protocol);
    r.sim.place(42.5, true);
    await r.scale.start();
    await vi.advanceTimersByTimeAsync(700);
    await r.scale.tare();
    await vi.advanceTimersByTimeAsync(700);
    expect(r.weights.at(-1)).toMatchObject({ grams: 0, stable: true });
    await r.scale.close();
  });

  it("shows an error when the scale goes quiet, and recovers", async () => {
    const r = rig(protocol);
    await r.scale.start();
    r.sim.mute();
    await vi.advanceTimersByTimeAsync(1500);
    expect(r.scale.status()).toMatchObject({ state: "error", reason: expect.stringMatching(/no answer/) });
    r.sim.mute(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(r.scale.status().state).toBe("connected");
    await r.scale.close();
  });

  it("reconnects by itself after an unplug", async () => {
    const r = rig(protocol);
    r.sim.place(1, true);
    await r.scale.start();
    await vi.advanceTimersByTimeAsync(200);
    r.unplug();
    expect(r.scale.status()).toMatchObject({ state: "disconnected", reason: expect.stringMatching(/no data/) });
    await vi.advanceTimersByTimeAsync(1200);
    expect(r.scale.status()).toMatchObject({ state: "disconnected", reason: expect.stringMatching(/ENOENT/) });
    r.replug();
    r.sim.place(2, true);
    await vi.advanceTimersByTimeAsync(1200);
    expect(r.scale.status().state).toBe("connected");
    expect(r.weights.at(-1)).toMatchObject({ grams: 2, stable: true });
    await r.scale.close();
  });
});

describe.each(["mt-sics", "and", "ohaus"] as const)("%s streaming output", (protocol) => {
  it("asks for a stream and reads it without polling", async () => {
    const r = rig(protocol, { mode: "stream" });
    r.sim.place(7.25, false);
    await r.scale.start();
    await vi.advanceTimersByTimeAsync(300);
    expect(r.weights.at(-1)).toMatchObject({ grams: 7.25, stable: false });
    r.sim.place(7.25, true);
    await vi.advanceTimersByTimeAsync(600);
    expect(r.weights.at(-1)).toMatchObject({ grams: 7.25, stable: true });
    await r.scale.close();
  });
});
