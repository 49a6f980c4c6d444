/**
 * New packages from a bulk one at the kiosk, in a real browser on the demo stack (issue 12,
 * deliverable 5): the coordinator scans a bulk package, then three fresh tags, weighing each new
 * package in its jar (each label prints as it is weighed: the simulated printer's ZPL is
 * checked); a used tag is refused; what is left of the source is weighed, within the scale's
 * tolerance, and the split is recorded. The hub puts the new packages and the source's remainder
 * in the ledger and queues METRC's package creation, which lands in the METRC simulator; made
 * with the vault door shut, the new packages' movements are flagged as closed-door actions.
 * Screens at 800×480 and 1024×600.
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

const skip = skipWithoutBrowser("package split browser test");

interface ReplicaFile {
  items: Array<{ id: string; weightBased: boolean; containerTareGrams?: number }>;
  packages: Array<{ label: string; itemId: string; quantity: number; status: string }>;
  adjustmentReasons?: { reasons: unknown[] };
}

describe.skipIf(skip)("a bulk package split into three new packages", () => {
  let k: KioskStack;
  let small: Page;
  let large: Page;
  let bulk: { label: string; quantity: number; tare: number };
  let fresh: string[];
  const replica = () => JSON.parse(readFileSync(join(k.dataDir, "replica.json"), "utf8")) as ReplicaFile;
  /** Screenshots at both panel sizes; every button of the step can be seen and tapped without scrolling the page. */
  const shootBoth = async (name: string) => {
    await settled(small);
    await settled(large);
    await k.shoot(small, name);
    await k.shoot(large, name);
    for (const p of [small, large]) expect(await unreachable(p, ".vo-top .vo-btn, .kiosk-header .hub")).toEqual([]);
  };

  beforeAll(async () => {
    k = await startKioskStack("package-split", {}, { devices: true });
    await eventually(() => (replica().adjustmentReasons?.reasons.length ?? 0) > 0, 30_000, "reasons at the station");
    const r = replica();
    const weighed = new Map(r.items.filter((i) => i.weightBased).map((i) => [i.id, i.containerTareGrams ?? 0]));
    const p = r.packages.find((x) => weighed.has(x.itemId) && x.status === "active" && x.quantity > 100)!;
    bulk = { label: p.label, quantity: p.quantity, tare: weighed.get(p.itemId)! };
    fresh = [1, 2, 3].map((i) => `${bulk.label.slice(0, 16)}9000000${i}`);
    small = await k.page(SIZES[0]);
    large = await k.page(SIZES[1]);
  });
  afterAll(async () => k?.stop());

  it("weighs and labels each new package, records the split and lands the creation in METRC", async () => {
    await small.goto(k.station);
    await signInAtKiosk(k, small);
    await small.goto(`${k.station}/split`);
    await large.goto(`${k.station}/split`);
    await small.locator('.vo[data-step="source"]').waitFor();
    expect((await k.scan(bulk.label)).payload.workflow).toBe("split");
    await small.locator('.vo[data-step="tag"]').waitFor();

    const grams = [28, 28, 14];
    for (const [i, tag] of fresh.entries()) {
      await k.scan(tag);
      await small.locator('.vo[data-step="quantity"]').waitFor();
      await k.weigh(bulk.tare + grams[i]!);
      await small.locator(`[data-new-package="${tag}"]`).waitFor();
      await small.locator('.vo[data-step="tag"]').waitFor();
      if (i === 0) {
        await k.scan(bulk.label);
        await small.locator(".vo-refusal", { hasText: "source's own tag" }).waitFor();
        await shootBoth("split-1-refused-tag");
      }
    }
    await small.locator(`[data-new-package="${fresh[2]}"][data-label-job="printed"]`).waitFor();
    await shootBoth("split-2-three-packages");
    await small.locator('[data-action="finish"]').click();
    await small.locator('.vo[data-step="remaining"]').waitFor();
    await k.weigh(bulk.tare + bulk.quantity - 70 - 0.2);
    await small.locator('.vo[data-step="confirm"]').waitFor();
    await shootBoth("split-3-confirm");
    await small.locator('[data-action="confirm"]').click();
    await small.locator(".vo-ok", { hasText: "3 new packages" }).waitFor();
    await shootBoth("split-4-done");

    const labels = k.printed().filter((z) => fresh.some((t) => z.includes(t)));
    expect(labels).toHaveLength(3);
    expect(labels.every((z) => z.startsWith("^XA") && z.includes(`From ${bulk.label}`))).toBe(true);
    expect(labels.find((z) => z.includes(fresh[2]!))).toContain("Net 14 g");

    const db = k.stack.hub.db;
    await eventually(
      async () => (await db.selectFrom("split_records").select("state").executeTakeFirst())?.state === "recorded",
      15_000,
      "the split at the hub",
    );
    const source = await db
      .selectFrom("packages")
      .select("quantity")
      .where("label", "=", bulk.label)
      .executeTakeFirst();
    expect(source?.quantity).toBeCloseTo(bulk.quantity - 70, 6);
    const sim = k.stack.metrc!.control.state;
    await eventually(() => fresh.every((t) => sim.packages.has(t)), 20_000, "the new packages in the METRC simulator");
    expect(sim.packages.get(fresh[0]!)?.quantity).toBe(28);
    expect(sim.packages.get(bulk.label)?.quantity).toBeCloseTo(bulk.quantity - 70, 6);

    const office = await k.page(SIZES[1]);
    await signInToHub(k, office, DEMO_LOGINS.manager, "/splits");
    await office.locator(`#splits [data-new-package="${fresh[1]}"]`).waitFor();
    expect(await office.locator("#splits tr[data-state]").getAttribute("data-state")).toBe("recorded");
    await k.shoot(office, "split-dashboard");

    // The split was made with the vault door shut: each new package's movement is flagged.
    await office.goto(`${k.hub}/doors`);
    for (const tag of fresh)
      await office.locator(`#closed-door-actions tr[data-closed-door="movement"][data-label="${tag}"]`).waitFor();
    await k.shoot(office, "split-closed-door-actions");
  });
});
