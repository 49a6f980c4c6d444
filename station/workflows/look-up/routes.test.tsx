import { writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kioskDeps, quietLog, tempDir } from "#station/testing/helpers.js";
import { lookUpRoutes } from "./routes.js";
import { LookUp } from "./service.js";
import { hubPackages, replicaPackages } from "./sources.js";

const TAG = "1A4060300002199000003445";
const TOKEN = "station-read-token";

/** A stand-in for the hub's GET /api/packages/:label, checking the bearer token like the hub does. */
async function fakeHubApi(delayMs = 0): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const app = new Hono().get("/api/packages/:label", async (c) => {
    seen.push(c.req.header("authorization") ?? "");
    if (c.req.header("authorization") !== `Bearer ${TOKEN}`) return c.json({ error: "unauthorized" }, 401);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (c.req.param("label") !== TAG) return c.json({ error: "never scanned or synced" }, 404);
    return c.json({
      label: TAG,
      known: true,
      item: { id: "bd", name: "Blue Dream 3.5 g" },
      quantity: 11,
      unit: "Each",
      location: "Vault B-3",
      status: "active",
      labState: "TestPassed",
      packagedDate: "2026-10-01",
      expirationDate: "2027-04-01",
      batch: null,
      history: Array.from({ length: 12 }, (_, i) => ({
        id: `e${i}`,
        type: "scan",
        at: new Date(Date.UTC(2026, 10, 1, 8, i)).toISOString(),
        stationId: "vault-1",
        siteId: "s",
        employeeId: null,
        payload: {},
        receivedAt: "x",
      })),
    });
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe("/look-up", () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
    await writeFile(
      join(dir.dir, "replica.json"),
      JSON.stringify({
        items: [
          { id: "bd", name: "Blue Dream 3.5 g (vault copy)", category: "flower", unit: "Each", weightBased: false },
        ],
        packages: [
          {
            label: TAG,
            itemId: "bd",
            quantity: 12,
            unit: "Each",
            location: "Vault B-2",
            status: "active",
            labState: "TestPassed",
            packagedDate: "2026-10-01",
          },
        ],
        employees: [],
        lastApplied: {},
      }),
    );
  });
  afterEach(() => dir.cleanup());

  function app(hub: { url: string; token?: string; timeoutMs?: number } | undefined) {
    const lookUp = new LookUp({
      hub: hub && hubPackages({ url: hub.url, token: hub.token ?? TOKEN, timeoutMs: hub.timeoutMs ?? 2000 }),
      replica: replicaPackages({ file: join(dir.dir, "replica.json"), log: quietLog }),
      log: quietLog,
    });
    const deps = kioskDeps();
    return new Hono().route("/look-up", lookUpRoutes({ ...deps, lookUp }));
  }
  const ask = (a: Hono, tag: string) =>
    a.request("/look-up", { method: "POST", headers: { "HX-Request": "true" }, body: new URLSearchParams({ tag }) });

  it("shows the hub's facts and last ten history entries, asking with the station's token", async () => {
    const hub = await fakeHubApi();
    try {
      const res = await ask(app(hub), TAG.toLowerCase());
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('data-source="hub"');
      expect(html).toContain("Blue Dream 3.5 g");
      expect(html).toContain("Vault B-3");
      expect(html.match(/data-history-id=/g)).toHaveLength(10);
      expect(html).toContain("Last 10 of 12 history entries");
      expect(hub.seen).toEqual([`Bearer ${TOKEN}`]);
    } finally {
      await hub.close();
    }
  });

  it("answers from the vault's copy when the hub is down, slow or refuses the token, saying so", async () => {
    const hub = await fakeHubApi(1000);
    const gone = await fakeHubApi();
    await gone.close();
    const down = { url: gone.url };
    try {
      for (const [where, why] of [
        [down, /hub not answering \(.*ECONNREFUSED/],
        [{ ...hub, timeoutMs: 150 }, /hub not answering \(no answer within 150 ms\)/],
        [{ ...hub, token: "wrong-token-1" }, /the hub refused the station&#39;s token \(HUB_API_TOKEN\)/],
      ] as const) {
        const html = await (await ask(app(where), TAG)).text();
        expect(html).toContain('data-source="replica"');
        expect(html).toContain("From this vault&#39;s copy</b>, ");
        expect(html).toMatch(why);
        expect(html).toContain("Vault B-2");
        expect(html).toContain("History is kept on the hub");
      }
      const none = await (await ask(app(undefined), TAG)).text();
      expect(none).toContain("no hub address set (HUB_URL)");
    } finally {
      await hub.close();
    }
  });

  it("refuses a bad tag with a 422 alert and the bad tone, and an empty field with a 400", async () => {
    const a = app(undefined);
    const bad = await ask(a, "1A40603000021990000034");
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain("Cannot look up 1A40603000021990000034: ");
    expect(html).toContain('<audio src="/static/error.wav" autoplay');
    const empty = await ask(a, "  ");
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("scan or type a tag");
    const json = await a.request(`/look-up/packages/NOPE`);
    expect(json.status).toBe(422);
    expect(await json.json()).toMatchObject({ ok: false });
  });
});
