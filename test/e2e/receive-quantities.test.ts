/**
 * Issue 10, item 2, in a real browser on the demo stack: "Accept this quantity" takes a corrected
 * count only within reason. 5000 Each against 24 shipped is refused with the reason; 2 of 24 asks
 * for confirmation (Cancel leaves the line undecided, Yes accepts 2); 20 of 24 is accepted at once.
 * After the whole manifest is refused, the hub holds its packages at their shipped quantities in
 * quarantine, not at what was typed at the vault.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/rig.js";
import { skipWithoutBrowser } from "./support/browser.js";
import { openRestock, RESTOCK, signInAtKiosk, SIZES, startKioskStack, type KioskStack } from "./support/kiosk-stack.js";
import type { Page } from "playwright-core";

const skip = skipWithoutBrowser("receiving quantities browser test");

describe.skipIf(skip)("a corrected quantity is taken only within reason", () => {
  let k: KioskStack;
  let page: Page;
  /** Counted (not weighed) packages of the restock manifest, all 24 Each, lab passed. */
  let counted: string[];
  beforeAll(async () => {
    k = await startKioskStack("receive-quantities");
    counted = k.restock.filter((l, i) => !k.weighed.has(l) && i !== 7);
    page = await k.page(SIZES[0]);
    await page.goto(k.station);
    await signInAtKiosk(k, page);
    await openRestock(k, page);
  });
  afterAll(async () => k?.stop());

  async function correct(label: string, quantity: string): Promise<void> {
    await k.scan(label);
    await page.locator(`#rx-line .rx-line[data-line-label="${label}"]`).waitFor();
    await page.fill("#rx-line input[name=quantity]", quantity);
    await page.click('#rx-line [data-action="accept-corrected"]');
  }

  it("refuses more than was shipped, with the reason, and decides nothing", async () => {
    const label = counted[0]!;
    await correct(label, "5000");
    const refused = page.locator('#rx-line [data-notice="refused"]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain("5000 Each is more than the 24 Each shipped");
    expect(await page.locator(`#rx-line .rx-line[data-line-label="${label}"]`).getAttribute("data-decision")).toBe("");
    await k.shoot(page, "quantity-over");
  });

  it("asks before taking far less than was shipped; Cancel decides nothing, Yes accepts it", async () => {
    const label = counted[1]!;
    await correct(label, "2");
    const ask = page.locator('#rx-line [data-notice="confirm"]');
    await ask.waitFor();
    expect(await ask.innerText()).toContain("Only 2 Each of the 24 Each shipped");
    await k.shoot(page, "quantity-confirm");
    await ask.locator('[data-action="cancel"]').click();
    await ask.waitFor({ state: "detached" });
    expect(await page.locator(`#rx-line .rx-line[data-line-label="${label}"]`).getAttribute("data-decision")).toBe("");
    await page.fill("#rx-line input[name=quantity]", "2");
    await page.click('#rx-line [data-action="accept-corrected"]');
    await page.locator('#rx-line [data-notice="confirm"] [data-action="confirm"]').click();
    await page.locator(`#rx-line .rx-line[data-line-label="${label}"][data-decision="accept-corrected"]`).waitFor();
    expect(await page.locator("#rx-line .rx-decided").innerText()).toContain("Accepted 2 Each");
  });

  it("takes a small shortfall at once", async () => {
    const label = counted[2]!;
    await correct(label, "20");
    await page.locator(`#rx-line .rx-line[data-line-label="${label}"][data-decision="accept-corrected"]`).waitFor();
    expect(await page.locator('#rx-line [data-notice="confirm"]').count()).toBe(0);
  });

  it("holds a refused manifest's packages at their shipped quantities at the hub", async () => {
    const res = await fetch(`${k.station}/receive/reject-manifest`, {
      method: "POST",
      body: new URLSearchParams({ reason: "Delivery does not match the manifest" }),
    });
    expect(res.status).toBe(200);
    const labels = [counted[1]!, counted[2]!];
    const held = async () =>
      k.stack.hub.db
        .selectFrom("packages")
        .select(["label", "quantity", "unit", "status", "location"])
        .where("label", "in", labels)
        .execute();
    await eventually(
      async () => (await held()).filter((p) => p.status === "quarantine").length === 2,
      15_000,
      `manifest ${RESTOCK} refused at the hub`,
    );
    expect((await held()).map((p) => [Number(p.quantity), p.unit, p.location]).sort()).toEqual([
      [24, "Each", "Quarantine"],
      [24, "Each", "Quarantine"],
    ]);
  });
});
