import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Employee } from "#contract/domain.js";
import { manualClock } from "#station/clock.js";
import { createDevices, type Devices } from "#station/devices/index.js";
import { SignIn } from "#station/kiosk/sign-in.js";
import { LiveFeed } from "#station/scans/live-feed.js";
import { ScanRecorder, type ScanEnvelope } from "#station/scans/recorder.js";
import { memorySessionStore } from "#station/store/session-store.js";
import { quietLog } from "#station/testing/helpers.js";
import { createApp, type AppDeps } from "./app.js";

const dana: Employee = {
  id: "emp-001",
  name: "Dana Reyes",
  role: "coordinator",
  badge: "EMP-0001",
  pinHash: "scrypt$x$1234",
  active: true,
};

let devices: Devices;
let written: ScanEnvelope[];
let deps: AppDeps;

async function build(opts: { sim?: boolean } = {}) {
  const clock = manualClock();
  const feed = new LiveFeed();
  written = [];
  const signIn = new SignIn({
    store: memorySessionStore(),
    employees: { employeeByBadge: (b) => (b === dana.badge ? dana : undefined) },
    clock,
    idleMs: 60_000,
    verify: (pin) => pin === "1234",
  });
  signIn.events.on("changed", (n) => {
    if (n) feed.showBanner({ ...n, sound: n.level === "error" });
    feed.signInChanged();
  });
  const recorder = new ScanRecorder({
    stationId: "vault-1",
    siteId: "site",
    clock,
    signIn,
    feed,
    log: quietLog,
    outbox: {
      append: async (env) => {
        written.push(env);
      },
    },
    replica: { lookup: () => undefined },
  });
  devices = await createDevices({ kind: "sim" });
  devices.events.on("scan", (r) => void recorder.record(r.code, r.scannerId).catch(() => undefined));
  const shown = opts.sim === false ? { statuses: () => devices.statuses() } : devices;
  deps = {
    stationId: "vault-1",
    siteId: "site",
    version: "9.9.9",
    log: quietLog,
    feed,
    signIn,
    scans: recorder,
    hub: () => ({ connected: false, lastAckAt: null }),
    outboxDepth: () => written.length,
    devices: shown,
    sseLazyMs: 20,
  };
  return createApp(deps);
}

beforeEach(() => {
  written = [];
});
afterEach(async () => {
  await devices?.close();
});

const postJson = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const postForm = (fields: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(fields) });

