/**
 * The day's reconciliation in a real browser, on the demo stack: the coordinator opens
 * /reconciliation (yesterday in the store's zone by default), runs it, reads the summary first and
 * the lines by class, each linking its package; each run is listed beside the demo history's; the
 * auditor reads without "Run now". At the back office's 1024×600 and a desktop's 1440×900,
 * nothing overflows sideways. E2E_SCREENSHOTS=DIR keeps the screenshots.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDate } from "#contract/facility-time.js";
import { insertPosSales } from "#hub/testing/reconcile-kit.js";
import { DEMO_LOGINS, startDemoStack, type DemoStack } from "../../scripts/demo-stack.js";
import { tempDir } from "../support/rig.js";
import { launchKiosk, skipWithoutBrowser, type Kiosk } from "./support/browser.js";
import { demoStackEnv, signInToHub } from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("reconciliation browser test");
const shots = process.env.E2E_SCREENSHOTS;
const COORDINATOR = { username: "dana", password: "vaultline-coordinator" };
/** A tag no package has: the POS sold it, the state system cannot know it. */
const UNKNOWN = "1A4060300012B7C999999999";

describe.skipIf(skip)("reconciliation on the dashboard", () => {
  let stack: DemoStack;
  let browser: Kiosk;
  let yesterday: string;
  const data = tempDir("vaultline-e2e-reconcile-");

  beforeAll(async () => {
    stack = await startDemoStack(await demoStackEnv(data.dir, { RECONCILE_AT: "off" }));
    const coordinator = stack.store.employees.find((e) => e.role === "coordinator")!;
    await stack.logins.service.setPassword(coordinator.id, COORDINATOR.username, COORDINATOR.password);
    const zone = stack.store.site.timezone;
    yesterday = addDays(localDate(Date.now(), zone), -1);
    const site = stack.hub.sites.default.id;
    const sold = stack.store.packages.find((p) => p.status === "active")!;
    await insertPosSales(stack.hub.db, site, [
      { receiptId: "e2e-1", at: new Date().toISOString(), day: yesterday, label: UNKNOWN, quantity: 1 },
      { receiptId: "e2e-2", at: new Date().toISOString(), day: yesterday, label: sold.label, quantity: 1 },
    ]);
    browser = await launchKiosk();
    if (shots) mkdirSync(shots, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    data.remove();
  });

  const signIn = (page: Page, login: { username: string; password: string }) =>
    signInToHub({ hub: stack.hub.url }, page, login);

  const overflows = (page: Page) => page.evaluate<boolean>("document.documentElement.scrollWidth > window.innerWidth");

  it("the coordinator runs yesterday and reads the summary, then the lines by class with their packages", async () => {
    const page = await browser.context.newPage();
    await signIn(page, COORDINATOR);
    // The coordinator's dashboard is the POS and reconciliation pages: no home page, the header links them.
    await page.goto(`${stack.hub.url}/pos`);
    await page.click('header a[href="/reconciliation"]');
    await expect.poll(() => page.textContent("h2")).toContain(`Reconciliation of ${yesterday}`);
    // The demo's history already reconciled yesterday, as the morning's scheduled run (hub/seed/demo-reconcile.ts).
    expect(await page.locator(".rc-runs tbody tr").count()).toBe(1);
    expect(await page.textContent(".rc-runs")).toContain("schedule");
    await page.click("button:has-text('Run now')");
    await page.waitForSelector(".rc-summary");
    expect(await page.locator('.rc-summary li[data-class="unknown-tag"] b').textContent()).not.toBe("0");
    const unknown = page.locator("#unknown-tag .rc-lines a", { hasText: UNKNOWN });
    expect(await unknown.getAttribute("href")).toContain(`/packages/${UNKNOWN}`);
    expect(await page.locator(".rc-lines tr.fix").first().textContent()).toMatch(/METRC|state|count/);
    expect(await overflows(page)).toBe(false);
    if (shots) await page.screenshot({ path: `${shots}/reconciliation-1024x600.png`, fullPage: false });
    if (shots) await page.screenshot({ path: `${shots}/reconciliation-1024x600-full.png`, fullPage: true });

    await page.click("button:has-text('Run now')");
    await page.waitForSelector(".rc-runs");
    expect(await page.locator(".rc-runs tbody tr").count()).toBe(3);
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await overflows(page)).toBe(false);
    if (shots) await page.screenshot({ path: `${shots}/reconciliation-1440x900.png`, fullPage: true });
    await page.close();
  }, 60_000);

  it("the auditor reads the run without Run now", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1024, height: 600 });
    await signIn(page, DEMO_LOGINS.auditor);
    await page.goto(`${stack.hub.url}/reconciliation`);
    await page.waitForSelector(".rc-summary");
    expect(await page.locator("button:has-text('Run now')").count()).toBe(0);
    expect(await page.textContent("main")).toContain("running them is for coordinators and managers");
    if (shots) await page.screenshot({ path: `${shots}/reconciliation-auditor-1024x600.png` });
    await page.close();
  }, 60_000);
});
