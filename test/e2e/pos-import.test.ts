/**
 * POS import in a real browser, on the demo stack: the coordinator uploads a generated month of
 * sales on /pos (the progress bar follows the upload), reads the report, sees a file with a
 * mistyped tag refused with its row number, imports the same file again to no effect, saves a
 * column mapping and imports a Cova export through it; an auditor's upload is refused with the
 * reason. At the back office's 1024×600 and a small tablet's 800×480, nothing overflows sideways.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedMonth, mistype, toCovaCsv, toGenericCsv } from "#hub/pos/month-kit.js";
import { DEMO_LOGINS, startDemoStack, type DemoStack } from "../../scripts/demo-stack.js";
import { tempDir } from "../support/rig.js";
import { launchKiosk, skipWithoutBrowser, type Kiosk } from "./support/browser.js";
import { demoStackEnv, signInToHub } from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("POS import browser test");
const shots = process.env.E2E_SCREENSHOTS;
const COORDINATOR = { username: "dana", password: "vaultline-coordinator" };

describe.skipIf(skip)("POS import on the dashboard", () => {
  let stack: DemoStack;
  let browser: Kiosk;
  const data = tempDir("vaultline-e2e-pos-");
  const month = generatedMonth();
  const csv = toGenericCsv(month);

  beforeAll(async () => {
    stack = await startDemoStack(await demoStackEnv(data.dir));
    const coordinator = stack.store.employees.find((e) => e.role === "coordinator")!;
    await stack.logins.service.setPassword(coordinator.id, COORDINATOR.username, COORDINATOR.password);
    browser = await launchKiosk();
    if (shots) mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    data.remove();
  });

  const signIn = (page: Page, login: { username: string; password: string }) =>
    signInToHub({ hub: stack.hub.url }, page, login, "/pos");

  /** Chooses the file, format and mapping, imports, and waits for the report (or the failure line). */
  async function importFile(page: Page, name: string, text: string, format: string, mapping = ""): Promise<void> {
    await page.setInputFiles("#pos-upload input[name=file]", { name, mimeType: "text/csv", buffer: Buffer.from(text) });
    await page.selectOption("#pos-upload select[name=format]", format);
    await page.selectOption("#pos-mapping", mapping);
    await page.evaluate('document.getElementById("pos-report").replaceChildren()');
    await page.click("#pos-upload button[type=submit]");
  }

  const overflows = (page: Page) => page.evaluate<boolean>("document.documentElement.scrollWidth > window.innerWidth");

  it("imports a month with upload progress, refuses a mistyped tag by row, and changes nothing the second time", async () => {
    const page = await browser.context.newPage();
    await signIn(page, COORDINATOR);
    // What the progress bar was fed: htmx's upload progress events, as percentages.
    await page.evaluate(`window.progress = [];
      document.addEventListener("htmx:xhr:progress", (e) => { if (e.detail.total) window.progress.push(Math.round(e.detail.loaded / e.detail.total * 100)); });`);
    if (shots) await page.screenshot({ path: `${shots}/pos-1024x600.png`, fullPage: true });

    await importFile(page, "month.csv", csv, "csv");
    const landed = page.locator('#pos-report .pos-report[data-outcome="landed"]');
    await landed.waitFor();
    expect(await landed.getAttribute("data-imported")).toBe(String(month.lines.length));
    expect(await page.evaluate<number[]>("window.progress")).toContain(100);
    expect(await page.locator("#pos-progress").isHidden()).toBe(true);
    await page.locator("#pos-imports td", { hasText: "month.csv" }).waitFor();
    if (shots) await page.screenshot({ path: `${shots}/pos-landed.png`, fullPage: true });

    await importFile(page, "month-typo.csv", toGenericCsv(mistype(month, 1234)), "csv");
    await page.locator('#pos-report .pos-report[data-outcome="refused"]').waitFor();
    const bad = page.locator('#pos-report tr[data-row="1236"]');
    expect(await bad.innerText()).toMatch(
      /1236\s+package tag ".*" is not a METRC tag: a METRC tag has 24 characters, this has 23/,
    );
    if (shots) await page.screenshot({ path: `${shots}/pos-refused.png`, fullPage: true });

    // Upload throttled to 256 KiB/s (Chromium's network emulation): the bar shows the upload going.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    await importFile(page, "month-again.csv", csv, "csv");
    const going = page.locator("#pos-progress-text", { hasText: /^Uploading \d+%$/ });
    await going.waitFor();
    expect(await page.locator("#pos-progress").isVisible()).toBe(true);
    if (shots) await page.screenshot({ path: `${shots}/pos-uploading.png` });
    const already = page.locator('#pos-report .pos-report[data-outcome="already"]');
    await already.waitFor();
    expect(await already.getAttribute("data-already")).toBe(String(month.lines.length));
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    expect(await overflows(page)).toBe(false);
    await page.close();
  });

  it("saves a column mapping and imports a Cova export through it, at 800×480", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 800, height: 480 });
    await signIn(page, COORDINATOR);
    await page.fill("#pos-mappings input[name=name]", "Cova");
    const columns: Record<string, string> = {
      receiptId: "Receipt Number",
      completedAt: "Sold At",
      packageLabel: "Package Tag",
      sku: "SKU",
      quantity: "Qty",
      unit: "UOM",
      total: "Net Sales",
      voided: "Status",
    };
    for (const [field, column] of Object.entries(columns))
      await page.fill(`#pos-mappings input[name="col.${field}"]`, column);
    await page.fill("#pos-mappings input[name=voidedValues]", "Voided");
    await page.click("#pos-mappings button[type=submit]");
    await page.locator('#pos-mappings [data-saved="Cova"]').waitFor();
    await page.locator('#pos-mapping option[value="Cova"]').waitFor({ state: "attached" });

    await importFile(page, "cova.csv", toCovaCsv(month), "csv", "Cova");
    const landed = page.locator('#pos-report .pos-report[data-outcome="landed"]');
    await landed.waitFor();
    expect(await landed.getAttribute("data-imported")).toBe(String(month.lines.length));
    expect(await overflows(page)).toBe(false);
    if (shots) await page.screenshot({ path: `${shots}/pos-800x480.png`, fullPage: true });
    await page.close();
  });

  it("shows an auditor no upload form (the role policy would refuse it), and still refuses an upload posted anyway", async () => {
    const page = await browser.context.newPage();
    await signIn(page, DEMO_LOGINS.auditor);
    await page.goto(`${stack.hub.url}/pos`);
    await page.locator("text=Your role reads imports").waitFor();
    expect(await page.locator("form#pos-upload, button:text-is('Import')").count()).toBe(0);
    const refused = (await page.evaluate(
      `fetch("/pos/imports", { method: "POST", body: new FormData() }).then(async (r) => [r.status, await r.text()])`,
    )) as [number, string];
    expect(refused[0]).toBe(403);
    expect(refused[1]).toContain("this sign-in is read-only");
    await page.close();
  });
});
