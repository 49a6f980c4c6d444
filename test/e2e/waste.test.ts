/**
 * Waste at the kiosk in a real browser on the demo stack (issue 12, deliverable 4): the
 * coordinator scans a bulk package, weighs the waste in its jar (tare off), chooses the state's
 * reason with its note and waste method; the witness step refuses the coordinator's own badge and
 * a wrong PIN, then the manager's badge and PIN witness it. A waste label prints (the simulated
 * printer's ZPL is checked), the hub records the adjustment with its witness and door session,
 * and the queued adjustment lands in the METRC simulator. Screens at 800×480 and 1024×600.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS } from "../../scripts/demo-stack.js";
import { eventually } from "../support/rig.js";
import { skipWithoutBrowser } from "./support/browser.js";
import {
  settled,
  signInAtKiosk,
  signInToHub,
  SIZES,
  startKioskStack,
  unreachable,
  type KioskStack,
} from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("waste browser test");

/** Polls `get` until it answers something, then returns it. */
async function until<T>(what: string, get: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  let found: T | undefined;
  await eventually(async () => (found = await get()) !== undefined, ms, what);
  return found!;
}
const REASON = "Waste (Unusable Product)";

interface ReplicaFile {
  items: Array<{ id: string; weightBased: boolean; containerTareGrams?: number }>;
  packages: Array<{ label: string; itemId: string; quantity: number; status: string }>;
  adjustmentReasons?: { reasons: Array<{ name: string }> };
}

describe.skipIf(skip)("waste at the kiosk, witnessed", () => {
  let k: KioskStack;
  let small: Page;
  let large: Page;
  let bulk: { label: string; quantity: number; tare: number };
  const replica = () => JSON.parse(readFileSync(join(k.dataDir, "replica.json"), "utf8")) as ReplicaFile;
  /** Screenshots at both panel sizes; every control of the step can be seen and tapped without scrolling the page. */
  const shootBoth = async (name: string) => {
    await settled(small);
    await settled(large);
    await k.shoot(small, name);
    await k.shoot(large, name);
    for (const p of [small, large])
      expect(await unreachable(p, ".vo-top .vo-btn, .vo-pad .pad-key, .kiosk-header .hub")).toEqual([]);
  };

  beforeAll(async () => {
    k = await startKioskStack("waste", {}, { devices: true });
    await eventually(
      () => (replica().adjustmentReasons?.reasons ?? []).some((r) => r.name === REASON),
      30_000,
      "the state's adjustment reasons at the station",
    );
    const r = replica();
    const weighed = new Map(r.items.filter((i) => i.weightBased).map((i) => [i.id, i.containerTareGrams ?? 0]));
    const p = r.packages.find((x) => weighed.has(x.itemId) && x.status === "active" && x.quantity > 10)!;
    bulk = { label: p.label, quantity: p.quantity, tare: weighed.get(p.itemId)! };
    small = await k.page(SIZES[0]);
    large = await k.page(SIZES[1]);
  });
  afterAll(async () => k?.stop());

  it("weighs, asks the reason, refuses a wrong witness, records and queues the waste", async () => {
    await small.goto(k.station);
    await signInAtKiosk(k, small);
    expect((await k.sim("door", { open: true })).status).toBe(202);
    await small.goto(`${k.station}/waste`);
    await large.goto(`${k.station}/waste`);
    await small.locator('.vo[data-step="package"]').waitFor();
    await shootBoth("waste-1-package");

    expect((await k.scan(bulk.label)).payload.workflow).toBe("waste");
    await small.locator('.vo[data-step="weigh"]').waitFor();
    await k.weigh(bulk.tare + 3.4);
    await small.locator('.vo[data-step="reason"]').waitFor();
    expect(await small.locator("[data-weighed]").getAttribute("data-weighed")).toBe("3.4");
    await shootBoth("waste-2-reason");

    await small.locator(`.vo-choice:has([data-reason="${REASON}"])`).click();
    await small.locator('[data-action="reason"]').click();
    await small.locator(".vo-refusal", { hasText: "needs a note" }).waitFor();
    await small.locator('.vo-choice:has([value="Mould"])').click();
    await small.locator('.vo-choice:has([data-method="Grinder"])').click();
    await small.locator('[data-action="reason"]').click();
    await small.locator('.vo[data-step="witness"] [data-wants="witness-badge"]').waitFor();

    await k.scan(k.coordinator.badge);
    await small.locator(".vo-refusal", { hasText: "cannot witness it" }).waitFor();
    expect(await small.locator(".pinpad").count()).toBe(0);
    const manager = k.stack.store.employees.find((e) => e.role === "manager")!;
    await k.scan(manager.badge);
    await small.locator(".vo-witness-pad", { hasText: manager.name }).waitFor();
    for (const d of "9999") await small.locator(`.vo-witness-pad [data-key="${d}"]`).click();
    await small.locator('.vo-witness-pad [data-key="ok"]').click();
    await small.locator(".vo-refusal", { hasText: `Wrong PIN for ${manager.name}: NOT witnessed` }).waitFor();
    await shootBoth("waste-3-wrong-pin");
    for (const d of manager.pin) await small.locator(`.vo-witness-pad [data-key="${d}"]`).click();
    await small.locator('.vo-witness-pad [data-key="ok"]').click();
    await small.locator(".vo-ok", { hasText: `witnessed by ${manager.name}` }).waitFor();
    await small.locator('[data-job="printed"]').waitFor();
    await shootBoth("waste-4-done");

    const label = k.printed().find((z) => z.includes("WASTE - DESTROY"));
    expect(label).toContain(bulk.label);
    expect(label).toContain(REASON);
    expect(label).toContain(manager.name);

    const db = k.stack.hub.db;
    const row = await until("the waste at the hub", () =>
      db.selectFrom("waste_records").selectAll().where("label", "=", bulk.label).executeTakeFirst(),
    );
    expect(row).toMatchObject({
      state: "recorded",
      witness_id: manager.id,
      employee_id: k.coordinator.id,
      quantity: 3.4,
    });
    expect(row.door_session_id).toBeTruthy();
    const landed = await until("the adjustment in the METRC simulator", () =>
      k.stack.metrc!.control.state.adjustments.find((a) => a.label === bulk.label && a.reason === REASON),
    );
    expect(landed).toMatchObject({ quantity: -3.4, unit: "Grams" });
    expect(landed.note).toContain(`witnessed by ${manager.name}`);

    const office = await k.page(SIZES[1]);
    await signInToHub(k, office, DEMO_LOGINS.manager, "/waste");
    const listed = office.locator(`#wastes tr[data-label="${bulk.label}"]`);
    await listed.waitFor();
    expect(await listed.locator(".ws-witness").innerText()).toBe(manager.name);
    await k.shoot(office, "waste-dashboard");
  });
});
