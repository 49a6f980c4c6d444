import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_LOGINS, startDemoStack, type DemoStack } from "../../scripts/demo-stack.js";
import { tempDir } from "../support/rig.js";
import { launchKiosk, skipWithoutBrowser, type Kiosk } from "./support/browser.js";
import { demoStackEnv, signInToHub } from "./support/kiosk-stack.js";

/**
 * The foundation in a real browser, on the demo stack: a coordinator signs in at the kiosk with
 * badge and PIN, a scan shows live on the kiosk and on the manager's dashboard, the manager runs a
 * state-system sync from the dashboard, and an auditor is refused the same action.
 */
const skip = skipWithoutBrowser("foundation browser suite");

describe.skipIf(skip)("kiosk and dashboard in Chromium", () => {
  let stack: DemoStack;
  let browser: Kiosk;
  const data = tempDir("vaultline-e2e-");

  beforeAll(async () => {
    stack = await startDemoStack(await demoStackEnv(data.dir));
    browser = await launchKiosk();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    data.remove();
  });

  async function simScan(code: string): Promise<void> {
    const res = await fetch(`${stack.station.url}/sim/scan`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(201);
  }

  const signInDashboard = (page: Page, login: { username: string; password: string }) =>
    signInToHub({ hub: stack.hub.url }, page, login);

  it("signs a coordinator in by badge and PIN, and shows a scan live with its item", async () => {
    const page = await browser.context.newPage();
    await page.goto(stack.station.url);
    const coordinator = stack.store.employees.find((e) => e.role === "coordinator")!;
    await page.waitForSelector("[sse-connect]");
    await simScan(coordinator.badge);
    await page.waitForSelector(".pinpad");
    for (const digit of coordinator.pin) await page.click(`.pad-key:text-is("${digit}")`);
    await page.click(".pad-ok");
    await page.locator("#kiosk-sign-in", { hasText: coordinator.name }).waitFor();
    await page.locator("#kiosk-header .who-in", { hasText: coordinator.name }).waitFor();
    if (process.env.E2E_SCREENSHOTS)
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/kiosk-signed-in.png` });

    const pkg = stack.store.packages[0]!;
    const item = stack.store.items.find((i) => i.id === pkg.itemId)!;
    await simScan(pkg.label);
    const row = page.locator(".feed li", { hasText: pkg.label }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain(item.name);
    expect(await row.innerText()).toContain("recorded");
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/kiosk-scan.png` });
    await page.close();
  });

  it("shows the station online and the scan in the manager's live feed", async () => {
    const page = await browser.context.newPage();
    await signInDashboard(page, DEMO_LOGINS.manager);
    await page.goto(stack.hub.url);
    await page.waitForSelector(`tr[data-station="vault-1"].online`);
    const tag = stack.store.packages[1]!.label;
    await simScan(tag);
    await page.locator("tr.scan", { hasText: tag }).first().waitFor();
    if (process.env.E2E_SCREENSHOTS)
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/dashboard.png`, fullPage: true });
    await page.close();
  });

  it("lets the manager start a state-system sync, and refuses the auditor", async () => {
    const manager = await browser.context.newPage();
    await signInDashboard(manager, DEMO_LOGINS.manager);
    await manager.goto(`${stack.hub.url}/statesystem`);
    const answer = manager.waitForResponse(
      (r) => r.url().endsWith("/statesystem/sync") && r.request().method() === "POST",
    );
    await manager.click("text=Sync now");
    expect((await answer).status()).toBeLessThan(400);
    await manager.context().clearCookies();
    await manager.close();

    const auditor = await browser.context.newPage();
    await signInDashboard(auditor, DEMO_LOGINS.auditor);
    await auditor.goto(`${stack.hub.url}/statesystem`);
    const refused = auditor.waitForResponse(
      (r) => r.url().endsWith("/statesystem/sync") && r.request().method() === "POST",
    );
    await auditor.click("text=Sync now");
    expect((await refused).status()).toBe(403);
    await auditor.close();
  });
});
