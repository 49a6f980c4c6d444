/**
 * A variance investigation in a real browser, on the demo stack (hub with the METRC simulator):
 * the POS export of yesterday has 3 units of a package sold that the state system never recorded
 * (imported through hub/pos); the coordinator runs yesterday's reconciliation with "Run now", opens
 * the line's case from /reconciliation, sees it among the open cases, is refused closing it before the
 * root cause is documented, documents it (theft, with a camera reference), proposes an adjustment
 * above the approval threshold; the manager approves it on the case page, and the adjustment
 * lands in the simulator. Screenshots at the back office's 1280×800 and the small 1024×600.
 *
 * The line's usual fix for a sale the state never heard of is a sales receipt; the adjustment here
 * is the case's other resolution, the one a manager must approve.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSales } from "#hub/pos/import-service.js";
import { addDays, localDate } from "#contract/facility-time.js";
import { DEMO_LOGINS, startDemoStack, type DemoStack } from "../../scripts/demo-stack.js";
import { eventually, tempDir } from "../support/rig.js";
import { launchKiosk, skipWithoutBrowser, type Kiosk } from "./support/browser.js";
import { demoStackEnv, signInToHub } from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("investigation browser test");
const shots = process.env.E2E_SCREENSHOTS;
const COORDINATOR = { username: "dana", password: "vaultline-coordinator" };
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 600 },
] as const;

describe.skipIf(skip)("a variance investigation on the dashboard", () => {
  let stack: DemoStack;
  const browsers: Kiosk[] = [];
  const data = tempDir("vaultline-e2e-inv-");
  let label = "";
  let onHand = 0;
  let caseId = "";

  beforeAll(async () => {
    stack = await startDemoStack(await demoStackEnv(data.dir));
    const coordinator = stack.store.employees.find((e) => e.role === "coordinator")!;
    await stack.logins.service.setPassword(coordinator.id, COORDINATOR.username, COORDINATOR.password);
    // A package the demo's history never sold: the import below is its only POS line yesterday.
    const sold = new Set(stack.store.sales.flatMap((s) => s.lines.map((l) => l.label)));
    const pkg = stack.store.packages.find(
      (p) => p.unit === "Each" && p.quantity >= 6 && p.status === "active" && !sold.has(p.label),
    )!;
    label = pkg.label;
    onHand = pkg.quantity;
    for (const size of SIZES) browsers.push(await launchKiosk(size));
    if (shots) mkdirSync(shots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await stack?.stop();
    data.remove();
  });

  /** Yesterday in the site's zone: the day a reconciliation run is for by default. */
  const yesterday = () => addDays(localDate(Date.now(), stack.hub.sites.default.timeZone), -1);

  /** Yesterday's POS export with a sale of 3 units of the package that the state system never recorded. */
  async function importUnreportedSale(): Promise<void> {
    const site = stack.hub.sites.default;
    const at = new Date(Date.now() - 86_400_000).toISOString();
    const csv = [
      "receipt_id,line_id,completed_at,package_label,sku,quantity,unit,total,voided",
      `E2E-UNREPORTED-1,1,${at},${label},,3,ea,60.00,false`,
    ].join("\n");
    const report = await importSales(
      { db: stack.hub.db, timeZone: site.timeZone, ledgerSite: site.id, clock: { now: () => Date.now() } },
      { format: "csv", site: site.id, file: "e2e-yesterday.csv", text: csv, actor: "e2e" },
    );
    expect(report.errors).toEqual([]);
  }

  const signIn = (page: Page, login: { username: string; password: string }, path: string) =>
    signInToHub({ hub: stack.hub.url }, page, login, path);

  const shoot = async (page: Page, name: string) => {
    if (!shots) return;
    const size = page.viewportSize()!;
    await page.screenshot({ path: `${shots}/investigation-${name}-${size.width}x${size.height}.png` });
  };
  const overflows = (page: Page) => page.evaluate<boolean>("document.documentElement.scrollWidth > window.innerWidth");
  /** Submits one of the case's forms and waits for the case to come back with what came of it. */
  async function submit(page: Page, form: string, fields: Record<string, string> = {}): Promise<string> {
    const f = page.locator(`#inv-case form[data-form="${form}"]`).first();
    for (const [name, value] of Object.entries(fields)) {
      const field = f.locator(`[name="${name}"]`);
      if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption(value);
      else await field.fill(value);
    }
    // The answer replaces the whole case (outerHTML): wait for the fresh one, not the stale one.
    await page.evaluate(`document.getElementById("inv-case").dataset.stale = "1"`);
    await f.locator("button[type=submit]").click();
    const message = page.locator("#inv-case:not([data-stale]) .inv-message");
    await message.waitFor();
    return message.innerText();
  }

  it("the coordinator documents the root cause and proposes an adjustment above the threshold", async () => {
    await importUnreportedSale();
    const page = await browsers[0]!.context.newPage();
    await signIn(page, COORDINATOR, `/reconciliation?date=${yesterday()}`);
    await page.locator("form.rc-run button[type=submit]").click();
    const line = page.locator(`section#sold-not-reported table.rc-lines tr:has(a[href^="/packages/${label}"])`);
    await line.waitFor();
    expect(await line.locator("td.n").allInnerTexts()).toEqual(["3", "—", String(onHand), "—"]);
    await shoot(page, "reconciliation");
    await line.locator('a[href^="/investigations/"]').click();
    await page.locator("#inv-case").waitFor();
    caseId = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1)!);
    expect(await page.locator("nav.site-nav a[href='/investigations']").count()).toBe(1);
    await page.goto(`${stack.hub.url}/investigations`);
    const row = page.locator(`table.inv-cases tr[data-case="${caseId}"]`);
    expect(await row.innerText()).toMatch(/sold-not-reported/);
    await shoot(page, "list");
    await row.locator("a").click();
    await page.locator("#inv-case").waitFor();
    expect(await page.locator("table.timeline tr[data-kind=receiving]").count()).toBeGreaterThan(0);
    expect(await page.locator("table.timeline tr[data-kind=investigation]").count()).toBe(1);
    await shoot(page, "case");
    await page.locator("table.timeline").scrollIntoViewIfNeeded();
    await shoot(page, "timeline");
    await page.evaluate("window.scrollTo(0, 0)");

    expect(await submit(page, "close")).toBe("document the root cause before closing the investigation");
    expect(await page.locator("#inv-case .inv-message").getAttribute("role")).toBe("alert");
    expect(await submit(page, "root-cause", { cause: "theft" })).toBe("Root cause documented.");
    expect(
      await submit(page, "evidence", { camera: "Vault cam 2", at: "2026-11-30T16:05", text: "cart leaves with a box" }),
    ).toBe("Evidence reference added.");
    expect(await submit(page, "adjustment", { quantity: "-3", reason: "Theft", note: "cart on vault cam 2" })).toBe(
      "Resolution proposed.",
    );
    const waiting = page.locator('#inv-case li[data-status="proposed"]');
    expect(await waiting.innerText()).toMatch(/awaiting a manager's approval/);
    expect(await page.locator("#inv-case form[data-form=approve]").count()).toBe(0);
    expect(await overflows(page)).toBe(false);
    await shoot(page, "proposed");
    await page.close();
  });

  it("the manager approves it, and the adjustment lands in the METRC simulator", async () => {
    const before = stack.metrc!.control.state.adjustments.length;
    for (const [i, size] of SIZES.entries()) {
      const page = await browsers[i]!.context.newPage();
      await signIn(page, DEMO_LOGINS.manager, `/investigations/${caseId}`);
      await shoot(page, "approval");
      if (size.width === 1024) {
        expect(await overflows(page)).toBe(false);
        await page.close();
        continue;
      }
      expect(await submit(page, "approve")).toBe("Resolution approved and queued to the state system.");
      await eventually(
        () => stack.metrc!.control.state.adjustments.length > before,
        20_000,
        "the adjustment at the METRC simulator",
      );
      expect(stack.metrc!.control.state.adjustments.at(-1)).toMatchObject({
        label,
        quantity: -3,
        unit: "Each",
        reason: "Theft",
        note: "cart on vault cam 2",
      });
      expect(stack.metrc!.control.state.packages.get(label)?.quantity).toBe(onHand - 3);
      await page.reload();
      expect(await page.locator("#inv-case li[data-resolution]").innerText()).toMatch(/queued to the state system/);
      await shoot(page, "approved");
      await page.close();
    }
    // The package page shows the same timeline, the approved adjustment on it.
    const page = await browsers[0]!.context.newPage();
    await signIn(page, DEMO_LOGINS.auditor, `/packages/${label}`);
    const adjusted = page.locator('#package-timeline table.timeline tr[data-kind="adjustment"]', { hasText: "Theft" });
    await adjusted.waitFor();
    expect(await adjusted.innerText()).toMatch(/-3/);
    expect(await page.locator('#package-timeline tr[data-kind="investigation"] a').getAttribute("href")).toBe(
      `/investigations/${caseId}`,
    );
    await page.locator("#package-timeline").scrollIntoViewIfNeeded();
    await shoot(page, "package-timeline");
    await page.close();
    const ledger = await stack.hub.db
      .selectFrom("packages")
      .select("quantity")
      .where("label", "=", label)
      .executeTakeFirst();
    expect(Number(ledger?.quantity)).toBe(onHand - 3);
  });
});
