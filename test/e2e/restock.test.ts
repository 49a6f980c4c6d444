/**
 * Restock end to end, in a real browser on the demo stack: the coordinator asks for an item at the
 * kiosk; the hub answers with its FEFO/FIFO pick list; on the pick screen a package of the item
 * that expires later is scanned first and gets the warning (banner and tone) naming the right one
 * and why; the right one is then scanned and picked; the ledger holds its move vault → sales floor
 * (`restock.pick`, source the request) and the METRC simulator the location change. Screenshots at
 * 800×480 and 1024×600 (printed folder, or E2E_SCREENSHOTS).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fefoCompare } from "#hub/restock/pick-list.js";
import { packageFromRow } from "#hub/ledger/catalog.js";
import type { Package } from "#contract/domain.js";
import { eventually } from "../support/rig.js";
import { skipWithoutBrowser } from "./support/browser.js";
import { settled, signInAtKiosk, SIZES, startKioskStack, type KioskStack } from "./support/kiosk-stack.js";

const short = (label: string) => `${label.slice(0, 3)}…${label.slice(-4)}`;

describe.skipIf(skipWithoutBrowser("restock browser test"))("restocking the floor from the kiosk", () => {
  let k: KioskStack;
  let page: Page;
  let small: Page;
  let item: { id: string; name: string };
  let order: Package[];

  beforeAll(async () => {
    k = await startKioskStack("restock");
    const rows = await k.stack.hub.db
      .selectFrom("packages")
      .selectAll()
      .where("status", "=", "active")
      .where("lab_state", "in", ["TestPassed", "RetestPassed"])
      .where("location", "not in", ["Sales Floor", "Quarantine"])
      .execute();
    const byItem = new Map<string, Package[]>();
    for (const r of rows.map(packageFromRow)) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
    // An item with two vault packages whose expiry (or packaged date) tells them apart.
    const [itemId, pkgs] = [...byItem].find(
      ([, ps]) => ps.length >= 2 && new Set(ps.map((p) => `${p.expirationDate}|${p.packagedDate}`)).size >= 2,
    )!;
    order = [...pkgs].sort(fefoCompare);
    const name = await k.stack.hub.db
      .selectFrom("items")
      .select("name")
      .where("id", "=", itemId)
      .executeTakeFirstOrThrow();
    item = { id: itemId, name: name.name };
    page = await k.page(SIZES[1]);
    small = await k.page(SIZES[0]);
    await page.goto(k.station);
    await signInAtKiosk(k, page);
  });
  afterAll(async () => {
    await k?.stop();
  });

  it("asks for a restock at the kiosk and gets the hub's pick list", async () => {
    await page.goto(`${k.station}/restock/ask`);
    await page.selectOption("select[name=itemId]", item.id);
    await page.locator(".rs-qty-btn", { hasText: /^\s*1\s*$/ }).click();
    await page.locator("[data-action=send-ask]").click();
    await page.locator("[data-sent]").waitFor();
    await k.shoot(page, "restock-asked");
    await page.goto(`${k.station}/restock`);
    const request = page.locator(".rs-request[data-request]", { hasText: item.name });
    await request.waitFor({ timeout: 20_000 });
    await k.shoot(page, "restock-requests");
    await small.goto(`${k.station}/restock`);
    await small.locator(".rs-request[data-request]").first().waitFor();
    await k.shoot(small, "restock-requests");
    await settled(page);
    await request.click();
    await page.locator(".rs-open").waitFor();
    const listed = await page.locator(".rs-pick[data-state=next]").getAttribute("data-pick");
    expect(listed).toBe(order[0]!.label);
    expect(await page.locator(".rs-pick-next .rs-loc").innerText()).toBe(order[0]!.location);
  });

  it("warns on a later package of the item, naming the right one and why, and takes nothing", async () => {
    const wrong = order[1]!;
    const scan = await k.scan(wrong.label);
    expect(scan.payload.workflow).toBe("restock");
    const verdict = page.locator(".rs-verdict[data-verdict=warn]");
    await verdict.waitFor();
    const text = await verdict.innerText();
    expect(text).toContain(`take ${short(order[0]!.label)} first`);
    expect(text).toMatch(
      order[0]!.expirationDate !== wrong.expirationDate
        ? /expires .* days before this one/
        : /packaged .* before this one/,
    );
    expect(await page.locator("#kiosk-banner .banner-error").innerText()).toContain(short(order[0]!.label));
    expect(await page.locator(".rs-verdict audio").getAttribute("src")).toBe("/restock/tone/warn.wav");
    await k.shoot(page, "restock-wrong-scan");
    await small.reload();
    await small.locator(".rs-open").waitFor();
    await k.shoot(small, "restock-pick-list");
    const moves = await k.stack.hub.db
      .selectFrom("movements")
      .selectAll()
      .where("reason", "=", "restock.pick")
      .execute();
    expect(moves).toEqual([]);
  });

  it("picks the right package: moved in the ledger and in the METRC simulator", async () => {
    const right = order[0]!;
    await k.scan(right.label);
    await page.locator(`.rs-verdict[data-verdict=ok][data-label="${right.label}"]`).waitFor();
    await k.shoot(page, "restock-picked");
    await settled(page);
    await page.locator("[data-action=finish]").click();
    await page.locator(".rs-list").waitFor();
    const picks = () =>
      k.stack.hub.db.selectFrom("movements").selectAll().where("reason", "=", "restock.pick").execute();
    await eventually(async () => (await picks()).length > 0, 20_000, "the pick's movement in the ledger");
    const [move] = await picks();
    expect(move).toMatchObject({
      label: right.label,
      from_location: right.location,
      to_location: "Sales Floor",
      source_kind: "restock",
    });
    // The pick and the kiosk's "finished" are two events; the request completes when the second one lands.
    const request = () =>
      k.stack.hub.db
        .selectFrom("restock_requests")
        .selectAll()
        .where("id", "=", move!.source_ref!)
        .executeTakeFirstOrThrow();
    await eventually(async () => (await request()).status === "completed", 20_000, "the request completed");
    expect(await request()).toMatchObject({ origin: "kiosk", status: "completed" });
    await eventually(
      () => k.stack.metrc!.control.state.packages.get(right.label)?.location === "Sales Floor",
      30_000,
      "the location change in the METRC simulator",
    );
  });
});
