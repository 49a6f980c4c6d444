import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas, StationStatus } from "#contract/messages.js";
import { silentLog } from "../log.js";
import { insertDeadLetters, toDeadLetterRow } from "../ledger/dead-letters.js";
import { insertEvents, toEventRow } from "../ledger/events.js";
import { seedLedger } from "../ledger/seed.js";
import { recordStationStatus } from "../ledger/stations.js";
import { ONE_PACKAGE, openTestLedger, type TestLedger, TEST_SITE, TEST_TAG as TAG } from "#hub/testing/ledger.js";
import { createApp, type WebDeps } from "./app.js";
import { LiveFeed } from "./live.js";
import { singleSite } from "#hub/sites/directory.js";

const NOW = Date.parse("2026-11-27T18:10:00.000Z");
const scan = eventSchemas.scan.parse(loadExample("scan"));

describe("hub web app", () => {
  let ledger: TestLedger;
  let live: LiveFeed;
  let deps: WebDeps;

  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    await seedLedger(ledger.db, TEST_SITE, ONE_PACKAGE);
    await recordStationStatus(ledger.db, StationStatus.parse(loadExample("state")), "2026-11-27T18:09:50.000Z");
    await insertEvents(ledger.db, [toEventRow(scan, "2026-11-27T18:04:12.000Z")]);
    await insertDeadLetters(ledger.db, [
      toDeadLetterRow(
        "vault/v1/station/vault-1/event/scan",
        "payload.code: Too small",
        "{}",
        "2026-11-27T18:09:00.000Z",
      ),
    ]);
    live = new LiveFeed({ db: ledger.db, log: silentLog(), sites: singleSite() });
    deps = {
      db: ledger.db,
      dialect: "sqlite",
      log: silentLog(),
      clock: { now: () => NOW },
      sites: singleSite(),
      live,
      broker: () => ({ connected: true, url: "mqtt://127.0.0.1:1", embedded: true }),
      ingestStats: () => ({ received: 1, stored: 1, duplicates: 0, deadLettered: 1, pending: 0, failing: null }),
      ssePingMs: 50,
    };
  });
  afterAll(() => ledger?.dispose());

  it("renders the home page with stations, devices, counts and dead-letter reasons", async () => {
    const res = await createApp(deps).request("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('sse-connect="/events"');
    expect(html).toContain('src="/static/htmx.min.js"');
    expect(html).toMatch(/data-station="vault-1"[\s\S]*online[\s\S]*10 s ago/);
    expect(html).toContain("Bench scale: error (no answer for 3 s)");
    expect(html).toContain("Dana Reyes");
    expect(html).toContain("payload.code: Too small");
    expect(html).toMatch(/<dt>Dead letters<\/dt><dd class="warn"><a href="\/dead-letters">1<\/a><\/dd>/);
  });

  it("lists dead letters with topic, reason and what was received", async () => {
    const html = await (await createApp(deps).request("/dead-letters")).text();
    expect(html).toContain("Dead letters (1)");
    expect(html).toMatch(
      /vault\/v1\/station\/vault-1\/event\/scan[\s\S]*payload.code: Too small[\s\S]*<code>\{\}<\/code>/,
    );
  });

  it("serves htmx and the SSE extension from node_modules", async () => {
    const app = createApp(deps);
    const htmx = await app.request("/static/htmx.min.js");
    expect(htmx.headers.get("content-type")).toContain("javascript");
    expect(await htmx.text()).toContain("htmx");
    expect(await (await app.request("/static/sse.js")).text()).toContain("sse-swap");
  });

  it("streams stored scans as rendered rows with the item name", async () => {
    const res = await createApp(deps).request("/events");
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const fresh = { ...scan, id: newId() };
    setTimeout(() => live.stored([fresh]), 20);
    let text = "";
    while (!text.includes("Blue Dream")) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain("event: scan");
    expect(text).toContain(`data-event="${fresh.id}"`);
    expect(text).toContain("METRC tag");
  });

  it("answers the JSON API: stations, packages, health", async () => {
    const app = createApp(deps);
    const stations = (await (await app.request("/api/stations")).json()) as {
      id: string;
      online: boolean;
      devices: unknown[];
    }[];
    expect(stations).toEqual([
      expect.objectContaining({
        id: "vault-1",
        siteId: "green-leaf-oakland",
        online: true,
        lastSeen: "2026-11-27T18:09:50.000Z",
      }),
    ]);
    expect(stations[0]?.devices).toHaveLength(2);
    const pkg = (await (await app.request(`/api/packages/${TAG.toLowerCase()}`)).json()) as { history: unknown[] };
    expect(pkg).toMatchObject({
      label: TAG,
      item: { name: "Blue Dream 3.5 g" },
      location: "Vault A-1",
      history: [{ id: scan.id }],
    });
    const health = await app.request("/api/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, db: { ok: true }, broker: { connected: true } });
  });

  it("answers 400 with a reason for malformed labels, percent signs included", async () => {
    const app = createApp(deps);
    for (const label of ["%25", "short", "1A4060300002199000003445X"]) {
      const res = await app.request(`/api/packages/${label}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/^malformed label: /);
    }
  });

  it("reports 503 when the broker link is down", async () => {
    const res = await createApp({
      ...deps,
      broker: () => ({ connected: false, url: "mqtt://x", embedded: false }),
    }).request("/api/health");
    expect(res.status).toBe(503);
  });

  it("reports 503 with the ingest's failure while batches are not stored", async () => {
    const failing = { since: "2026-11-27T18:00:00.000Z", batches: 3, error: "connection terminated" };
    const res = await createApp({
      ...deps,
      ingestStats: () => ({ received: 3, stored: 0, duplicates: 0, deadLettered: 0, pending: 0, failing }),
    }).request("/api/health");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, db: { ok: true }, ingest: { failing } });
  });

  it("answers a refusal thrown by middleware with its own status, not 500", async () => {
    const refusing = new Hono().get("/refused", () => {
      throw new HTTPException(403, { res: new Response("Forbidden: nope", { status: 403 }) });
    });
    const res = await createApp({ ...deps, extraRoutes: [{ path: "/", app: refusing }] }).request("/refused");
    expect(res.status).toBe(403);
    expect(await res.text()).toBe("Forbidden: nope");
  });

  it("takes HUB_API_TOKEN as a read-only bearer token", async () => {
    const app = createApp({ ...deps, apiToken: "s3cret-token" });
    expect((await app.request("/api/stations")).status).toBe(401);
    expect((await app.request("/api/stations", { headers: { Authorization: "Bearer wrong-token" } })).status).toBe(401);
    expect((await app.request("/api/stations", { headers: { Authorization: "Bearer s3cret-token" } })).status).toBe(
      200,
    );
    const write = await app.request("/api/stations", {
      method: "POST",
      headers: { Authorization: "Bearer s3cret-token" },
    });
    expect(write.status).toBe(403);
    expect((await app.request("/api/health")).status).toBe(200);
  });

  it("mounts login middleware and extra route modules", async () => {
    const seen: string[] = [];
    const app = createApp({
      ...deps,
      apiToken: "s3cret-token",
      auth: async (c, next) => {
        seen.push(c.req.path);
        if (c.req.header("X-Test-Login") !== "yes") return c.json({ error: "sign-in required" }, 401);
        return next();
      },
      extraRoutes: [{ path: "/reports", app: new Hono().get("/ping", (c) => c.text("pong")) }],
    });
    expect((await app.request("/reports/ping")).status).toBe(401);
    expect(await (await app.request("/reports/ping", { headers: { "X-Test-Login": "yes" } })).text()).toBe("pong");
    expect((await app.request("/api/stations", { headers: { Authorization: "Bearer s3cret-token" } })).status).toBe(
      200,
    );
    expect(seen).toEqual(["/reports/ping", "/reports/ping"]);
    expect((await app.request("/static/sse.js")).status).toBe(200);
  });

  it("shows a package page with its facts and history, and explains bad or unknown tags", async () => {
    const app = createApp({ ...deps, nav: [{ href: "/statesystem", label: "State system" }] });
    const page = await app.request(`/packages/${TAG}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Blue Dream 3.5 g");
    expect(html).toMatch(/<dt>Location<\/dt><dd>Vault A-1<\/dd>/);
    expect(html).toContain(`data-event="${scan.id}"`);
    expect(html).toContain("scanned in lookup");
    expect(html).toContain('<a href="/statesystem">State system</a>');
    const search = await app.request(`/packages?label=${TAG.toLowerCase()}`);
    expect(search.status).toBe(303);
    expect(search.headers.get("location")).toBe(`/packages/${TAG}`);
    const bad = await app.request("/packages?label=hello");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("a METRC tag has 24 characters");
    const unknown = await app.request("/packages/1A4060300002199000000043");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("never scanned or synced");
  });
});
