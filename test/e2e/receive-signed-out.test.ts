/**
 * Issue 10, item 4, in a real browser on the demo stack: a signed-out kiosk does not work the
 * manifest. Once the coordinator signs out, the receiving screen shows the sign-in screen only
 * (no decision buttons, no scans or vault locations of the previous person); a package scanned
 * then is recorded as a plain scan, not added to the manifest, and the screen says "sign in to
 * receive". Signing in again brings the manifest back where it stood. At both panel sizes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipWithoutBrowser } from "./support/browser.js";
import { openRestock, RESTOCK, signInAtKiosk, SIZES, startKioskStack, type KioskStack } from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("signed-out receiving browser test");

describe.skipIf(skip)("a signed-out kiosk does not work the manifest", () => {
  let k: KioskStack;
  const scanned = () =>
    fetch(`${k.station}/receive/status`).then(
      async (r) => ((await r.json()) as { open: { progress: { scanned: number } } }).open.progress.scanned,
    );
  beforeAll(async () => {
    k = await startKioskStack("receive-signed-out");
  });
  afterAll(async () => k?.stop());

  it.each(SIZES)("shows the sign-in screen only once signed out, at %o", async (size) => {
    const page = await k.page(size);
    await page.goto(k.station);
    await signInAtKiosk(k, page);
    await openRestock(k, page);
    const before = await scanned();
    const label = k.restock[before]!;
    await k.scan(label);
    await page.locator(`#rx-line .rx-line[data-line-label="${label}"]`).waitFor();
    await page.locator(`#rx-line [data-action="accept"]`).click();
    await page.locator(`#rx-line .rx-line[data-line-label="${label}"][data-decision="accept"]`).waitFor();
    const shelf = (await page.locator("#rx-line .rx-decided").innerText()).split("→ ")[1]!.split(",")[0]!.trim();

    expect((await fetch(`${k.station}/sign-in/sign-out`, { method: "POST" })).status).toBe(200);
    const signedOut = page.locator(".rx-signed-out");
    await signedOut.waitFor();
    expect(await page.locator("[data-action]").count()).toBe(0);
    expect(await page.locator(".rx-row, .rx-line, .rx-flash").count()).toBe(0);
    const text = await page.locator("body").innerText();
    expect(text).not.toContain(label);
    expect(text).not.toContain(shelf);

    const next = k.restock[before + 1]!;
    const plain = await k.scan(next);
    expect(plain.payload.workflow).toBe("idle");
    expect(plain.payload.sessionId).toBeUndefined();
    const notice = page.locator(`[data-notice="signed-out"][data-plain-scan="${next}"]`);
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/sign in to receive/);
    expect(await notice.locator('audio[src="/receive/tone/bad.wav"]').count()).toBe(1);
    expect(await scanned()).toBe(before + 1);
    await k.shoot(page, "signed-out");

    await signInAtKiosk(k, page);
    await page
      .locator(`.rx[data-manifest="${RESTOCK}"] #rx-progress .rx-progress[data-scanned="${before + 1}"]`)
      .waitFor();
  });
});
