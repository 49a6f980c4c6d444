/**
 * Quarantine end to end, in a real browser on the demo stack: at the kiosk the coordinator scans a
 * vault package, chooses why, and it goes to quarantine with its label printed; the POS-facing list
 * of sellable packages leaves it out; a manager approving its release before anyone asked is refused
 * on the dashboard, visibly; the coordinator asks at the kiosk; the manager approves on the dashboard,
 * and the package is back on its shelf and sellable. Screenshots at 800×480 and 1024×600.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS } from "../../scripts/demo-stack.js";
import { eventually } from "../support/rig.js";
import { skipWithoutBrowser } from "./support/browser.js";
import { settled, signInAtKiosk, signInToHub, SIZES, startKioskStack, type KioskStack } from "./support/kiosk-stack.js";

describe.skipIf(skipWithoutBrowser("quarantine browser test"))(
  "quarantine at the kiosk, released on the dashboard",
  () => {
    let k: KioskStack;
    let kiosk: Page;
    let small: Page;
    let office: Page;
    let label: string;
    let shelf: string;

    let itemId: string;
    /** The item's packages the POS may sell (`sellable=true`), or all of them. */
    const listed = async (onlySellable = true) => {
      const q = `item=${encodeURIComponent(itemId)}&limit=500${onlySellable ? "&sellable=true" : ""}`;
      const res = await office.request.get(`${k.hub}/api/packages?${q}`);
      expect(res.status()).toBe(200);
      return ((await res.json()) as { packages: Array<{ label: string }> }).packages.map((p) => p.label);
    };
    const sellable = () => listed(true);
    const status = async () =>
      await k.stack.hub.db
        .selectFrom("packages")
        .select(["status", "location"])
        .where("label", "=", label)
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      k = await startKioskStack("quarantine");
      const pkg = await k.stack.hub.db
        .selectFrom("packages")
        .select(["label", "location", "item_id"])
        .where("status", "=", "active")
        .where("lab_state", "=", "TestPassed")
        .where("location", "like", "Vault %")
        .orderBy("label")
        .executeTakeFirstOrThrow();
      label = pkg.label;
      shelf = pkg.location;
      itemId = pkg.item_id;
      kiosk = await k.page(SIZES[1]);
      small = await k.page(SIZES[0]);
      office = await k.page(SIZES[1]);
      await signInToHub(k, office, DEMO_LOGINS.manager, "/quarantine");
      await kiosk.goto(k.station);
      await signInAtKiosk(k, kiosk);
    });
    afterAll(async () => {
      await k?.stop();
    });

    it("holds a scanned package at the kiosk with a reason and prints its quarantine label", async () => {
      expect(await sellable()).toContain(label);
      await kiosk.goto(`${k.station}/quarantine`);
      await small.goto(`${k.station}/quarantine`);
      await kiosk.locator(".qt-empty").waitFor();
      const scan = await k.scan(label);
      expect(scan.payload.workflow).toBe("quarantine");
      await kiosk.locator(`.qt-scanned[data-label="${label}"][data-offer=hold]`).waitFor();
      await small.locator(`.qt-scanned[data-label="${label}"]`).waitFor();
      await k.shoot(kiosk, "quarantine-reasons");
      await k.shoot(small, "quarantine-reasons");
      await settled(kiosk);
      await kiosk.locator("[data-action=hold][data-reason=damaged]").click();
      await kiosk.locator(`.qt-done[data-done=held][data-label="${label}"]`).waitFor();
      await kiosk.locator(".qt-label[data-label-state=printed]").waitFor();
      await k.shoot(kiosk, "quarantine-held");
      await eventually(async () => (await status()).status === "quarantine", 20_000, "the hold in the ledger");
      expect(await status()).toEqual({ status: "quarantine", location: "Quarantine" });
      expect(await sellable()).not.toContain(label);
      expect(await listed(false)).toContain(label);
    });

    it("refuses, visibly, a release nobody asked for", async () => {
      await office.goto(`${k.hub}/quarantine`);
      const row = office.locator(`#qt-held tr[data-label="${label}"]`);
      await row.waitFor();
      expect(await row.getAttribute("data-status")).toBe("held");
      const holdId = (await row.getAttribute("data-hold"))!;
      // No approve button is offered for it; a forged approval is refused with the reason on the page.
      expect(await row.locator("[data-action=approve]").count()).toBe(0);
      await office.evaluate(`(() => {
      const f = document.createElement("form");
      f.method = "post";
      f.action = "/quarantine/approvals/${holdId}";
      const d = document.createElement("input"); d.name = "decision"; d.value = "approve"; f.appendChild(d);
      document.body.appendChild(f);
      f.requestSubmit();
    })()`);
      const refusal = office.locator("[data-said=error]");
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain("nobody asked to release");
      await k.shoot(office, "quarantine-release-refused");
      expect((await status()).status).toBe("quarantine");
    });

    it("asks for the release at the kiosk; the manager approves it on the dashboard", async () => {
      await kiosk.locator(".qt-empty").waitFor();
      await k.scan(label);
      await kiosk.locator(`.qt-scanned[data-label="${label}"][data-offer=release]`).waitFor();
      await k.shoot(kiosk, "quarantine-ask-release");
      await settled(kiosk);
      await kiosk.locator("[data-action=ask-release]").first().click();
      await kiosk.locator(".qt-done[data-done=asked]").waitFor();
      await k.shoot(kiosk, "quarantine-release-asked");
      const row = office.locator(`#qt-held tr[data-label="${label}"][data-status=release-asked]`);
      await eventually(
        async () => {
          await office.goto(`${k.hub}/quarantine`);
          return (await row.count()) > 0;
        },
        20_000,
        "the release ask on the dashboard",
      );
      await k.shoot(office, "quarantine-approval");
      await row.locator("[data-action=approve]").click();
      await office.locator("[data-said=ok]").waitFor();
      expect(await office.locator("[data-said=ok]").innerText()).toContain(`released to ${shelf}`);
      expect(await status()).toEqual({ status: "active", location: shelf });
      expect(await sellable()).toContain(label);
      await k.shoot(office, "quarantine-released");
    });
  },
);
