import { join } from "node:path";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "#station/clock.js";
import { ReceivingConfigSchema } from "./config.js";
import { Receiving } from "./service.js";
import { manifestOf, receiveTag } from "#station/testing/receiving-rig.js";
import { kioskDeps, quietLog, tempDir } from "#station/testing/helpers.js";
import { receiveRoutes } from "./routes.js";
import { receiveCoaRoutes } from "./coa-routes.js";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

// Line 2 came without a COA; the rest carry the hub's summary with its dashboard link.
const manifest = manifestOf(4, (i, l) =>
  i === 2
    ? { ...l, coa: null }
    : { ...l, coa: l.coa && { ...l.coa, documentUrl: "http://hub.local:8080/receiving/coa/9001" } },
);

type Fetch = (url: string, init: RequestInit) => Promise<Response>;
const asked: Array<{ url: string; init: RequestInit }> = [];
const pdf = (): Fetch => async (url, init) => {
  asked.push({ url, init });
  return new Response("%PDF-1.4 Certificate of analysis", { headers: { "content-type": "application/pdf" } });
};

async function build(hub: Fetch = pdf()) {
  asked.length = 0;
  const { dir, cleanup } = await tempDir("vaultline-receive-coa-");
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
  const deps = kioskDeps({ siteId: "site" });
  const app = new Hono()
    .route("/receive/lines", receiveCoaRoutes(receiving, hub))
    .route("/receive", receiveRoutes({ ...deps, receiving }));
  await receiving.start("0000012345");
  return { app, receiving };
}

const doc = (i: number) => `/receive/lines/${receiveTag(i)}/coa/document`;

describe("the kiosk's COA document", () => {
  it("links the COA panel's full document to the station's own route, never to the hub's dashboard", async () => {
    const { app } = await build();
    const panel = await (await app.request(`/receive/lines/${receiveTag(1)}/coa`)).text();
    expect(panel).toContain(`<a href="${doc(1)}">full document</a>`);
    expect(panel).not.toContain("hub.local");
  });

  it("fetches the document from the hub and passes it through when the hub hands it out", async () => {
    const { app } = await build();
    const res = await app.request(doc(1));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(await res.text()).toBe("%PDF-1.4 Certificate of analysis");
    expect(asked.map((a) => [a.url, a.init.redirect])).toEqual([
      ["http://hub.local:8080/receiving/coa/9001", "manual"],
    ]);
  });

  it("shows its own page with the line's lab facts when the hub asks for an office sign-in", async () => {
    const { app } = await build(
      async () => new Response(null, { status: 303, headers: { location: "/login?next=%2Freceiving%2Fcoa%2F9001" } }),
    );
    const res = await app.request(doc(1));
    expect([res.status, res.headers.get("content-type")]).toEqual([200, "text/html; charset=UTF-8"]);
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain(`data-coa-document="${receiveTag(1)}" data-coa-passed="true"`);
    for (const fact of [
      "SC Labs",
      "2026-11-02",
      "24.1%",
      "0.1%",
      "PASSED",
      "0000012345",
      "TestPassed",
      manifest.lines[1]!.itemName,
    ])
      expect(html).toContain(fact);
    expect(html).toContain(
      "behind an office sign-in. The office opens it on the hub under Receiving, manifest 0000012345.",
    );
    expect(html).toContain('href="/receive"');
  });

  it("says why when the hub sends a login page, fails, or cannot be reached", async () => {
    const cases: Array<[Fetch, RegExp]> = [
      [
        async () => new Response("<html>sign in</html>", { headers: { "content-type": "text/html" } }),
        /did not send the document \(HTTP 200\)/,
      ],
      [async () => new Response("bad gateway", { status: 502 }), /did not send the document \(HTTP 502\)/],
      [
        async () => {
          throw new TypeError("fetch failed");
        },
        /could not be reached \(fetch failed\)/,
      ],
    ];
    for (const [hub, why] of cases) {
      const { app } = await build(hub);
      expect(await (await app.request(doc(1))).text()).toMatch(why);
    }
  });

  it("says so when a line has no COA without asking the hub, and refuses what is not a line of the open manifest", async () => {
    const { app } = await build();
    expect(await (await app.request(doc(2))).text()).toContain("None came with this package");
    expect(asked).toEqual([]);
    const stranger = await app.request("/receive/lines/1A4060300009999000009999/coa/document");
    expect([stranger.status, await stranger.text()]).toEqual([
      404,
      "1A4060300009999000009999 is not a line of the open manifest",
    ]);
    const bad = await app.request("/receive/lines/not-a-tag/coa/document");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/not a METRC tag/);
  });
});
