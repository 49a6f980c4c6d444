import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "#station/clock.js";
import type { DoorRead } from "../types.js";
import { type DoorConfig, VaultDoor } from "./door.js";
import { FakeGpioLine } from "./sim-gpio.js";

const log = pino({ level: "silent" });
const config: DoorConfig = {
  id: "vault-door",
  name: "Vault door",
  openLevel: 1,
  debounceMs: 50,
  retryMs: 1000,
  heldOpenAlarmMs: 120_000,
};

function rig(line: FakeGpioLine | (() => Promise<FakeGpioLine>)) {
  const door = new VaultDoor({
    line: typeof line === "function" ? line : async () => line,
    config,
    log,
    clock: systemClock,
  });
  const reads: DoorRead[] = [];
  door.events.on("door", (r) => reads.push(r));
  return { door, reads };
}

describe("VaultDoor", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reports the state found at boot", async () => {
    const r = rig(new FakeGpioLine(1));
    await r.door.start();
    expect(r.reads).toEqual([expect.objectContaining({ doorId: "vault-door", open: true, initial: true })]);
    expect(r.door.status()).toMatchObject({ state: "connected", lastReading: "open" });
  });

  it("ignores contact bounce shorter than the debounce time", async () => {
    const line = new FakeGpioLine(0);
    const r = rig(line);
    await r.door.start();
    for (let i = 0; i < 5; i++) {
      line.set(1);
      await vi.advanceTimersByTimeAsync(10);
      line.set(0);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(r.reads.filter((x) => !x.initial)).toEqual([]);
    line.set(1);
    await vi.advanceTimersByTimeAsync(10);
    line.set(0);
    line.set(1);
    await vi.advanceTimersByTimeAsync(60);
    expect(r.reads.filter((x) => !x.initial).map((x) => x.open)).toEqual([true]);
  });

  it("honours an active-low contact", async () => {
    const line = new FakeGpioLine(0);
    const door = new VaultDoor({
      line: async () => line,
      config: { ...config, openLevel: 0 },
      log,
      clock: systemClock,
    });
    await door.start();
    expect(door.isOpen()).toBe(true);
  });

  it("shows an error when the line cannot be opened, and retries", async () => {
    let attempts = 0;
    const line = new FakeGpioLine(0);
    const r = rig(async () => {
      attempts++;
      if (attempts === 1) throw new Error("GPIO is not accessible");
      return line;
    });
    await r.door.start();
    expect(r.door.status()).toMatchObject({ state: "error", reason: "door sensor: GPIO is not accessible" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.door.status().state).toBe("connected");
    expect(r.door.isOpen()).toBe(false);
    await r.door.close();
  });

  it("shows an error when a read fails after an edge, without crashing, and recovers", async () => {
    const line = new FakeGpioLine(0);
    const lines = [line, new FakeGpioLine(1)];
    const r = rig(async () => lines.shift()!);
    await r.door.start();
    line.fail(new Error("EIO"));
    line.set(1);
    await vi.advanceTimersByTimeAsync(60);
    expect(r.door.status()).toMatchObject({ state: "error", reason: "door sensor: EIO" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.door.status().state).toBe("connected");
    expect(r.reads.at(-1)).toMatchObject({ open: true, initial: true });
    await r.door.close();
  });
});
