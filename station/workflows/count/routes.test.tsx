import { join } from "node:path";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Envelope } from "#contract/envelope.js";
import { loadExample } from "#contract/examples/index.js";
import { commandSchemas } from "#contract/messages.js";
import { kioskDeps, quietLog, tempDir } from "#station/testing/helpers.js";
import { countRoutes } from "./routes.js";
import { Counting } from "./service.js";

const cmd = commandSchemas.count.parse(loadExample("cmd-count"));
const firstRound = { ...cmd.payload.counts[0]!, round: 1, recount: undefined };
const [CART, BULK] = firstRound.lines.map((l) => l.label) as [string, string];
const dana = { employeeId: "emp-001", name: "Dana Reyes" };

describe("/count", () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let outbox: Envelope[];
  let who: typeof dana | null;
  beforeEach(async () => {
    dir = await tempDir();
    outbox = [];
    who = dana;
  });
  afterEach(() => dir.cleanup());

  async function open() {
    const counting = await Counting.open({
      stationId: "vault-1",
      siteId: "green-leaf-oakland",
      clock: { now: () => Date.parse("2026-12-01T17:30:00Z"), monotonic: () => 0 } as never,
      log: quietLog,
      file: join(dir.dir, "count.journal"),
      outbox: { append: async (e) => void outbox.push(e) },
      person: () => who,
      knownItem: () => undefined,
    });
    const deps = kioskDeps();
    const app = new Hono().route("/count", countRoutes({ ...deps, counting, signedIn: () => who }));
    return { counting, app };
  }
  const post = (a: Hono, path: string, body: Record<string, string>) =>
    a.request(`/count${path}`, { method: "POST", headers: { "HX-Request": "true" }, body: new URLSearchParams(body) });

  it("lists the assigned counts, counts on the keypad, and submits one event per line", async () => {
    const { counting, app } = await open();
    await counting.assign([firstRound]);
    const list = await (await app.request("/count")).text();
    expect(list).toContain(`data-count="${firstRound.countSessionId}"`);
    expect((await post(app, "/open", { countSessionId: firstRound.countSessionId })).status).toBe(200);
    expect((await post(app, "/tag", { tag: CART })).status).toBe(200);
    for (const key of ["2", "3"]) await post(app, "/key", { key });
    const entered = await post(app, "/enter", { label: CART });
    expect(entered.status).toBe(200);
    expect(await entered.text()).toContain("✓ 23");
    const ask = await post(app, "/submit", {});
    expect(ask.status).toBe(409);
    expect(await ask.text()).toContain("2 packages were not found");
    expect((await post(app, "/submit", { confirmed: "true" })).status).toBe(200);
    expect(outbox.map((e) => (e.payload as { label: string }).label)).toEqual(firstRound.lines.map((l) => l.label));
    expect(outbox[0]).toMatchObject({
      type: "count",
      employeeId: "emp-001",
      payload: { quantity: 23, method: "manual", round: 1, roundLines: 3, found: true },
    });
    expect(outbox[1]!.payload).toMatchObject({ label: BULK, quantity: 0, found: false });
    expect(await (await app.request("/count")).text()).toContain("submitted, waiting for the hub");
  });

  it("refuses with the reason and the bad tone where the tap was made", async () => {
    const { counting, app } = await open();
    await counting.assign([firstRound]);
    await post(app, "/open", { countSessionId: firstRound.countSessionId });
    const bad = await post(app, "/tag", { tag: "1A40603000021990000034" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toMatch(/data-notice[^>]*>Not counted: not a valid tag/);
    expect(html).toContain("/count/tone/bad.wav");
    expect((await post(app, "/enter", { label: CART, quantity: "5" })).status).toBe(422);
    who = null;
    expect(await (await post(app, "/tag", { tag: CART })).text()).toContain("Sign in with your badge to count");
  });

  it("resumes an open count after a restart, and sends again what was not in the outbox", async () => {
    const first = await open();
    await first.counting.assign([firstRound]);
    await post(first.app, "/open", { countSessionId: firstRound.countSessionId });
    await post(first.app, "/tag", { tag: CART });
    await post(first.app, "/enter", { label: CART, quantity: "24" });
    await first.counting.close();
    const again = await open();
    expect(again.counting.current().open?.counted[CART]).toMatchObject({ quantity: 24 });
    const status = (await (await again.app.request("/count/status")).json()) as { open: { countSessionId: string } };
    expect(status.open.countSessionId).toBe(firstRound.countSessionId);
    await again.counting.close();
  });
});
