import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_LOGINS, startDemoStack, type DemoStack } from "../../scripts/demo-stack.js";
import { tempDir } from "../support/rig.js";
import { launchKiosk, skipWithoutBrowser, type Kiosk } from "./support/browser.js";
import { demoStackEnv, signInToHub } from "./support/kiosk-stack.js";

/**
 * The hub dashboard in Chromium on the demo stack, at the 1024×600 and 800×480 panels: one nav on
 * every page that never runs off the screen, a sign-out that signs out, the packages list and its
 * filters, a package's history as a record, and an empty sign-in answered with the form.
 */
const skip = skipWithoutBrowser("dashboard browser suite");
const SIZES = [
  { width: 1024, height: 600 },
  { width: 800, height: 480 },
] as const;
const shots = process.env.E2E_SCREENSHOTS;

describe.skipIf(skip)("hub dashboard in Chromium", () => {
  let stack: DemoStack;
  const browsers: Kiosk[] = [];
  const data = tempDir("vaultline-e2e-dash-");

  beforeAll(async () => {
    stack = await startDemoStack(await demoStackEnv(data.dir));
    for (const size of SIZES) browsers.push(await launchKiosk(size));
  }, 60_000);
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await stack?.stop();
    data.remove();
  });

  const signIn = (page: Page, login: { username: string; password: string }) =>
    signInToHub({ hub: stack.hub.url }, page, login);

  /** True when nothing in the header reaches past the right edge of the window. */
  const headerFits = (page: Page) =>
    page.evaluate(`(() => {
    const header = document.querySelector("header.top");
    return [...header.querySelectorAll("a, button, input")].every((el) => el.getBoundingClientRect().right <= window.innerWidth + 0.5)
      && document.documentElement.scrollWidth <= window.innerWidth;
  })()`);

  for (const [i, size] of SIZES.entries()) {
    const tag = `${size.width}x${size.height}`;

    it(`keeps the manager's nav whole on every page at ${tag}`, async () => {
      const page = await browsers[i]!.context.newPage();
      await signIn(page, DEMO_LOGINS.manager);
      for (const path of ["/", "/packages", "/receiving", "/statesystem", "/dead-letters", "/pos", "/account/tokens"]) {
        await page.goto(`${stack.hub.url}${path}`);
        const links = await page.locator("nav.site-nav a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        expect(links, path).toEqual([
          "/",
          "/packages",
          "/statesystem",
          "/receiving",
          "/pos",
          "/investigations",
          "/audit",
          "/restock",
          "/quarantine",
          "/counts",
          "/reports",
          "/reconciliation",
          "/waste",
          "/splits",
          "/doors",
          "/dead-letters",
          "/account/tokens",
        ]);
        expect(await headerFits(page), path).toBe(true);
        if (shots) await page.screenshot({ path: `${shots}/dash-${tag}${path.replaceAll("/", "-") || "-home"}.png` });
      }
      await page.click("nav.site-nav >> text=Sign out");
      await page.waitForURL((u) => u.pathname === "/login");
      await page.goto(`${stack.hub.url}/packages`);
      expect(new URL(page.url()).pathname).toBe("/login");
      await page.close();
    });
  }

  it("shows the auditor no Retry, import or mapping buttons, and the admin the logins page", async () => {
    const page = await browsers[0]!.context.newPage();
    await signIn(page, DEMO_LOGINS.auditor);
    await page.goto(`${stack.hub.url}/pos`);
    expect(await page.locator("button", { hasText: "Import" }).count()).toBe(0);
    expect(await page.locator("button", { hasText: "Save mapping" }).count()).toBe(0);
    expect(await page.locator("nav.site-nav a[href='/admin/users']").count()).toBe(0);
    await page.click("nav.site-nav >> text=Sign out");
    await page.waitForURL((u) => u.pathname === "/login");
    await signIn(page, DEMO_LOGINS.admin);
    await page.click("nav.site-nav >> text=Logins");
    await page.locator("h2", { hasText: "Dashboard logins" }).waitFor();
    await page.close();
  });

  it("filters the packages list in place and opens a package's history as a record", async () => {
    const page = await browsers[1]!.context.newPage();
    await signIn(page, DEMO_LOGINS.manager);
    await page.goto(`${stack.hub.url}/packages`);
    expect(await page.locator("table.packages tbody tr").count()).toBe(50);
    const floor = stack.store.packages.filter((p) => p.location === "Sales Floor").length;
    await page.selectOption("select[name=location]", "Sales Floor");
    await page.locator("#package-results p.muted", { hasText: `${floor} packages` }).waitFor();
    expect(new URL(page.url()).searchParams.get("location")).toBe("Sales Floor");
    if (shots) await page.screenshot({ path: `${shots}/dash-800x480-packages-filtered.png` });
    const sold = new Set(stack.store.sales.flatMap((s) => s.lines.map((l) => l.label)));
    const pkg = stack.store.packages.find((p) => p.location === "Sales Floor" && sold.has(p.label))!;
    await page.goto(`${stack.hub.url}/packages/${pkg.label}`);
    const rows = page.locator("tr[data-event]");
    expect(await rows.count()).toBeGreaterThan(2);
    expect(await rows.nth(0).innerText()).toMatch(/received: into Vault/);
    expect(await rows.nth(1).innerText()).toMatch(/moved to the sales floor/);
    expect(await rows.nth(2).innerText()).toMatch(/sold: .* receipt R\d{8}/);
    expect(await page.locator("table").first().innerText()).not.toMatch(/emp-\d{3}/);
    expect(await headerFits(page)).toBe(true);
    if (shots) await page.screenshot({ path: `${shots}/dash-800x480-package.png`, fullPage: true });
    await page.close();
  });

  it("answers an empty sign-in with the form and its reason", async () => {
    const page = await browsers[0]!.context.newPage();
    await page.goto(`${stack.hub.url}/login`);
    const answer = page.waitForResponse((r) => r.url().endsWith("/login") && r.request().method() === "POST");
    // The form's own "required" stops an empty submit in a browser; a script or another client need not.
    await page.evaluate(`(() => {
      for (const input of document.querySelectorAll("input")) input.removeAttribute("required");
      document.querySelector("form").submit();
    })()`);
    expect((await answer).status()).toBe(400);
    await page.locator("[role=alert]", { hasText: "Enter your username." }).waitFor();
    expect(await page.locator("input[name=username]").count()).toBe(1);
    await page.close();
  });
});
