import { join } from "node:path";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { classifyBarcode } from "#contract/barcode.js";
import { manualClock } from "#station/clock.js";
import { manifestOf, receiveTag } from "#station/testing/receiving-rig.js";
import { ReceivingConfigSchema } from "./config.js";
import { Receiving } from "./service.js";
import { kioskDeps, quietLog, tempDir } from "#station/testing/helpers.js";
import { receiveRoutes } from "./routes.js";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

// Line 3 failed its lab test; line 9 is a weighed bulk bag.
const manifest = manifestOf(12, (i, l) => (i === 3 ? { ...l, labState: "TestFailed" } : l));

async function build() {
  const { dir, cleanup } = await tempDir("vaultline-receive-routes-");
  let touched = 0;
  const receiving = await Receiving.open({
    stationId: "vault-1",
    siteId: "site",
    clock: manualClock(),
    log: quietLog,
    file: join(dir, "receiving.journal"),
    outbox: { append: async () => undefined },
    manifests: () => [manifest],
    shelves: { shelved: () => [], categoryOf: () => undefined },
    printer: () => undefined,
    person: () => ({ employeeId: "emp-001", name: "Dana Reyes", role: "coordinator" }),
    config: ReceivingConfigSchema.parse({}),
  });
  closers.push(async () => {
    await receiving.close();
    await cleanup();
  });
  const deps = kioskDeps({
    siteId: "site",
    signIn: {
      view: () => ({ signedIn: { employeeId: "emp-001", name: "Dana Reyes" }, prompt: null }),
      touch: () => {
        touched++;
      },
    },
  });
  const app = new Hono().route("/receive", receiveRoutes({ ...deps, receiving }));
  return { app, receiving, touches: () => touched };
}

const form = (fields: Record<string, string>, htmx = false) => ({
  method: "POST",
  body: new URLSearchParams(fields),
  headers: htmx ? { "HX-Request": "true" } : undefined,
});
let n = 0;
const scan = (r: Receiving, code: string) =>
  r.onScan({ id: `scan-${++n}`, at: "2026-11-27T18:00:00.000Z", code, classification: classifyBarcode(code) });

describe("/receive", () => {
  it("lists the offered manifests, then shows the open one with n of N and its lines", async () => {
    const { app } = await build();
    const list = await (await app.request("/receive")).text();
    expect(list).toContain('data-manifest="0000012345"');
    expect(list).toContain('sse-connect="/receive/events"');
    expect((await app.request("/receive/open", form({ manifestNumber: "0000012345" }))).status).toBe(200);
    const page = await (await app.request("/receive")).text();
    expect(page).toContain('data-scanned="0" data-total="12"');
    expect(page.match(/class="rx-row /g)).toHaveLength(12);
  });

  it("answers a refused tap with 422 and the reason as a notice, and counts the tap as activity", async () => {
    const { app, receiving, touches } = await build();
    await receiving.start("0000012345");
    await scan(receiving, receiveTag(3));
    const res = await app.request(`/receive/lines/${receiveTag(3)}/accept`, form({}, true));
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/data-notice="refused".*TestFailed/);
    expect(touches()).toBe(1);
    const ok = await app.request(`/receive/lines/${receiveTag(3)}/reject`, form({ reason: "failed-lab" }));
    expect(await ok.json()).toEqual({ ok: true });
  });

  it("rejects bad input where it comes in: a malformed tag, an unknown reason, a quantity of 0", async () => {
    const { app, receiving } = await build();
    await receiving.start("0000012345");
    const badTag = await app.request("/receive/lines/NOT-A-TAG/accept", form({}));
    expect(badTag.status).toBe(400);
    expect(((await badTag.json()) as { reason: string }).reason).toMatch(/METRC tag/);
    expect((await app.request(`/receive/lines/${receiveTag(1)}/reject`, form({ reason: "bored" }))).status).toBe(400);
    expect(
      (await app.request(`/receive/lines/${receiveTag(1)}/accept-corrected`, form({ quantity: "0" }))).status,
    ).toBe(400);
    expect((await app.request("/receive/reject-manifest", form({ reason: " " }))).status).toBe(400);
  });

  it("puts lines needing a decision on top, flagged and unexpected first, with their state in data attributes", async () => {
    const { app, receiving } = await build();
    await receiving.start("0000012345");
    for (const i of [0, 3, 777]) await scan(receiving, receiveTag(i));
    const page = await (await app.request("/receive")).text();
    const rows = [
      ...page.matchAll(
        /data-line-label="([0-9A-Z]{24})" data-line-state="(\w+)" data-decision="" data-flags="([\w -]*)" data-unexpected="(\w+)"/g,
      ),
    ];
    expect(rows.slice(0, 3).map((m) => [m[1], m[2], m[3], m[4]])).toEqual([
      [receiveTag(3), "attention", "failed-lab", "false"],
      [receiveTag(777), "attention", "not-ordered", "true"],
      [receiveTag(0), "attention", "", "false"],
    ]);
  });

  it("opens the COA summary, serves the verdict tones and reports the open receiving as JSON", async () => {
    const { app, receiving } = await build();
    await receiving.start("0000012345");
    await scan(receiving, receiveTag(1));
    await scan(receiving, receiveTag(1));
    expect(await (await app.request(`/receive/lines/${receiveTag(1)}/coa`)).text()).toContain("SC Labs");
    const tone = await app.request("/receive/tone/warn.wav");
    expect(tone.headers.get("content-type")).toBe("audio/wav");
    expect(
      Buffer.from(await tone.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe("RIFF");
    expect((await app.request("/receive/tone/loud.wav")).status).toBe(404);
    const status = (await (await app.request("/receive/status")).json()) as {
      open: { progress: { scanned: number }; lastScan: { verdict: string } };
    };
    expect(status.open).toMatchObject({ progress: { scanned: 1 }, lastScan: { verdict: "duplicate" } });
  });

  it("streams the verdict on its own SSE stream, the whole body once on connect", async () => {
    const { app, receiving } = await build();
    await receiving.start("0000012345");
    const res = await app.request("/receive/events");
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("event: rx-page");
    void scan(receiving, "1A4060300012B7C0000");
    let text = "";
    while (!text.includes("event: rx-flash")) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/data-verdict="invalid-tag"/);
    expect(text).toContain("/receive/tone/bad.wav");
    await reader.cancel();
  });
});
