/**
 * Issue 10, item 1, in a real browser on the demo stack: scans belong to receiving only while its
 * screen is open. A scan made after tapping Home is a plain scan and never reaches the open
 * manifest; a manifest set aside takes no scans, even on its screen, until it is resumed where it
 * stood; a package scanned by mistake that is not on the manifest is removed (and the hub audits
 * the removal) instead of being forced into quarantine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { eventually } from "../support/rig.js";
import { skipWithoutBrowser } from "./support/browser.js";
import { openRestock, RESTOCK, signInAtKiosk, startKioskStack, type KioskStack } from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("receiving scan claims browser test");
const STRAY = "1A4060300012B7C000819999";

type Status = {
  open: { paused?: boolean; progress: { scanned: number; unexpected: number }; lines: Array<{ label: string }> } | null;
};

describe.skipIf(skip)("scans belong to receiving only while its screen is open", () => {
  let k: KioskStack;
  const status = async () => (await (await fetch(`${k.station}/receive/status`)).json()) as Status;
  beforeAll(async () => {
    k = await startKioskStack("receive-claims");
  });
  afterAll(async () => k?.stop());

  it("keeps a scan made on the home screen out of the open manifest", async () => {
    const page = await k.page();
    await page.goto(k.station);
    await signInAtKiosk(k, page);
    await openRestock(k, page);
    const first = await k.scan(k.restock[0]!);
    expect(first.payload.workflow).toBe("receive");
    await page.locator("#rx-flash .rx-flash[data-verdict=on-manifest]").waitFor();
    await page.locator('.rx-foot a[href="/"]').click();
    await page.waitForURL((u) => u.pathname === "/");
    const inStock = k.stack.store.packages[0]!.label;
    await eventually(
      async () => (await k.scan(inStock)).payload.workflow === "idle",
      5000,
      "the home screen's scans to be plain scans",
    );
    const open = (await status()).open!;
    expect(open.progress).toMatchObject({ scanned: 1, unexpected: 0 });
    expect(open.lines.some((l) => l.label === inStock)).toBe(false);
    await page.goto(`${k.station}/receive`);
    expect(await page.locator(`.rx-row[data-line-label="${inStock}"]`).count()).toBe(0);
    await k.shoot(page, "claims-back-on-manifest");
  });

  it("removes a mistaken scan of a package not on the manifest, audited at the hub", async () => {
    const page = await k.page();
    await page.goto(`${k.station}/receive`);
    await page.locator(`.rx[data-manifest="${RESTOCK}"]`).waitFor();
    expect((await k.scan(STRAY)).payload.workflow).toBe("receive");
    const line = page.locator(`#rx-line .rx-line[data-line-label="${STRAY}"]`);
    await line.waitFor();
    await k.shoot(page, "claims-unexpected");
    await line.locator('[data-action="remove"]').click();
    await page.locator(`.rx-row[data-line-label="${STRAY}"]`).waitFor({ state: "detached" });
    expect((await status()).open!.progress.unexpected).toBe(0);
    await eventually(
      async () =>
        (await listAudit(k.stack.hub.db)).some(
          (a) => a.action === "receiving.scan.removed" && a.subject === `package ${STRAY}`,
        ),
      10_000,
      "the removal in the hub's audit trail",
    );
    const entry = (await listAudit(k.stack.hub.db)).find((a) => a.action === "receiving.scan.removed")!;
    expect(entry.actor).toBe(k.coordinator.id);
    expect(entry.detail).toMatchObject({ manifestNumber: RESTOCK, scans: 1 });
  });

  it("sets the manifest aside: no scans taken even on its screen, then resumes where it stood", async () => {
    const page = await k.page();
    await page.goto(`${k.station}/receive`);
    await page.locator('[data-action="pause"]').click();
    const aside = page.locator(`.rx-set-aside[data-set-aside="${RESTOCK}"]`);
    await aside.waitFor();
    await k.shoot(page, "claims-set-aside");
    expect((await k.scan(k.restock[1]!)).payload.workflow).toBe("idle");
    expect((await status()).open).toMatchObject({ paused: true, progress: { scanned: 1 } });
    await aside.locator('[data-action="resume"]').click();
    await page.locator(`.rx[data-manifest="${RESTOCK}"] #rx-progress .rx-progress[data-scanned="1"]`).waitFor();
    expect((await k.scan(k.restock[1]!)).payload.workflow).toBe("receive");
    await page.locator(`#rx-progress .rx-progress[data-scanned="2"]`).waitFor();
  });
});
