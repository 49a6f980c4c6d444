/**
 * Issue 10, item 10, in a real browser on the demo stack: the vault door opening while nobody is
 * signed in at the station raises an alert on the kiosk (red banner, error tone) until someone
 * signs in, and an entry on the hub's dashboard, marked as an alert, where door events show.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS } from "../../scripts/demo-stack.js";
import { eventually } from "../support/rig.js";
import { skipWithoutBrowser } from "./support/browser.js";
import { signInAtKiosk, signInToHub, SIZES, startKioskStack, type KioskStack } from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("door alert browser test");

describe.skipIf(skip)("the vault door opened with nobody signed in", () => {
  let k: KioskStack;
  beforeAll(async () => {
    k = await startKioskStack("door-alert");
  });
  afterAll(async () => k?.stop());

  it("raises a kiosk alert with the tone, taken down once someone signs in, and a dashboard entry", async () => {
    const kiosk = await k.page(SIZES[0]);
    await kiosk.goto(k.station);
    const manager = await k.page();
    await signInToHub(k, manager, DEMO_LOGINS.manager, "/");
    await manager.locator("#doors").waitFor();

    expect((await k.sim("door", { open: true })).status).toBe(202);
    const alert = kiosk.locator("#kiosk-banner .banner-error", { hasText: "Vault door opened with nobody signed in" });
    await alert.waitFor();
    expect(await alert.locator('audio[src="/static/error.wav"]').count()).toBe(1);
    await k.shoot(kiosk, "door-alert-kiosk");

    const entry = manager.locator('#doors tr[data-alert="true"]', { hasText: "opened with nobody signed in" });
    await eventually(async () => (await entry.count()) === 1, 15_000, "the door alert on the dashboard (live)");
    expect(await manager.locator("#doors h2").innerText()).toContain("1 alert");
    await k.shoot(manager, "door-alert-dashboard");

    await signInAtKiosk(k, kiosk);
    await alert.waitFor({ state: "detached" });
    expect((await k.sim("door", { open: false })).status).toBe(202);
    await eventually(
      async () => {
        await manager.reload();
        return (await manager.locator("#doors tr", { hasText: "closed" }).count()) === 1;
      },
      15_000,
      "the door closing on the dashboard",
    );
    expect(await manager.locator('#doors tr[data-alert="true"]').count()).toBe(1);
  });
});
