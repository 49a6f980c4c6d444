import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Envelope } from "#contract/envelope.js";
import { loadExample } from "#contract/examples/index.js";
import type { RestockRequest } from "#contract/restock.js";
import { systemClock } from "#station/clock.js";
import { kioskDeps, quietLog, tempDir } from "#station/testing/helpers.js";
import type { SignedInPerson } from "../workflow.js";
import { RestockReplica } from "./replica-view.js";
import { restockRoutes } from "./routes.js";
import { Restock } from "./service.js";

const request = (loadExample("cmd-restock") as { payload: { requests: RestockRequest[] } }).payload.requests[0]!;
const item = {
  id: "item-003",
  name: "Lumen Pre-Roll 1g Blue Dream",
  category: "pre-roll",
  unit: "Each",
  weightBased: false,
};

describe("restock kiosk routes", () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let person: SignedInPerson | null;
  let sent: Envelope[];
  let restock: Restock;
  let app: Hono;
  beforeEach(async () => {
    dir = await tempDir("vaultline-restock-routes-");
    sent = [];
    person = null;
    await writeFile(
      join(dir.dir, "replica.json"),
      JSON.stringify({ items: [item], packages: [], employees: [], restocks: [request], lastApplied: {} }),
    );
    restock = await Restock.open({
      stationId: "vault-1",
      siteId: "s",
      file: join(dir.dir, "restock.journal"),
      log: quietLog,
      clock: systemClock,
      outbox: { append: async (e) => void sent.push(e) },
      replica: new RestockReplica({ file: join(dir.dir, "replica.json"), log: quietLog }),
      person: () => person,
      banner: () => undefined,
    });
    const deps = kioskDeps();
    app = new Hono().route("/restock", restockRoutes({ ...deps, restock }));
  });
  afterEach(async () => {
    await restock.close();
    await dir.cleanup();
  });
  const tap = (path: string, fields: Record<string, string> = {}) =>
    app.request(`/restock/${path}`, {
      method: "POST",
      headers: { "HX-Request": "true" },
      body: new URLSearchParams(fields),
    });

  it("shows only sign-in to nobody, and refuses a tap with the reason and the bad tone", async () => {
    const page = await (await app.request("/restock")).text();
    expect(page).toContain("data-locked");
    expect(page).not.toContain(request.lines[0]!.picks[0]!.label.slice(-4));
    const res = await tap("open", { requestId: request.requestId });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Sign in with your badge to pick a restock");
    expect(html).toContain("/restock/tone/bad.wav");
  });

  it("opens a request's pick list for the coordinator, with the list's first package next", async () => {
    person = { employeeId: "emp-001", name: "Dana Reyes", role: "coordinator" };
    const res = await tap("open", { requestId: request.requestId });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`data-pick="${request.lines[0]!.picks[0]!.label}" data-state="next"`));
    expect(html).toContain("Vault B-2");
    expect((await tap("override", { reason: "because" })).status).toBe(400);
    expect((await tap("open", { requestId: "nope" })).status).toBe(422);
  });

  it("lets a budtender ask for an item, refusing a missing quantity", async () => {
    person = { employeeId: "emp-003", name: "Priya Shah", role: "budtender" };
    const none = await tap("ask", { itemId: item.id });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("choose how many");
    const ok = await tap("ask", { itemId: item.id, quantity: "5" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("data-sent");
    expect(sent.at(-1)).toMatchObject({
      type: "restock",
      employeeId: "emp-003",
      payload: { action: "request", lines: [{ itemId: item.id, quantity: 5 }] },
    });
  });
});
