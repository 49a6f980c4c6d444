import { join } from "node:path";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Item, Package } from "#contract/domain.js";
import type { Envelope } from "#contract/envelope.js";
import { eventSchemas } from "#contract/messages.js";
import { manualClock } from "#station/clock.js";
import type { Printer } from "#station/devices/index.js";
import { quietLog, tempDir } from "#station/testing/helpers.js";
import { kioskDeps } from "#station/testing/kiosk-deps.js";
import { splitRoutes } from "./routes.js";
import { Split } from "./service.js";

const SOURCE = "1A4060300002199000003445";
const FRESH = ["1A4060300002199000009001", "1A4060300002199000009002"];
const item: Item = { id: "pr", name: "Pre-roll jar", category: "pre-roll", unit: "Each", weightBased: false };
const pkg: Package = {
  label: SOURCE,
  itemId: "pr",
  quantity: 100,
  unit: "Each",
  location: "Vault A-1",
  status: "active",
  labState: "TestPassed",
  packagedDate: "2026-11-01",
};

describe("/split", () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let split: Split;
  let sent: Envelope[];
  let printed: string[];
  let app: Hono;
  beforeEach(async () => {
    dir = await tempDir();
    sent = [];
    printed = [];
    const printer = {
      id: "printer-1",
      print: async (job: { zpl: string }) => void printed.push(job.zpl),
    } as unknown as Printer;
    split = await Split.open({
      stationId: "vault-1",
      siteId: "s",
      clock: manualClock(Date.parse("2026-11-27T18:00:00.000Z")),
      log: quietLog,
      file: join(dir.dir, "split.journal"),
      timeZone: "America/Los_Angeles",
      outbox: { append: async (e) => void sent.push(e) },
      printer: () => printer,
      person: () => ({ employeeId: "emp-001", name: "Dana Reyes", role: "coordinator" }),
      replica: {
        packageWithItem: (l) => (l === SOURCE ? { pkg, item } : undefined),
        adjustmentReasons: () => ({
          reasons: [{ name: "Entry Error", requiresNote: false, requiresWasteWeight: false }],
          wasteMethods: [],
        }),
      },
      doorSessionId: () => undefined,
    });
    const deps = kioskDeps();
    app = new Hono().route("/split", splitRoutes({ ...deps, split }));
  });
  afterEach(async () => {
    await split.close();
    await dir.cleanup();
  });
  const post = (path: string, body: Record<string, string> = {}) =>
    app.request(`/split${path}`, {
      method: "POST",
      headers: { "HX-Request": "true" },
      body: new URLSearchParams(body),
    });

  it("counts two new packages with a label each, asks why one unit is missing, and sends the split", async () => {
    expect((await post("/finish")).status).toBe(422);
    await split.pickSource(SOURCE);
    for (const [i, tag] of FRESH.entries()) {
      await split.freshTag(tag);
      expect((await post("/count", { units: String(10 + i) })).status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(printed.map((z) => FRESH.find((t) => z.includes(t)))).toEqual(FRESH);
    expect((await post("/finish")).status).toBe(200);
    const counted = await post("/count", { units: "78" });
    expect(await counted.text()).toContain('data-step="difference"');
    expect((await post("/confirm")).status).toBe(422);
    expect((await post("/difference", { as: "adjustment" })).status).toBe(400);
    expect((await post("/difference", { as: "adjustment", reason: "Entry Error" })).status).toBe(200);
    expect((await post("/confirm")).status).toBe(200);
    const event = eventSchemas.split.parse(sent.find((e) => e.type === "split"));
    expect(event.payload).toMatchObject({
      source: SOURCE,
      sourceBefore: 100,
      sourceRemaining: 78,
      packages: [
        { label: FRESH[0], quantity: 10, method: "count" },
        { label: FRESH[1], quantity: 11, method: "count" },
      ],
      difference: { quantity: 1, kind: "adjustment", reason: "Entry Error" },
    });
  });
});
