/**
 * The auditor's export in a real browser, on the demo stack: a scan reaches the hub, the auditor
 * opens "Audit trail" from the header, downloads today's facility-local day, and the file verifies
 * with the station events it covers; a range given backwards is refused on the page with the
 * reason, and a budtender is refused the page. At 1024×600 and 800×480 nothing overflows sideways.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "#hub/ledger/audit-export.js";
import { DEMO_LOGINS, startDemoStack, type DemoStack } from "../../scripts/demo-stack.js";
import { tempDir } from "../support/rig.js";
import { launchKiosk, skipWithoutBrowser, type Kiosk } from "./support/browser.js";
import { demoStackEnv, signInToHub } from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("audit export browser test");
const shots = process.env.E2E_SCREENSHOTS;
const BUDTENDER = { username: "riley", password: "vaultline-budtender" };
const ZONE = "America/Los_Angeles";

/** Today as the facility's calendar shows it (YYYY-MM-DD). */
const facilityToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date());

describe.skipIf(skip)("audit trail export on the dashboard", () => {
  let stack: DemoStack;
  let browser: Kiosk;
  const data = tempDir("vaultline-e2e-audit-");

  beforeAll(async () => {
    stack = await startDemoStack(await demoStackEnv(data.dir, { FACILITY_TIME_ZONE: ZONE }));
    const budtender = stack.store.employees.find((e) => e.role === "budtender")!;
    await stack.logins.service.setPassword(budtender.id, BUDTENDER.username, BUDTENDER.password);
    browser = await launchKiosk();
    if (shots) mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    data.remove();
  });

  const signIn = (page: Page, login: { username: string; password: string }) =>
    signInToHub({ hub: stack.hub.url }, page, login);
  const overflows = (page: Page) => page.evaluate<boolean>("document.documentElement.scrollWidth > window.innerWidth");

  it("downloads today's trail with the station events it covers, and the file verifies", async () => {
    const tag = stack.store.packages[0]!.label;
    const res = await fetch(`${stack.station.url}/sim/scan`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: tag }),
    });
    expect(res.status).toBe(201);
    const deadline = Date.now() + 10_000;
    while (stack.hub.ingest.stats().stored === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(stack.hub.ingest.stats().stored).toBeGreaterThan(0);

    const page = await browser.context.newPage();
    await signIn(page, DEMO_LOGINS.auditor);
    await page.click("nav >> text=Audit trail");
    await page.waitForURL((u) => u.pathname === "/audit");
    await page.fill("input[name=from]", facilityToday());
    await page.fill("input[name=to]", facilityToday());
    expect(await overflows(page)).toBe(false);
    if (shots) await page.screenshot({ path: `${shots}/audit-1024x600.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("text=Download export")]);
    expect(download.suggestedFilename()).toBe(`vaultline-audit-from-${facilityToday()}-to-${facilityToday()}.jsonl`);
    const file = join(data.dir, "export.jsonl");
    await download.saveAs(file);
    const verdict = await verifyAudit(file);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.ok && verdict.records).toBeGreaterThan(0);
    await page.close();
  });

  it("refuses a range given backwards on the page, and a budtender the page, each with the reason", async () => {
    const small = await launchKiosk({ width: 800, height: 480 });
    try {
      const page = await small.context.newPage();
      await signIn(page, DEMO_LOGINS.auditor);
      await page.goto(`${stack.hub.url}/audit`);
      expect(await overflows(page)).toBe(false);
      if (shots) await page.screenshot({ path: `${shots}/audit-800x480.png`, fullPage: true });
      await page.fill("input[name=from]", "2026-11-28");
      await page.fill("input[name=to]", "2026-11-27");
      await page.click("text=Download export");
      const refusal = page.locator("[role=alert]");
      await refusal.waitFor();
      expect(await refusal.innerText()).toBe(
        "from 2026-11-28 comes after to 2026-11-27: the first day may not come after the last",
      );
      if (shots) await page.screenshot({ path: `${shots}/audit-refused-800x480.png`, fullPage: true });

      await small.context.clearCookies();
      await signIn(page, BUDTENDER);
      expect(await page.locator("nav >> text=Audit trail").count()).toBe(0);
      const denied = await page.goto(`${stack.hub.url}/audit`);
      expect(denied?.status()).toBe(403);
      expect(await page.locator("body").innerText()).toContain('role "budtender" may not read /audit');
      if (shots) await page.screenshot({ path: `${shots}/audit-budtender-800x480.png`, fullPage: true });
    } finally {
      await small.close();
    }
  });
});