describe("kiosk pages", () => {
  it("renders the home page with htmx and the SSE extension from /static, never a CDN", async () => {
    const app = await build();
    const res = await app.request("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script src="/static/htmx.min.js">');
    expect(html).toContain('<script src="/static/sse.min.js">');
    expect(html).toContain('sse-connect="/events"');
    expect(html).not.toMatch(/https?:\/\/(unpkg|cdn|cdnjs)/);
    expect(html).toContain("Hub offline");
    expect(html).toContain("Simulated scanner");
  });

  it("sets no hx-swap or hx-target on what wraps the SSE targets (htmx would pass them down)", async () => {
    const app = await build();
    const html = await (await app.request("/")).text();
    const wrappers = html.match(/<(body|div class="kiosk"|main|aside)[^>]*>/g) ?? [];
    expect(wrappers.length).toBeGreaterThanOrEqual(4);
    for (const tag of wrappers) expect(tag).not.toMatch(/hx-(swap|target|post)=/);
  });

  it("serves htmx, the SSE extension, the stylesheet and a WAV error tone", async () => {
    const app = await build();
    const htmx = await app.request("/static/htmx.min.js");
    expect(htmx.headers.get("content-type")).toContain("javascript");
    expect(await htmx.text()).toContain("htmx");
    expect((await app.request("/static/sse.min.js")).status).toBe(200);
    expect((await app.request("/static/kiosk.css")).headers.get("content-type")).toContain("text/css");
    const wav = Buffer.from(await (await app.request("/static/error.wav")).arrayBuffer());
    expect(wav.subarray(0, 4).toString("ascii")).toBe("RIFF");
    expect(wav.subarray(8, 12).toString("ascii")).toBe("WAVE");
    expect((await app.request("/static/nope.js")).status).toBe(404);
  });
});

describe("GET /api/status", () => {
  it("reports station, hub link, outbox depth, who is signed in and each device", async () => {
    const app = await build();
    const body = (await (await app.request("/api/status")).json()) as { devices: Array<{ id: string }> };
    expect(body).toMatchObject({
      stationId: "vault-1",
      siteId: "site",
      version: "9.9.9",
      hub: { connected: false, lastAckAt: null },
      outboxDepth: 0,
      signedIn: null,
    });
    expect(body.devices.map((d) => d.id)).toEqual(devices.statuses().map((d) => d.id));
    expect(body.devices.map((d) => d.id)).toEqual(expect.arrayContaining(["scanner-1", "scale-1", "door-1"]));
  });
});

describe("simulator routes", () => {
  it("POST /sim/scan answers with the recorded event once it is in the outbox", async () => {
    const app = await build();
    const res = await app.request("/sim/scan", postJson({ code: "1A4060300002199000003445", scanner: "scanner-1" }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { recorded: boolean; event: ScanEnvelope };
    expect(body.recorded).toBe(true);
    expect(written.map((e) => e.id)).toEqual([body.event.id]);
    expect(body.event.payload.classification.kind).toBe("metrc-tag");
  });

  it("rejects a bad body with the reason", async () => {
    const app = await build();
    const res = await app.request("/sim/scan", postJson({ scanner: "scanner-1" }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain("code");
    expect(written).toEqual([]);
    const scale = await app.request("/sim/scale", postJson({ grams: "heavy", stable: true }));
    expect(scale.status).toBe(400);
  });

  it("drives the simulated scale and door", async () => {
    const app = await build();
    expect((await app.request("/sim/scale", postJson({ grams: 12.5, stable: true }))).status).toBe(202);
    expect((await app.request("/sim/door", postJson({ open: true }))).status).toBe(202);
    const door = devices.statuses().find((d) => d.id === "door-1");
    expect(door?.lastReading).toBe("open");
  });

  it("is not mounted when the devices are real", async () => {
    const app = await build({ sim: false });
    expect((await app.request("/sim/scan", postJson({ code: "X" }))).status).toBe(404);
  });
});

describe("sign-in routes", () => {
  it("walks badge → PIN pad → signed in → sign out", async () => {
    const app = await build();
    await app.request("/sim/scan", postJson({ code: "EMP-0001" }));
    let html = await (await app.request("/")).text();
    expect(html).toContain("PIN for <b>Dana Reyes</b>");
    for (const key of ["1", "2", "3", "4"]) await app.request("/sign-in/key", postForm({ key }));
    const ok = await app.request("/sign-in/key", postForm({ key: "ok" }));
    expect(await ok.text()).toContain("Signed in: <b>Dana Reyes</b>");
    expect(((await (await app.request("/api/status")).json()) as { signedIn: unknown }).signedIn).toEqual({
      employeeId: "emp-001",
      name: "Dana Reyes",
    });
    const out = await app.request("/sign-in/sign-out", { method: "POST" });
    expect(await out.text()).toContain("Scan your badge to sign in");
    html = await (await app.request("/")).text();
    expect(html).toContain("Dana Reyes signed out");
  });

  it("counts a tap on the screen as activity", async () => {
    const app = await build();
    let touched = 0;
    deps.signIn.touch = () => {
      touched++;
    };
    const res = await app.request("/sign-in/touch", { method: "POST" });
    expect(res.status).toBe(204);
    expect(touched).toBe(1);
    expect(await (await app.request("/")).text()).toContain('hx-post="/sign-in/touch"');
  });

  it("shows a wrong PIN in the banner", async () => {
    const app = await build();
    await app.request("/sim/scan", postJson({ code: "EMP-0001" }));
    await app.request("/sign-in/key", postForm({ key: "9" }));
    await app.request("/sign-in/key", postForm({ key: "ok" }));
    expect(await (await app.request("/")).text()).toContain("Wrong PIN (4 tries left)");
  });

  it("answers 422 for a key the pad does not have", async () => {
    const app = await build();
    const res = await app.request("/sign-in/key", postForm({ key: "A" }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("unknown key");
  });
});

describe("GET /events", () => {
  async function readUntil(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    done: (text: string) => boolean,
  ): Promise<string> {
    const decoder = new TextDecoder();
    let text = "";
    while (!done(text)) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    return text;
  }

  it("streams named events carrying rendered HTML", async () => {
    const app = await build();
    const res = await app.request("/events");
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("cache-control")).toContain("no-cache");
    const reader = res.body!.getReader();
    await readUntil(reader, (t) => t.includes("event: sign-in"));
    await app.request("/sim/scan", postJson({ code: "not-a-code" }));
    deps.feed.headerChanged();
    const text = await readUntil(
      reader,
      (t) => t.includes("tone-bad") && t.includes("event: banner") && t.includes("event: header"),
    );
    await reader.cancel();
    expect(text).toMatch(/event: feed\ndata: <ol class="feed"><li class="scan tone-bad"/);
    expect(text).toMatch(/event: banner\ndata: <div class="banner banner-error"[^\n]*<audio src="\/static\/error.wav"/);
    expect(text.indexOf("event: feed")).toBeLessThan(text.indexOf("event: header"));
    expect(text).toMatch(/event: header\ndata: <span class="station-name">vault-1<\/span>/);
    expect(deps.feed.events.listenerCount("scan")).toBe(0);
  });

  it("sends every part once on connect, the banner without its sound", async () => {
    const app = await build();
    await app.request("/sim/scan", postJson({ code: "not-a-code" }));
    const res = await app.request("/events");
    const reader = res.body!.getReader();
    const text = await readUntil(reader, (t) => t.includes("event: sign-in"));
    await reader.cancel();
    for (const name of ["feed", "banner", "header", "devices", "sign-in"]) expect(text).toContain(`event: ${name}\n`);
    expect(text).toContain("Bad scan: not a code Vaultline knows");
    expect(text).not.toContain("<audio");
  });
});
