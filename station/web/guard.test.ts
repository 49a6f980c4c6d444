import { describe, expect, it, vi } from "vitest";
import type { SimControls } from "#station/devices/index.js";
import { LiveFeed } from "#station/scans/live-feed.js";
import { quietLog } from "#station/testing/helpers.js";
import { createApp, type AppDeps } from "./app.js";
import { MAX_BODY_BYTES } from "./guard.js";

/** The real app over stub parts, so a refused request can be shown never to reach sign-in or the sim. */
function build() {
  const press = vi.fn(async () => null);
  const signOut = vi.fn(async () => null);
  const sim: SimControls = { scan: vi.fn(), scale: vi.fn(), door: vi.fn(), rig: {} };
  const deps: AppDeps = {
    stationId: "vault-1",
    siteId: "site",
    version: "9.9.9",
    log: quietLog,
    feed: new LiveFeed(),
    signIn: { view: () => ({ state: "idle" }) as never, press, signOut, touch: vi.fn() },
    scans: { record: vi.fn(), waitFor: vi.fn() } as never,
    hub: () => ({ connected: false, lastAckAt: null }),
    outboxDepth: () => 0,
    devices: { statuses: () => [], sim },
  };
  return { app: createApp(deps), press, signOut, sim };
}

const KIOSK = "http://127.0.0.1:8081";
/** Big enough to be absurd for the kiosk, small enough that reading it all cannot exhaust the test worker. */
const BIG = 16 * 1024 * 1024;
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers,
  body: new URLSearchParams(fields),
});

/** A body produced on demand, counting how much of it was pulled. */
function lazyBody(totalBytes: number, chunkBytes = 64 * 1024) {
  let pulled = 0;
  const chunk = new TextEncoder().encode("key=1&".repeat(Math.ceil(chunkBytes / 6)).slice(0, chunkBytes));
  const stream = new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (pulled >= totalBytes) return ctl.close();
      pulled += chunk.length;
      ctl.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

describe("request guard: cross-origin writes", () => {
  it("refuses a PIN key pressed from another origin with 403 and the reason, and the key never reaches sign-in", async () => {
    const { app, press } = build();
    const res = await app.request(`${KIOSK}/sign-in/key`, form({ key: "1" }, { origin: "https://ads.example" }));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      code: "CROSS_ORIGIN",
      error:
        "writes are accepted only from the station's own pages (http://127.0.0.1:8081); this came from https://ads.example",
    });
    expect(press).not.toHaveBeenCalled();
  });

  it("refuses a sign-out from another port on this host, a null origin, and a browser-marked cross-site write", async () => {
    const { app, signOut } = build();
    const refused: Record<string, string>[] = [
      { origin: "http://127.0.0.1:8080" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of refused) {
      const res = await app.request(`${KIOSK}/sign-in/sign-out`, { method: "POST", headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toMatchObject({ code: "CROSS_ORIGIN" });
    }
    expect(signOut).not.toHaveBeenCalled();
  });

  it("takes a same-origin htmx PIN press, and reads from any origin", async () => {
    const { app, press } = build();
    const res = await app.request(
      `${KIOSK}/sign-in/key`,
      form({ key: "1" }, { origin: KIOSK, "hx-request": "true", "sec-fetch-site": "same-origin" }),
    );
    expect(res.status).toBe(200);
    expect(press).toHaveBeenCalledWith("1");
    expect((await app.request(`${KIOSK}/api/status`, { headers: { origin: "https://ads.example" } })).status).toBe(200);
  });

  it("keeps /sim/* working for curl without an Origin and for the station's own pages", async () => {
    const { app, sim } = build();
    const json = (body: unknown, headers: Record<string, string> = {}) => ({
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    expect((await app.request(`${KIOSK}/sim/scale`, json({ grams: 3.5, stable: true }))).status).toBe(202);
    expect((await app.request(`${KIOSK}/sim/door`, json({ open: true }, { origin: KIOSK }))).status).toBe(202);
    expect(
      (await app.request(`${KIOSK}/sim/door`, json({ open: false }, { origin: "https://ads.example" }))).status,
    ).toBe(403);
    expect(sim.scale).toHaveBeenCalledWith(3.5, true);
    expect(sim.door).toHaveBeenCalledTimes(1);
  });
});

describe("request guard: body size", () => {
  it("answers 413 with the limit to a 16 MB form that declares its length, without reading it", async () => {
    const { app, press } = build();
    const body = lazyBody(BIG);
    const res = await app.request(`${KIOSK}/sign-in/key`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(BIG) },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      code: "BODY_TOO_LARGE",
      error: `request body over the station's limit of ${MAX_BODY_BYTES} bytes`,
    });
    expect(body.pulled()).toBeLessThanOrEqual(2 * 64 * 1024);
    expect(press).not.toHaveBeenCalled();
  });

  it("stops reading a 16 MB body sent without a length once it passes the limit", async () => {
    const { app, press } = build();
    const body = lazyBody(BIG);
    const res = await app.request(`${KIOSK}/sign-in/key`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThan(MAX_BODY_BYTES + 3 * 64 * 1024);
    expect(press).not.toHaveBeenCalled();
  });

  it("takes a body at the limit", async () => {
    const { app } = build();
    const padding = "x".repeat(MAX_BODY_BYTES - "key=1&pad=".length);
    const res = await app.request(`${KIOSK}/sign-in/key`, form({ key: "1", pad: padding }));
    expect(res.status).toBe(200);
  });
});
