/**
 * Issue 10, item 3, in a real browser on the demo stack: every refused or failed action shows its
 * reason where it was tapped. On the kiosk (800×480): a bad quantity answered 400 and a tap whose
 * answer never came show their reason inside the line panel, next to its buttons, with the bad
 * tone. On the hub: an auditor's "Sync now" and "Check METRC now" show the 403's reason next to
 * the button, and a manager's "Check METRC now" shows what came of it after the page reloads.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS } from "../../scripts/demo-stack.js";
import { eventually } from "../support/rig.js";
import { skipWithoutBrowser } from "./support/browser.js";
import {
  inView,
  openRestock,
  RESTOCK,
  signInAtKiosk,
  signInToHub,
  SIZES,
  startKioskStack,
  type KioskStack,
} from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("refusals browser test");
const form = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: "POST", body: new URLSearchParams(fields) });

describe.skipIf(skip)("refused and failed taps say why, where they were tapped", () => {
  let k: KioskStack;
  beforeAll(async () => {
    k = await startKioskStack("refusals");
  });
  afterAll(async () => k?.stop());

  it("shows a kiosk refusal and a tap that got no answer in the line panel, with the bad tone", async () => {
    const page = await k.page(SIZES[0]);
    await page.goto(k.station);
    await signInAtKiosk(k, page);
    await openRestock(k, page);
    const label = k.restock[0]!;
    await k.scan(label);
    await page.locator(`#rx-line .rx-line[data-line-label="${label}"]`).waitFor();
    await page.fill("#rx-line input[name=quantity]", "0");
    await page.click('#rx-line [data-action="accept-corrected"]');
    const refused = page.locator('#rx-line [data-notice="refused"]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain("quantity: more than 0");
    expect(await refused.locator('audio[src="/receive/tone/bad.wav"]').count()).toBe(1);
    expect(await inView(page, '#rx-line [data-notice="refused"]')).toBe(true);
    await k.shoot(page, "refusal-quantity");

    await page.route("**/receive/lines/*/accept", (route) => route.abort("connectionrefused"));
    await page.click('#rx-line [data-action="accept"]');
    const failed = page.locator('#rx-line [data-notice="failed"]');
    await failed.waitFor();
    expect(await failed.innerText()).toMatch(/Not sent: the station did not answer/);
    expect(await failed.locator('audio[src="/static/error.wav"]').count()).toBe(1);
    expect(await inView(page, '#rx-line [data-notice="failed"]')).toBe(true);
    await page.unroute("**/receive/lines/*/accept");
  });

  it("shows an auditor why Sync now and Check METRC now are refused, and a manager what the check found", async () => {
    // A finished manifest has the check button: the coordinator refuses the open one at the kiosk.
    expect(
      (await form(`${k.station}/receive/reject-manifest`, { reason: "Delivery does not match the manifest" })).status,
    ).toBe(200);
    await eventually(
      async () => ((await (await fetch(`${k.station}/receive/status`)).json()) as { closed: unknown }).closed !== null,
      5000,
      "the manifest closed at the kiosk",
    );
    const auditor = await k.page();
    await signInToHub(k, auditor, DEMO_LOGINS.auditor, "/statesystem");
    await auditor.getByRole("button", { name: "Sync now" }).click();
    const syncRefused = auditor.locator('#ss-sync-note [data-refused="403"]');
    await syncRefused.waitFor();
    expect(await syncRefused.innerText()).toMatch(/^Forbidden: .+/);
    await k.shoot(auditor, "hub-sync-refused");
    await eventually(
      async () => {
        await auditor.goto(`${k.hub}/receiving/${RESTOCK}`);
        return (await auditor.locator('[data-action="check-metrc"]').count()) > 0;
      },
      15_000,
      "the manifest finished at the hub",
    );
    await auditor.getByRole("button", { name: "Check METRC now" }).click();
    const checkRefused = auditor.locator('#rx-check [data-refused="403"]');
    await checkRefused.waitFor();
    expect(await checkRefused.innerText()).toMatch(/^Forbidden: .+/);
    await k.shoot(auditor, "hub-check-refused");

    const manager = await k.page();
    await signInToHub(k, manager, DEMO_LOGINS.manager, `/receiving/${RESTOCK}`);
    await manager.click('[data-action="check-metrc"]');
    const checked = manager.locator("#rx-check [data-checked]");
    await checked.waitFor();
    expect(await checked.innerText()).toContain("Synced from METRC and compared.");
    await k.shoot(manager, "hub-check-done");
  });
});
