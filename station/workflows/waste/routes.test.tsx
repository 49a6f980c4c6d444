import { join } from "node:path";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Employee, Item, Package } from "#contract/domain.js";
import type { Envelope } from "#contract/envelope.js";
import { eventSchemas } from "#contract/messages.js";
import { hashPin } from "#contract/pin.js";
import { manualClock } from "#station/clock.js";
import type { Printer } from "#station/devices/index.js";
import { quietLog, tempDir } from "#station/testing/helpers.js";
import { kioskDeps } from "#station/testing/kiosk-deps.js";
import type { SignedInPerson } from "../workflow.js";
import { wasteRoutes } from "./routes.js";
import { Waste } from "./service.js";

const TAG = "1A4060300002199000003445";
const item: Item = {
  id: "bulk",
  name: "Bulk OG Kush",
  category: "flower",
  unit: "Grams",
  weightBased: true,
  containerTareGrams: 212,
};
const pkg: Package = {
  label: TAG,
  itemId: "bulk",
  quantity: 20,
  unit: "Grams",
  location: "Vault A-1",
  status: "active",
  labState: "TestPassed",
  packagedDate: "2026-11-01",
};
const witness: Employee = {
  id: "emp-005",
  name: "Alex Moreno",
  role: "manager",
  badge: "EMP-0005",
  pinHash: hashPin("5555"),
  active: true,
};
const dana: SignedInPerson = { employeeId: "emp-001", name: "Dana Reyes", role: "coordinator" };

describe("/waste", () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let waste: Waste;
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
    waste = await Waste.open({
      stationId: "vault-1",
      siteId: "s",
      clock: manualClock(Date.parse("2026-11-27T18:00:00.000Z")),
      log: quietLog,
      file: join(dir.dir, "waste.journal"),
      timeZone: "America/Los_Angeles",
      outbox: { append: async (e) => void sent.push(e) },
      printer: () => printer,
      person: () => dana,
      replica: {
        packageWithItem: (l) => (l === TAG ? { pkg, item } : undefined),
        employeeByBadge: (b) =>
          b === witness.badge
            ? witness
            : b === "EMP-0001"
              ? { ...witness, id: "emp-001", name: "Dana Reyes", badge: b }
              : undefined,
        adjustmentReasons: () => ({
          reasons: [{ name: "Spoilage", requiresNote: true, requiresWasteWeight: false }],
          wasteMethods: ["Grinder"],
        }),
      },
      doorSessionId: () => "01a21f73-5003-7047-b575-fa5b11f212c0",
    });
    const deps = kioskDeps({ signedIn: { employeeId: dana.employeeId, name: dana.name } });
    app = new Hono().route("/waste", wasteRoutes({ ...deps, waste }));
  });
  afterEach(async () => {
    await waste.close();
    await dir.cleanup();
  });
  const post = (path: string, body: Record<string, string> = {}) =>
    app.request(`/waste${path}`, {
      method: "POST",
      headers: { "HX-Request": "true" },
      body: new URLSearchParams(body),
    });

  it("shows the screen and refuses an unknown tag with the reason and the bad tone", async () => {
    const page = await app.request("/waste");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('sse-connect="/waste/events"');
    const res = await post("/package", { tag: "1A4060300002199000009999" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("is not in this vault&#39;s catalog");
    expect(html).toContain('src="/static/error.wav"');
    expect((await post("/package", {})).status).toBe(400);
  });

  it("weighs, takes the reason, refuses a wrong PIN, and once witnessed sends the event and prints the label", async () => {
    expect((await post("/package", { tag: TAG })).status).toBe(200);
    await waste.onWeight({ grams: 215.4, stable: true });
    expect((await post("/reason", { reason: "Spoilage" })).status).toBe(422);
    const reasoned = await post("/reason", { reason: "Spoilage", notePick: "Mould" });
    expect(await reasoned.text()).toContain('data-step="witness"');
    expect(waste.witnessBadge("EMP-0001")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("cannot witness"),
    });
    expect(waste.witnessBadge(witness.badge)).toEqual({ ok: true });
    for (const key of ["1", "2", "3", "4"]) await post("/witness/key", { key });
    const wrong = await post("/witness/key", { key: "ok" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("Wrong PIN for Alex Moreno: NOT witnessed");
    expect(sent).toEqual([]);
    for (const key of ["5", "5", "5", "5", "ok"]) await post("/witness/key", { key });
    const event = sent.find((e) => e.type === "waste");
    expect(eventSchemas.waste.parse(event).payload).toMatchObject({
      label: TAG,
      quantity: 3.4,
      reason: "Spoilage",
      note: "Mould",
      witnessId: "emp-005",
      doorSessionId: "01a21f73-5003-7047-b575-fa5b11f212c0",
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(printed[0]).toContain("WASTE - DESTROY");
    expect(sent.some((e) => e.type === "print")).toBe(true);
    const status = (await (await app.request("/waste/status")).json()) as { step: string };
    expect(status.step).toBe("done");
  });
});
