/**
 * A variance investigation in a real browser, on the demo stack (hub with the METRC simulator):
 * the coordinator opens yesterday's case from /investigations, is refused closing it before the
 * root cause is documented, documents it (theft, with a camera reference), proposes an adjustment
 * above the approval threshold; the manager approves it on the case page, and the adjustment
 * lands in the simulator. Screenshots at the back office's 1280×800 and the small 1024×600.
 *
 * The case is opened through the investigations service as a reconciliation run would
 * (`openYesterdaysCase`); a step from the day's reconciliation page goes before it once that exists.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "#hub/clock.js";
import { DEFAULT_INVESTIGATIONS_CONFIG } from "#hub/investigations/config.js";
import { createInvestigationsService } from "#hub/investigations/service.js";
import { silentLog } from "#hub/log.js";
import { businessDay } from "#hub/pos/local-day.js";
import { DEMO_LOGINS, startDemoStack, type DemoStack } from "../../scripts/demo-stack.js";
import { freePort } from "../support/ports.js";
import { eventually, tempDir } from "../support/rig.js";
import { launchKiosk, skipWithoutBrowser, type Kiosk } from "./support/browser.js";

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
    stack = await startDemoStack({
      HUB_PORT: "0",
      STATION_PORT: "0",
      STATION_HOST: "127.0.0.1",
      MQTT_PORT: String(await freePort()),
      METRC_SIM_PORT: "0",
      HUB_DATA_DIR: `${data.dir}/hub`,
      STATION_DATA_DIR: `${data.dir}/station`,
      LOG_LEVEL: "silent",
      STATE_SYSTEM_SYNC_MINUTES: "0",
    });
    const coordinator = stack.store.employees.find((e) => e.role === "coordinator")!;
    await stack.logins.service.setPassword(coordinator.id, COORDINATOR.username, COORDINATOR.password);
    const sold = new Set(stack.store.sales.flatMap((s) => s.lines.map((l) => l.label)));
    const pkg = stack.store.packages.find(
      (p) => p.unit === "Each" && p.quantity >= 6 && p.status === "active" && sold.has(p.label),
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

  /** What yesterday's reconciliation run reports: the count found 3 fewer than the ledger holds. */
  async function openYesterdaysCase(): Promise<string> {
    const site = stack.hub.sites.default;
    const service = createInvestigationsService({
      db: stack.hub.db,
      log: silentLog(),
      clock: systemClock,
      sites: stack.hub.sites,
      config: DEFAULT_INVESTIGATIONS_CONFIG,
    });
    const yesterday = businessDay(new Date(Date.now() - 86_400_000).toISOString(), site.timeZone);
    const [opened] = await service.open(
      [
        {
          site: site.id,
          businessDay: yesterday,
          label,
          class: "physical-short",
          pos: null,
          state: null,
          ledger: onHand,
          physical: onHand - 3,
          fix: "recount; adjust in METRC with the reason found",
          source: { kind: "reconciliation", ref: "e2e-run" },
        },
      ],
      "reconcile",
    );
    return opened!.caseId;
  }

  async function signIn(page: Page, login: { username: string; password: string }, path: string): Promise<void> {
    await page.goto(`${stack.hub.url}/login`);
    await page.fill("input[name=username]", login.username);
    await page.fill("input[name=password]", login.password);
    await page.click("button[type=submit]");
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.goto(`${stack.hub.url}${path}`);
  }

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
    caseId = await openYesterdaysCase();
    const page = await browsers[0]!.context.newPage();
    await signIn(page, COORDINATOR, "/investigations");
    const row = page.locator(`table.inv-cases tr[data-case="${caseId}"]`);
    expect(await row.innerText()).toMatch(/physical-short/);
    expect(await page.locator("nav.site-nav a[href='/investigations']").count()).toBe(1);
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
