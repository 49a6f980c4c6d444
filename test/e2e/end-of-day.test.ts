/**
 * The manager's end-of-day report in a real browser, on the demo stack with its 30 days of
 * history: the manager opens yesterday's report (kept at start, the close having passed), reads
 * the sales by category, picks another day (built live), and prints it — the print media hides the
 * header and forms, and the page prints to PDF on A4 and on Letter. The velocity report's streamed
 * build ends in its table; a wrong date is refused on the page with the reason. Screenshots go to
 * E2E_SCREENSHOTS when set (on screen at 1024×600 and 800×480, in print media, and the shrinkage
 * charts on a phone's 390×844).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDate } from "#contract/facility-time.js";
import { DEMO_LOGINS, startDemoStack, type DemoStack } from "../../scripts/demo-stack.js";
import { tempDir } from "../support/rig.js";
import { launchKiosk, skipWithoutBrowser, type Kiosk } from "./support/browser.js";
import { demoStackEnv, signInToHub } from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("end-of-day browser test");
const shots = process.env.E2E_SCREENSHOTS;

describe.skipIf(skip)("the end-of-day report on the dashboard", () => {
  let stack: DemoStack;
  let browser: Kiosk;
  const data = tempDir("vaultline-e2e-eod-");

  beforeAll(async () => {
    stack = await startDemoStack(await demoStackEnv(data.dir));
    browser = await launchKiosk();
    if (shots) mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    data.remove();
  });

  const signIn = (page: Page) => signInToHub({ hub: stack.hub.url }, page, DEMO_LOGINS.manager);

  const overflows = (page: Page) => page.evaluate<boolean>("document.documentElement.scrollWidth > window.innerWidth");
  const yesterday = () => addDays(localDate(Date.now(), stack.store.site.timezone), -1);

  it("shows yesterday's kept report with its sales by category, and prints it cleanly", async () => {
    const page = await browser.context.newPage();
    await signIn(page);
    await page.click("header nav >> text=Reports");
    await page.waitForURL((u) => u.pathname === "/reports/end-of-day");
    await expect.poll(() => page.locator("h2").first().textContent()).toContain(yesterday());
    // The close schedule kept yesterday's report at start (its close had passed).
    await expect.poll(() => page.locator("#eod-kept").textContent()).toMatch(/Kept .*after the day closed/);
    const categories = await page.locator("#eod-sales tr[data-category]").count();
    expect(categories).toBeGreaterThanOrEqual(4);
    expect(await page.locator("#eod-sales svg.rp-chart rect").count()).toBe(categories);
    for (const id of ["eod-receiving", "eod-variances", "eod-counts", "eod-door", "eod-statesystem"])
      expect(await page.locator(`#${id}`).isVisible(), id).toBe(true);
    // The demo history approved one category count on yesterday's business day (hub/seed/demo-counts.ts).
    expect(await page.locator("#eod-counts").textContent()).not.toContain("No counts recorded.");
    expect(await page.locator("#eod-counts").textContent()).toMatch(/Count sessions\s*1/);
    expect(await overflows(page)).toBe(false);
    if (shots) await page.screenshot({ path: `${shots}/end-of-day-1024x600.png`, fullPage: true });

    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header.top").isVisible()).toBe(false);
    expect(await page.locator("form[action='/reports/end-of-day']").isVisible()).toBe(false);
    expect(await page.locator("#eod-sales").isVisible()).toBe(true);
    if (shots) await page.screenshot({ path: `${shots}/end-of-day-print.png`, fullPage: true });
    for (const format of ["A4", "Letter"] as const) {
      const pdf = await page.pdf({ format, printBackground: true });
      expect(pdf.subarray(0, 5).toString(), format).toBe("%PDF-");
      if (shots) writeFileSync(`${shots}/end-of-day-${format}.pdf`, pdf);
    }
    await page.emulateMedia({ media: "screen" });
    await page.close();
  });

  it("builds another day live, refuses a wrong date with the reason, and fits a small screen", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 800, height: 480 });
    await signIn(page);
    const day = addDays(yesterday(), -3);
    await page.goto(`${stack.hub.url}/reports/end-of-day`);
    await page.fill("input[name=date]", day);
    await page.click("form[action='/reports/end-of-day'] button[type=submit]");
    await expect.poll(() => page.locator("#eod-kept").textContent()).toMatch(/not kept yet/);
    expect(await page.locator("h2").first().textContent()).toContain(day);
    expect(await overflows(page)).toBe(false);
    if (shots) await page.screenshot({ path: `${shots}/end-of-day-800x480.png`, fullPage: true });
    const res = await page.goto(`${stack.hub.url}/reports/end-of-day?date=2026-13-01`);
    expect(res?.status()).toBe(400);
    expect(await page.locator("[role=alert]").textContent()).toContain("not a YYYY-MM-DD calendar date");
    await page.close();
  });

  it("streams the velocity build to its table", async () => {
    const page = await browser.context.newPage();
    await signIn(page);
    await page.goto(`${stack.hub.url}/reports/velocity?days=30`);
    await page.waitForSelector("#rp-velocity-items tbody tr", { timeout: 15_000 });
    expect(await page.locator("#rp-velocity-items tbody tr").count()).toBeGreaterThan(10);
    if (shots) await page.screenshot({ path: `${shots}/velocity-1024x600.png`, fullPage: true });
    // On a phone: the charts scale to the width, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.hub.url}/reports/shrinkage?days=30`);
    await page.waitForSelector("#rp-shrinkage svg.rp-chart", { timeout: 15_000 });
    expect(await overflows(page)).toBe(false);
    if (shots) await page.screenshot({ path: `${shots}/shrinkage-390x844.png`, fullPage: true });
    await page.setViewportSize({ width: 1024, height: 600 });
    await page.goto(`${stack.hub.url}/reports/expiry`);
    expect(await page.locator("#rp-fifo tbody tr").count()).toBeGreaterThan(0);
    if (shots) await page.screenshot({ path: `${shots}/expiry-1024x600.png` });
    await page.close();
  });
});
