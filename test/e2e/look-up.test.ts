/**
 * Look-up in a real browser on the demo stack, at both kiosk sizes (800×480 and 1024×600): from the
 * home tile, a typed tag shows its item, quantity, location, status, lab state, expiry and last ten
 * history entries from the hub; a scan made on the screen replaces it; a bad tag is refused with an alert
 * and the bad tone; with the hub stopped, the answer comes from the vault's copy and says so.
 * Screenshots of each screen go to a temp folder (printed), or to E2E_SCREENSHOTS when set.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoStack, type DemoStack } from "../../scripts/demo-stack.js";
import { eventually, tempDir } from "../support/rig.js";
import { launchKiosk, skipWithoutBrowser, type Kiosk } from "./support/browser.js";
import { demoStackEnv } from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("look-up browser suite");
const SIZES = [
  { width: 800, height: 480 },
  { width: 1024, height: 600 },
] as const;

describe.skipIf(skip)("look-up at the kiosk", () => {
  let stack: DemoStack;
  const kiosks: Kiosk[] = [];
  const pages: Page[] = [];
  const data = tempDir("vaultline-e2e-lookup-");
  const shots = process.env.E2E_SCREENSHOTS || mkdtempSync(join(tmpdir(), "vaultline-look-up-shots-"));

  const simScan = async (code: string) => {
    const res = await fetch(`${stack.station.url}/sim/scan`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { event: { id: string; payload: { workflow: string } } }).event;
  };
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: join(shots, `${name}-${page.viewportSize()!.width}x${page.viewportSize()!.height}.png`) });

  /** Nothing sticks out of the screen: no page scroll, every button and the field fully visible. */
  async function expectFits(page: Page): Promise<void> {
    // A string, so the test's TypeScript (no DOM library) stays out of the browser's code.
    const out = await page.evaluate(`(() => {
      const vw = window.innerWidth;
      const vh = window.innerHeight;
      const off = [...document.querySelectorAll(".kiosk-header *, .tile, .side > *, .lu-form *, .lu-refusal, .lu-source")]
        .map((el) => ({ el: el.tagName + "." + el.className, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.left < 0 || r.top < 0 || r.right > vw + 0.5 || r.bottom > vh + 0.5))
        .map(({ el }) => el);
      return { scroll: document.documentElement.scrollWidth > vw || document.documentElement.scrollHeight > vh, off };
    })()`);
    expect(out).toEqual({ scroll: false, off: [] });
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    console.log(`look-up screenshots: ${shots}`);
    stack = await startDemoStack(await demoStackEnv(data.dir));
    const pkg = stack.store.packages[0]!;
    const item = stack.store.items.find((i) => i.id === pkg.itemId)!;
    const replica = join(data.dir, "station", "replica.json");
    await eventually(
      () => existsSync(replica) && readFileSync(replica, "utf8").includes(pkg.label),
      30_000,
      "the catalog in the station's replica",
    );
    // Scans from the home screen give the package a history at the hub; they count once the
    // station's feed names the item (the replica is indexed just after its file is written).
    let known = 0;
    await eventually(
      async () => {
        const scan = await simScan(pkg.label);
        expect(scan.payload.workflow).toBe("idle");
        const home = await (await fetch(stack.station.url)).text();
        if (home.split(`data-scan-id="${scan.id}"`)[1]?.split("</li>")[0]?.includes(item.name)) known++;
        return known >= 12;
      },
      30_000,
      "twelve scans of a package the station knows",
    );
    await eventually(() => stack.station.outboxDepth() === 0, 20_000, "the scans stored by the hub");
    // A scan made while the catalog was still being indexed leaves a banner up for a few seconds.
    await eventually(
      async () => !(await (await fetch(stack.station.url)).text()).includes('class="banner '),
      15_000,
      "a clear banner",
    );
    for (const size of SIZES) {
      const kiosk = await launchKiosk(size);
      kiosks.push(kiosk);
      pages.push(await kiosk.context.newPage());
    }
  });
  afterAll(async () => {
    for (const k of kiosks) await k.close();
    await stack?.stop();
    data.remove();
  });

  it("goes from the home tile to look-up and shows a typed tag's facts and history from the hub", async () => {
    const pkg = stack.store.packages[0]!;
    const item = stack.store.items.find((i) => i.id === pkg.itemId)!;
    for (const page of pages) {
      await page.goto(stack.station.url);
      await page.locator('.tile[data-workflow="receive"]').waitFor();
      await expectFits(page);
      await shoot(page, "home");
      await page.locator('.tile[data-workflow="lookup"]').click();
      await page.waitForURL((u) => u.pathname === "/look-up");
      await page.fill("input[name=tag]", pkg.label.toLowerCase());
      await page.click('[data-action="look-up"]');
      const answer = page.locator(`.lu-answer[data-label="${pkg.label}"][data-source="hub"]`);
      await answer.waitFor();
      expect(await answer.locator(".lu-item").innerText()).toContain(item.name);
      expect(await answer.locator('[data-fact="location"] dd').innerText()).toBe(pkg.location);
      expect(await answer.locator('[data-fact="lab"] dd').innerText()).toBe(pkg.labState);
      expect(await answer.locator('[data-fact="quantity"] dd').innerText()).toContain(String(pkg.quantity));
      expect(await answer.locator('[data-fact="expiry"] dd').innerText()).toBe(pkg.expirationDate ?? "no expiry date");
      expect(await answer.locator(".lu-history li").count()).toBe(10);
      expect(await answer.locator(".lu-history-head").innerText()).toMatch(/^Last 10 of 1[2-9] history entries$/);
      await expectFits(page);
      await shoot(page, "look-up-hub");
    }
  });

  it("shows a package scanned while the screen is open, the scan tied to look-up", async () => {
    const other = stack.store.packages[1]!;
    const event = await simScan(other.label);
    expect(event.payload.workflow).toBe("lookup");
    for (const page of pages) await page.locator(`.lu-answer[data-label="${other.label}"]`).waitFor();
  });

  it("refuses a bad tag with a banner on screen and the bad tone", async () => {
    for (const page of pages) {
      await page.fill("input[name=tag]", "1A40603000021990000034");
      await page.click('[data-action="look-up"]');
      const refusal = page.locator(".lu-refusal[role=alert]");
      await refusal.waitFor({ state: "visible" });
      expect(await refusal.innerText()).toMatch(/^Cannot look up 1A40603000021990000034: .*24 characters/);
      expect(await refusal.locator('audio[src="/static/error.wav"]').count()).toBe(1);
      await expectFits(page);
      await shoot(page, "look-up-bad-tag");
    }
  });

  it("answers from the vault's copy when the hub is away, saying so", async () => {
    await stack.hub.stop();
    const pkg = stack.store.packages[0]!;
    for (const page of pages) {
      await page.fill("input[name=tag]", pkg.label);
      await page.click('[data-action="look-up"]');
      const answer = page.locator(`.lu-answer[data-label="${pkg.label}"][data-source="replica"]`);
      await answer.waitFor();
      expect(await answer.locator(".lu-source").innerText()).toMatch(/From this vault's copy, hub not answering/);
      expect(await answer.locator('[data-fact="location"] dd').innerText()).toBe(pkg.location);
      await expectFits(page);
      await shoot(page, "look-up-replica");
    }
  });
});
