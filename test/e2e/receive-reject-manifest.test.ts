/**
 * Issue 10, item 5, in a real browser on the demo stack: "Reject whole manifest" is never one tap.
 * It asks why, then asks again with the count of packages ("Reject all 40 packages"), and Cancel
 * leaves the manifest open. Once refused, the hub's receiving list agrees with the METRC
 * checklist: 0 accepted and 40 rejected, though three had been accepted at the vault before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS } from "../../scripts/demo-stack.js";
import { eventually } from "../support/rig.js";
import { skipWithoutBrowser } from "./support/browser.js";
import {
  openRestock,
  RESTOCK,
  signInAtKiosk,
  signInToHub,
  SIZES,
  startKioskStack,
  type KioskStack,
} from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("reject whole manifest browser test");
const REASON = "Seals broken or packages tampered with";

describe.skipIf(skip)("rejecting a whole manifest", () => {
  let k: KioskStack;
  beforeAll(async () => {
    k = await startKioskStack("receive-reject-manifest");
  });
  afterAll(async () => k?.stop());

  it.each(SIZES)("asks why, then for the count of packages, and Cancel keeps it open, at %o", async (size) => {
    const page = await k.page(size);
    await page.goto(k.station);
    await signInAtKiosk(k, page);
    await openRestock(k, page);
    await page.click('[data-action="reject-manifest-start"]');
    const panel = page.locator("#rx-foot-notice .rx-reject-panel");
    await panel.locator(`[data-action="reject-manifest-reason"][data-reason="${REASON}"]`).click();
    const confirm = page.locator('#rx-foot-notice .rx-reject-panel[data-reject-step="confirm"]');
    await confirm.waitFor();
    expect(await confirm.locator('[data-action="reject-manifest"]').innerText()).toBe("Reject all 40 packages");
    expect(await confirm.innerText()).toContain(REASON);
    await k.shoot(page, "reject-manifest-confirm");
    await confirm.locator('[data-action="cancel"]').click();
    await panel.waitFor({ state: "detached" });
    expect(((await (await fetch(`${k.station}/receive/status`)).json()) as { open: unknown }).open).not.toBeNull();
  });

  it("refuses it after the confirmation, and the hub's list agrees with the checklist", async () => {
    const page = await k.page();
    await page.goto(`${k.station}/receive`);
    await page.locator(`.rx[data-manifest="${RESTOCK}"]`).waitFor();
    const counted = k.restock.filter((l, i) => !k.weighed.has(l) && i !== 7).slice(0, 3);
    for (const label of counted) {
      await k.scan(label);
      await page.locator(`#rx-line .rx-line[data-line-label="${label}"] [data-action="accept"]`).click();
      await page.locator(`#rx-line .rx-line[data-line-label="${label}"][data-decision="accept"]`).waitFor();
    }
    await page.click('[data-action="reject-manifest-start"]');
    await page.locator(`#rx-foot-notice [data-action="reject-manifest-reason"][data-reason="${REASON}"]`).click();
    expect(await page.locator("#rx-foot-notice .rx-reject-panel").innerText()).toContain(
      "3 already accepted go to quarantine too",
    );
    await page.click('#rx-foot-notice [data-action="reject-manifest"]');
    await page.locator(`.rx-closed[data-closed="rejected"][data-manifest="${RESTOCK}"]`).waitFor();

    const manager = await k.page();
    await signInToHub(k, manager, DEMO_LOGINS.manager, "/receiving");
    const row = manager.locator(`#rx-finished tr[data-manifest="${RESTOCK}"][data-stage="rejected"]`);
    await eventually(
      async () => {
        await manager.goto(`${k.hub}/receiving`);
        return (await row.count()) === 1;
      },
      15_000,
      "the refused manifest in the hub's list",
    );
    const cells = await row.locator("td").allInnerTexts();
    expect(cells.slice(3, 5)).toEqual(["0", "40"]);
    await k.shoot(manager, "hub-receiving-refused");
    await manager.goto(`${k.hub}/receiving/${RESTOCK}/checklist`);
    expect(await manager.locator('#rx-checklist tr[data-action="reject"]').count()).toBe(40);
    expect(await manager.locator('#rx-checklist tr[data-action="accept"]').count()).toBe(0);
  });
});
