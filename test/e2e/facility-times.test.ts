/**
 * Issue 10, item 9, in a real browser on the demo stack: every time a person reads is in the
 * facility's zone, labelled once per page. The kiosk's "arriving …" on the manifest list is the
 * same wall-clock time the hub's receiving list shows for that manifest (no UTC on one and
 * "local" on the other); the kiosk's scan feed reads the facility's clock; the hub's receiving,
 * manifest, checklist and state-system pages carry one zone label and no "UTC", "local" or raw ISO.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS } from "../../scripts/demo-stack.js";
import { skipWithoutBrowser } from "./support/browser.js";
import { RESTOCK, signInAtKiosk, signInToHub, SIZES, startKioskStack, type KioskStack } from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("facility times browser test");

/** "2026-11-30 23:17" for an instant in `zone`, worked out here independently of the product's code. */
function wallClock(iso: string, zone: string): string {
  const d = new Date(iso);
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

describe.skipIf(skip)("times in the facility's zone", () => {
  let k: KioskStack;
  let zone: string;
  beforeAll(async () => {
    k = await startKioskStack("facility-times");
    zone = k.stack.store.site.timezone;
  });
  afterAll(async () => k?.stop());

  it.each(SIZES)(
    "shows the kiosk's arrival times and scan times in the facility's zone, labelled once, at %o",
    async (size) => {
      const page = await k.page(size);
      await page.goto(k.station);
      await signInAtKiosk(k, page);
      const scan = await k.scan(k.stack.store.packages[0]!.label);
      const time = page.locator(`#kiosk-feed .scan[data-scan-id="${scan.id}"] .scan-time`);
      await time.waitFor();
      expect(await time.innerText()).toBe(wallClock(scan.at, zone).slice(11));
      expect(await page.locator("[data-time-zone]").count()).toBe(1);
      expect(await page.locator("#kiosk-header [data-time-zone]").innerText()).toBe("Times in Pacific Time");

      await page.goto(`${k.station}/receive`);
      const offered = (
        JSON.parse(readFileSync(join(k.dataDir, "replica.json"), "utf8")) as {
          manifests: Array<{ manifestNumber: string; arrival: string | null }>;
        }
      ).manifests;
      const other = offered.find((m) => m.manifestNumber !== RESTOCK && m.arrival)!;
      const button = page.locator(`button.rx-manifest[data-manifest="${other.manifestNumber}"]`);
      await button.waitFor();
      expect(await button.innerText()).toContain(`arriving ${wallClock(other.arrival!, zone).slice(0, 16)}`);
      expect(await page.locator("[data-time-zone]").count()).toBe(1);
      await k.shoot(page, "times-kiosk-manifests");

      const hub = await k.page();
      await signInToHub(k, hub, DEMO_LOGINS.manager, "/receiving");
      const arrival = hub.locator(`#rx-open tr[data-manifest="${other.manifestNumber}"] td`).nth(2);
      expect(await arrival.innerText()).toBe(wallClock(other.arrival!, zone).slice(0, 16));
    },
  );

  it("labels each hub page it shows times on once, with no UTC, 'local' or raw ISO times", async () => {
    const hub = await k.page();
    await signInToHub(k, hub, DEMO_LOGINS.manager, "/receiving");
    for (const path of ["/receiving", `/receiving/${RESTOCK}`, "/statesystem"]) {
      await hub.goto(`${k.hub}${path}`);
      expect(await hub.locator("[data-time-zone]").count(), path).toBe(1);
      expect(await hub.locator("[data-time-zone]").innerText(), path).toBe(`Times are Pacific Time (${zone}).`);
      const text = await hub.locator("main").innerText();
      expect(text, path).not.toMatch(/\bUTC\b|\d local\b|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      await k.shoot(hub, `times-hub-${path.split("/").filter(Boolean).join("-")}`);
    }
  });
});
