import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "#station/clock.js";
import { createDevices, type Devices } from "#station/devices/index.js";
import { StationError } from "#station/errors.js";
import { SignIn } from "#station/kiosk/sign-in.js";
import { LiveFeed } from "#station/scans/live-feed.js";
import { ScanRecorder, type ScanEnvelope } from "#station/scans/recorder.js";
import { memorySessionStore } from "#station/store/session-store.js";
import { quietLog } from "#station/testing/helpers.js";
import { createApp } from "./app.js";
import { idempotency } from "./idempotency.js";

let devices: Devices | undefined;
afterEach(async () => {
  await devices?.close();
  devices = undefined;
});

/** The station app with simulated devices and an outbox that records into `written` (or refuses while `full`). */
async function station() {
  const clock = manualClock();
  const feed = new LiveFeed();
  const written: ScanEnvelope[] = [];
  const disk = { full: false };
  const signIn = new SignIn({
    store: memorySessionStore(),
    employees: { employeeByBadge: () => undefined },
    clock,
    idleMs: 60_000,
  });
  const recorder = new ScanRecorder({
    stationId: "vault-1",
    siteId: "site",
    clock,
    signIn,
    feed,
    log: quietLog,
    replica: { lookup: () => undefined },
    outbox: {
      append: async (env) => {
        if (disk.full) throw new StationError("the station's disk is full", "STORE_FULL");
        written.push(env);
      },
    },
  });
  devices = await createDevices({ kind: "sim" });
  const d = devices;
  d.events.on("scan", (r) => void recorder.record(r.code, r.scannerId).catch(() => undefined));
  const app = createApp({
    stationId: "vault-1",
    siteId: "site",
    version: "9.9.9",
    log: quietLog,
    feed,
    signIn,
    scans: recorder,
    hub: () => ({ connected: false, lastAckAt: null }),
    outboxDepth: () => written.length,
    devices: d,
  });
  return { app, written, disk };
}

const TAG = "1A4060300002199000003445";
const scanWith = (body: Record<string, unknown>, key?: string) => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
});
const eventId = async (res: Response) => ((await res.json()) as { event: { id: string } }).event.id;

describe("POST /sim/scan with an idempotency key", () => {
  it("answers a repeated Idempotency-Key with the first answer and records nothing new", async () => {
    const { app, written } = await station();
    const first = await app.request("/sim/scan", scanWith({ code: TAG }, "scan-7f3a"));
    const again = await app.request("/sim/scan", scanWith({ code: TAG }, "scan-7f3a"));
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await eventId(again)).toBe(await eventId(first));
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(written).toHaveLength(1);
    const other = await app.request("/sim/scan", scanWith({ code: TAG }, "scan-7f3b"));
    expect(other.status).toBe(201);
    expect(written).toHaveLength(2);
  });

  it("takes the key as a body field too, and waits for a first request still running", async () => {
    const { app, written } = await station();
    const [a, b] = await Promise.all([
      app.request("/sim/scan", scanWith({ code: TAG, key: "k-1" })),
      app.request("/sim/scan", scanWith({ code: TAG, key: "k-1" })),
    ]);
    expect(await eventId(a)).toBe(await eventId(b));
    expect(written).toHaveLength(1);
  });

  it("refuses a key reused for a different scan, recording nothing", async () => {
    const { app, written } = await station();
    await app.request("/sim/scan", scanWith({ code: TAG }, "k-2"));
    const reused = await app.request("/sim/scan", scanWith({ code: "EMP-0001" }, "k-2"));
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    expect(written).toHaveLength(1);
  });

  it("lets the same key try again after a refusal, since nothing was recorded", async () => {
    const { app, written, disk } = await station();
    disk.full = true;
    const refused = await app.request("/sim/scan", scanWith({ code: TAG }, "k-3"));
    expect(refused.status).toBe(507);
    disk.full = false;
    const retried = await app.request("/sim/scan", scanWith({ code: TAG }, "k-3"));
    expect(retried.status).toBe(201);
    expect(written).toHaveLength(1);
  });

  it("says why a key is refused", async () => {
    const { app, written } = await station();
    const bad = await app.request("/sim/scan", scanWith({ code: TAG }, "has space"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_INVALID" });
    const clash = await app.request("/sim/scan", scanWith({ code: TAG, key: "a" }, "b"));
    expect(clash.status).toBe(400);
    expect(written).toEqual([]);
  });
});

describe("idempotency middleware", () => {
  it("forgets a key after its time, and the oldest keys past the limit", async () => {
    const clock = manualClock();
    let runs = 0;
    const app = new Hono().post("/x", idempotency({ clock, ttlMs: 1_000, maxKeys: 2 }), (c) =>
      c.json({ run: ++runs }, 201),
    );
    const post = (key: string) => app.request("/x", { method: "POST", headers: { "idempotency-key": key } });
    await post("a");
    await post("a");
    expect(runs).toBe(1);
    clock.advance(1_000);
    await post("a");
    expect(runs).toBe(2);
    await post("b");
    await post("c");
    expect(runs).toBe(4);
    await post("c");
    expect(runs).toBe(4);
    await post("a"); // three keys against a limit of two: "a" was the oldest and is forgotten
    expect(runs).toBe(5);
  });
});
