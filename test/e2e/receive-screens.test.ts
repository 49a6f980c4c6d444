/**
 * Issue 10, item 7, in a real browser on the demo stack, at 800×480 and 1024×600: every control of
 * the active line fits on the screen and can be tapped as it stands (nothing below a fold, cut off
 * or covered), with the top bar, every workflow's tile in the header, the foot and the whole device
 * strip: a counted package, a bulk bag waiting for the scale with its container, one weighed short,
 * one that failed its lab test, a package not on the manifest, the list of other reject reasons, a refusal, and a confirmation.
 * Screenshots of each go to E2E_SCREENSHOTS (or a temp folder, printed).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipWithoutBrowser } from "./support/browser.js";
import {
  openRestock,
  settled,
  signInAtKiosk,
  SIZES,
  startKioskStack,
  unreachable,
  type KioskStack,
  type Size,
} from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("receiving screens browser test");
const STRAY = "1A4060300012B7C000819999";
/** Everything a person taps or reads on the receiving screen, every workflow's tile in the header, and the device strip. */
const CONTROLS =
  "#rx-line button, #rx-line input, #rx-line select, #rx-line .rx-weight, #rx-line-notice *, .rx-top button, .rx-foot button, .rx-foot a, .kiosk-nav .nav-link, .rx-devices .device";

describe.skipIf(skip)("the active line fits the kiosk's screen", () => {
  let k: KioskStack;
  const pages = new Map<Size, Page>();
  beforeAll(async () => {
    k = await startKioskStack("receive-screens", { RECEIVE_CONTAINERS: "Mylar bag 1 lb:9" });
    for (const size of SIZES) {
      const page = await k.page(size);
      await page.goto(k.station);
      if (pages.size === 0) await signInAtKiosk(k, page);
      await openRestock(k, page);
      pages.set(size, page);
    }
  });
  afterAll(async () => k?.stop());

  /** Checks both sizes as they stand now, with a screenshot of each. */
  async function fits(shot: string, extra = "", only = false): Promise<void> {
    for (const [size, page] of pages) {
      await settled(page);
      await k.shoot(page, `screen-${shot}`);
      const selector = only ? extra : extra ? `${CONTROLS}, ${extra}` : CONTROLS;
      expect(await unreachable(page, selector), `${shot} at ${size.width}x${size.height}`).toEqual([]);
    }
  }
  const line = (label: string) =>
    Promise.all([...pages.values()].map((p) => p.locator(`#rx-line .rx-line[data-line-label="${label}"]`).waitFor()));

  it("a counted package", async () => {
    const label = k.restock[0]!;
    await k.scan(label);
    await line(label);
    await fits("counted");
  });

  it("a bulk bag waiting for the scale, with its container", async () => {
    const label = [...k.weighed][0]!;
    await k.scan(label);
    await line(label);
    await fits("weigh-waiting");
  });

  it("a bulk bag weighed short", async () => {
    await k.weigh(453.2);
    await Promise.all([...pages.values()].map((p) => p.locator('#rx-line .rx-weight[data-weight="short"]').waitFor()));
    await fits("weighed-short");
  });

  it("a package that failed its lab test", async () => {
    const label = k.restock[7]!;
    await k.scan(label);
    await line(label);
    await fits("failed-lab");
  });

  it("a package not on the manifest", async () => {
    await k.scan(STRAY);
    await line(STRAY);
    await fits("not-on-manifest");
  });

  it("the other reject reasons, each one tappable", async () => {
    for (const page of pages.values()) await page.click('#rx-line [data-action="reject-reasons"]');
    for (const page of pages.values())
      expect(await page.locator('#rx-line-notice [data-action="reject"]').count()).toBe(7);
    // Over the screen: its buttons are what can be tapped now.
    await fits("reject-reasons", "#rx-line-notice button", true);
    for (const page of pages.values()) await page.click('#rx-line-notice [data-action="cancel"]');
  });

  it("a refusal and a confirmation, next to the line's buttons", async () => {
    const label = k.restock[1]!;
    await k.scan(label);
    await line(label);
    for (const page of pages.values()) {
      await page.fill("#rx-line input[name=quantity]", "5000");
      await page.click('#rx-line [data-action="accept-corrected"]');
      await page.locator('#rx-line-notice [data-notice="refused"]').waitFor();
    }
    await fits("refused");
    for (const page of pages.values()) {
      await page.fill("#rx-line input[name=quantity]", "2");
      await page.click('#rx-line [data-action="accept-corrected"]');
      await page.locator('#rx-line-notice [data-notice="confirm"]').waitFor();
    }
    await fits("confirm", "#rx-line-notice button");
  });
});
