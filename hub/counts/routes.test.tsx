import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLog } from "#hub/log.js";
import { singleSite } from "#hub/sites/directory.js";
import { countEvent, seedCountSite } from "#hub/testing/counts-kit.js";
import { openTestLedger, testDialects, TEST_SITE, type TestLedger } from "#hub/testing/ledger.js";
import { defaultCountsConfig } from "./config.js";
import type { CountReview } from "./queries.js";
import { countsApi, countsPages } from "./routes.js";
import { createCountsRunner, type CountsRunner } from "./service.js";

const dialects = await testDialects();

describe.each(dialects)("counts routes (%s)", (dialect) => {
  let ledger: TestLedger;
  let runner: CountsRunner;
  let labels: string[];
  /** The app as a login limited to `sites` sees it (null: every site). */
  const app = (sites: readonly string[] | null = null) =>
    new Hono()
      .use(async (c, next) => {
        c.set("siteAccess" as never, sites as never);
        await next();
      })
      .route("/counts", countsPages({ db: ledger.db, sites: singleSite(), runner }))
      .route("/api/counts", countsApi({ db: ledger.db, sites: singleSite() }));
  const form = (body: Record<string, string>) => ({ method: "POST", body: new URLSearchParams(body) });

  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    labels = await seedCountSite(ledger.db, TEST_SITE, 4);
    await ledger.db
      .insertInto("ss_adjustment_reasons")
      .values({ site_id: TEST_SITE, name: "Inventory Count", requires_note: 0, requires_waste_weight: 0 } as never)
      .execute();
    runner = createCountsRunner({
      db: ledger.db,
      log: silentLog(),
      clock: { now: () => Date.parse("2026-12-01T17:00:00.000Z") },
      sites: singleSite(),
      cfg: { ...defaultCountsConfig, autoSchedule: false },
      publish: async () => undefined,
    });
  });
  afterAll(async () => ledger.dispose());

  it("starts a count from the form and shows it, refusing a bad kind with the reason", async () => {
    expect((await app().request("/counts/start", form({ kind: "everything" }))).status).toBe(400);
    const bad = await app().request("/counts/start", form({ kind: "category", category: "topical" }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Not started: no package on hand to count");
    const res = await app().request("/counts/start", form({ kind: "full", station: "vault-1" }));
    expect(res.status).toBe(303);
    const id = res.headers.get("location")!.split("/").pop()!;
    const page = await (await app().request(`/counts/${id}`)).text();
    expect(page).toContain('data-status="counting"');
    for (const l of labels) expect(page).toContain(`data-line="${l}"`);
    const list = await (await app().request("/counts")).text();
    expect(list).toContain(`data-count="${id}"`);
    expect(list).toContain("Full count");
  });

  it("approves a counted count with the state's reason, and refuses another reason or a second approval", async () => {
    const started = await runner.start(TEST_SITE, { kind: "category", category: "vape", by: "emp-mgr" });
    if (!started.ok) throw new Error(started.reason);
    const id = started.countId;
    runner.eventsStored([countEvent(id, labels[0]!, 24, { round: 1, roundLines: 1 })]);
    await runner.settled();
    const wrong = await app().request(`/counts/${id}/approve`, form({ reason: "Because" }));
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("is not one of the state system");
    expect((await app().request(`/counts/${id}/approve`, form({ reason: "Inventory Count" }))).status).toBe(303);
    const again = await app().request(`/counts/${id}/approve`, form({ reason: "Inventory Count" }));
    expect(again.status).toBe(409);
    const review = (await (await app().request(`/api/counts/${id}`)).json()) as CountReview;
    expect(review.count).toMatchObject({ status: "approved", accuracy: 1 });
    expect(await (await app().request("/counts")).text()).toContain("Inventory record accuracy over the last");
  });

  it("refuses another site's login with the reason, and unknown or malformed counts", async () => {
    const other = await app(["denver"]).request("/counts?site=default");
    expect(other.status).toBe(403);
    expect(await other.text()).toContain("this sign-in may not see site");
    expect((await app(["denver"]).request("/api/counts?site=default")).status).toBe(403);
    expect((await app(["denver"]).request("/counts/start?site=default", form({ kind: "full" }))).status).toBe(403);
    expect((await app().request("/api/counts/no-such-count")).status).toBe(404);
    expect((await app().request("/api/counts/bad%20id")).status).toBe(400);
  });
});
