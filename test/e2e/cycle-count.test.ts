/**
 * A blind cycle count end to end, in a real browser on the demo stack: the manager starts a
 * category count on the dashboard; the coordinator counts it at the kiosk (800×480) without ever
 * seeing what the ledger expects, one package short; the hub asks for a recount, which the kiosk
 * refuses to the same coordinator and takes from a second one; the manager reviews and approves;
 * the adjustment reaches the ledger and the METRC simulator. Screenshots at 800×480 and 1024×600
 * go to a temp folder (printed), or to E2E_SCREENSHOTS when set.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS } from "../../scripts/demo-stack.js";
import { eventually } from "../support/rig.js";
import { skipWithoutBrowser } from "./support/browser.js";
import { SIZES, signInAtKiosk, signInToHub, startKioskStack, type KioskStack } from "./support/kiosk-stack.js";

const skip = skipWithoutBrowser("cycle count browser test");
const CATEGORY = "topical";

interface ReviewJson {
  count: { id: string; status: string; round: number };
  lines: Array<{ label: string; snapshot: number; unit: string; countBy: string; counted: number | null }>;
}

describe.skipIf(skip)("a blind cycle count: counted, recounted by another employee, approved", () => {
  let k: KioskStack;
  let office: Page;
  let kiosk: Page;
  let countId = "";
  let lines: ReviewJson["lines"] = [];
  let short = { label: "", expected: 0, counted: 0 };

  beforeAll(async () => {
    k = await startKioskStack("cycle-count", { HUB_COUNTS: JSON.stringify({ autoSchedule: false }) });
    office = await k.page({ width: 1280, height: 900 } as never);
    kiosk = await k.page(SIZES[0]);
  }, 90_000);
  afterAll(async () => k?.stop());

  const review = async () => (await (await office.request.get(`${k.hub}/api/counts/${countId}`)).json()) as ReviewJson;

  /** The other panel size, for a screenshot of the same screen. */
  async function shootBoth(name: string): Promise<void> {
    await k.shoot(kiosk, name);
    const wide = await k.page(SIZES[1]);
    await wide.goto(`${k.station}/count`);
    await wide.locator(".ct").first().waitFor();
    await k.shoot(wide, name);
    await wide.close();
  }

  async function typeUnits(n: number): Promise<void> {
    for (const digit of String(n)) await kiosk.locator(`.ct-key[data-key="${digit}"]`).click();
    await kiosk.locator(`.ct-entry[data-entry="${n}"]`).waitFor();
    await kiosk.locator('[data-action="enter"]').click();
  }

  it("starts a category count from the dashboard", async () => {
    await signInToHub(k, office, DEMO_LOGINS.manager, "/counts");
    await office.selectOption('form:has([data-action="start-category"]) select[name=category]', CATEGORY);
    await office.click('[data-action="start-category"]');
    await office.waitForURL(/\/counts\/[0-9a-f-]+$/);
    countId = new URL(office.url()).pathname.split("/").pop()!;
    lines = (await review()).lines;
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.countBy === "units")).toBe(true);
    const first = lines[0]!;
    short = { label: first.label, expected: first.snapshot, counted: Math.floor(first.snapshot * 0.8) };
    await k.shoot(office, "counts-started");
  });

  it("counts blind at the kiosk, one package short", async () => {
    await kiosk.goto(k.station);
    await signInAtKiosk(k, kiosk);
    await kiosk.goto(`${k.station}/count`);
    await kiosk.locator(`button[data-count="${countId}"]`).click();
    await kiosk.locator(`.ct[data-open="${countId}"][data-total="${lines.length}"]`).waitFor();
    for (const [i, l] of lines.entries()) {
      await k.scan(l.label);
      await kiosk.locator(`.ct-flash[data-verdict="on-list"]`, { hasText: l.label }).waitFor();
      await kiosk.locator(`.ct-pkg[data-current="${l.label}"]`).waitFor();
      if (i === 1) await shootBoth("count-package");
      await typeUnits(l.label === short.label ? short.counted : l.snapshot);
      await kiosk.locator(`.ct-lines li[data-line="${l.label}"][data-state="counted"]`).waitFor();
    }
    // A package scanned twice is amber, and a code that is no tag is refused where it was scanned.
    await k.scan(lines[1]!.label);
    await kiosk.locator('.ct-flash[data-verdict="again"]').waitFor();
    await k.scan("1A40603000021990000034");
    await kiosk.locator("[data-notice]", { hasText: "Not counted" }).waitFor();
    await shootBoth("count-refused-scan");
    // Blind: nothing on the screen says what the ledger holds.
    const html = await kiosk.content();
    expect(html).not.toMatch(/expected|on hand|ledger/i);
    for (const l of lines.filter((x) => x.label === short.label))
      expect(await kiosk.locator(`li[data-line="${l.label}"]`).innerText()).not.toContain(String(l.snapshot));
    await kiosk.locator('[data-action="submit"]').click();
    await kiosk.locator(`button[data-count="${countId}"][data-round="2"]`).waitFor({ timeout: 20_000 });
    await shootBoth("count-recount-asked");
  });

  it("refuses the recount to the coordinator who counted first, and takes it from a second one", async () => {
    await kiosk.locator(`button[data-count="${countId}"][data-round="2"]`).click();
    await kiosk.locator("[data-notice]", { hasText: "different employee" }).waitFor();
    await shootBoth("count-recount-refused");
    await k.scan("CMD:SIGN-OUT");
    const second = k.stack.store.employees.filter((e) => e.role === "coordinator")[1]!;
    await kiosk.goto(k.station);
    await signInAtKiosk(k, kiosk, second);
    await kiosk.goto(`${k.station}/count`);
    await kiosk.locator(`button[data-count="${countId}"][data-round="2"]`).click();
    await kiosk.locator(`.ct[data-open="${countId}"][data-round="2"][data-total="1"]`).waitFor();
    await k.scan(lines[2]!.label);
    await kiosk.locator("[data-notice]", { hasText: "not asked for a recount" }).waitFor();
    await k.scan(short.label);
    await kiosk.locator(`.ct-pkg[data-current="${short.label}"]`).waitFor();
    await typeUnits(short.counted);
    await kiosk.locator('[data-action="submit"]').click();
    await kiosk.locator(`button[data-count="${countId}"]`).waitFor({ state: "detached", timeout: 20_000 });
    await eventually(async () => (await review()).count.status === "review", 20_000, "the count in review");
  });

  it("is approved by the manager: the adjustment is in the ledger and in METRC", async () => {
    await office.goto(`${k.hub}/counts/${countId}`);
    const row = office.locator(`tr[data-line="${short.label}"][data-within="false"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(String(short.expected));
    await office.selectOption(`select[data-line-decision="${short.label}"]`, "adjust");
    await office.selectOption("select[name=reason]", "Inventory Count");
    await k.shoot(office, "count-review");
    await office.click('[data-action="approve"]');
    await office.locator('#ct-count[data-status="approved"]').waitFor();
    await k.shoot(office, "count-approved");
    const pkg = (await (await office.request.get(`${k.hub}/api/packages/${short.label}`)).json()) as {
      quantity: number;
    };
    expect(pkg.quantity).toBe(short.counted);
    const state = k.stack.metrc!.control.state;
    await eventually(
      () => state.adjustments.some((a) => a.label === short.label && a.reason === "Inventory Count"),
      30_000,
      "the adjustment in the METRC simulator",
    );
    const adj = state.adjustments.find((a) => a.label === short.label)!;
    expect(adj.quantity).toBeCloseTo(short.counted - short.expected);
    expect(await office.locator("#ct-count [data-accuracy]").count()).toBe(1);
  });
});
