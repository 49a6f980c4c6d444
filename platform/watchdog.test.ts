import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pino } from "pino";
import { createHeartbeats, createWatchdog } from "./watchdog.js";

const log = pino({ level: "silent" });
const env = { NOTIFY_SOCKET: "/run/systemd/notify", WATCHDOG_USEC: "20000000" };

describe("systemd watchdog", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("announces readiness and pings at half WatchdogSec only while healthy", async () => {
    const sent: Array<Record<string, string>> = [];
    let healthy = true;
    const wd = createWatchdog({ env, healthy: () => healthy, log, notify: async (f) => void sent.push(f) });
    expect(wd.intervalMs).toBe(10_000);
    await wd.ready("ingesting");
    expect(sent[0]).toMatchObject({ READY: "1", STATUS: "ingesting" });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent.filter((f) => f.WATCHDOG === "1")).toHaveLength(3);
    healthy = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent.filter((f) => f.WATCHDOG === "1")).toHaveLength(3);
    healthy = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent.filter((f) => f.WATCHDOG === "1")).toHaveLength(4);
    await wd.stopping();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent.filter((f) => f.WATCHDOG === "1")).toHaveLength(4);
    expect(sent.at(-1)).toEqual({ STOPPING: "1" });
  });

  it("withholds pings when the health check throws", async () => {
    const sent: Array<Record<string, string>> = [];
    const wd = createWatchdog({
      env,
      healthy: () => {
        throw new Error("db gone");
      },
      log,
      notify: async (f) => void sent.push(f),
    });
    await wd.ready();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent.filter((f) => f.WATCHDOG)).toEqual([]);
  });

  it("does nothing outside systemd", async () => {
    const notify = vi.fn(async () => undefined);
    const wd = createWatchdog({ env: {}, healthy: () => true, log, notify });
    await wd.ready();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(notify).not.toHaveBeenCalled();
    expect(wd.intervalMs).toBe(0);
  });
});

describe("heartbeats", () => {
  it("turns unhealthy when a registered loop stops beating", () => {
    let now = 0;
    const hb = createHeartbeats({ clock: { now: () => now }, staleMs: 5_000 });
    hb.beat("ingest");
    hb.beat("broker");
    now = 4_000;
    hb.beat("ingest");
    expect(hb.healthy()).toBe(true);
    now = 6_000;
    expect(hb.stale()).toEqual(["broker"]);
    expect(hb.healthy()).toBe(false);
  });
});
