import { Hono } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueWrite, transition } from "#hub/statesystem/store/queue.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { twoSites } from "#hub/testing/sites-kit.js";
import type { InvestigationsService } from "#hub/modules.js";
import { Layout } from "#hub/web/views/layout.js";
import { chainRoutes } from "./routes.js";

const dialects = await testDialects();
const NOW = Date.parse("2026-11-27T18:00:00Z");

/** A stand-in investigations service: Oakland has 3 open cases, Denver none; it records the days asked for. */
function fakeInvestigations(days: string[]): InvestigationsService {
  return {
    open: () => Promise.resolve([]),
    daySummary: (site, day) => {
      days.push(`${site}:${day}`);
      return Promise.resolve({
        opened: 0,
        resolved: 0,
        open: site === "oakland" ? 3 : 0,
        escalated: site === "oakland" ? 1 : 0,
      });
    },
  };
}

describe.each(dialects)("the chain view (%s)", (dialect) => {
  let ledger: TestLedger;
  const days: string[] = [];
  const app = (access: string[] | null, withInvestigations = true) =>
    new Hono<{ Variables: { siteAccess: string[] | null } }>()
      .use("*", async (c, next) => {
        c.set("siteAccess", access);
        await next();
      })
      .use(
        "*",
        jsxRenderer(({ children }) => <Layout title="Chain">{children}</Layout>, { docType: true }),
      )
      .route(
        "/chain",
        chainRoutes({
          db: ledger.db,
          sites: twoSites(),
          clock: { now: () => NOW },
          investigations: withInvestigations ? fakeInvestigations(days) : undefined,
        }),
      );

  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    const at = new Date(NOW - 3_600_000).toISOString();
    await ledger.db
      .insertInto("stations")
      .values([
        { id: "oak-1", site_id: "oakland", online: 1, last_seen: at, status: "{}" },
        { id: "oak-2", site_id: "oakland", online: 0, last_seen: at, status: "{}" },
        { id: "den-1", site_id: "denver", online: 0, last_seen: at, status: "{}" },
      ])
      .execute();
    const write = { kind: "note" as const, label: "1A4060300012B7C000003001", note: "x" };
    const id = await enqueueWrite(ledger.db, "denver", write, { at: new Date(NOW) });
    await transition(ledger.db, id, ["pending"], { state: "failed", updated_at: new Date(NOW).toISOString() });
    await enqueueWrite(ledger.db, "denver", write, { at: new Date(NOW) });
  });
  afterAll(async () => {
    await ledger.dispose();
  });

  it("shows every site's open variances, failed writes and stations offline", async () => {
    const res = await app(null).request("/chain?format=json");
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      sites: {
        id: string;
        failedWrites: number;
        openWrites: number;
        offline: { id: string }[];
        investigations: { open: number };
      }[];
    };
    expect(body.sites.map((s) => s.id)).toEqual(["oakland", "denver"]);
    const [oak, den] = body.sites;
    expect(oak).toMatchObject({ failedWrites: 0, openWrites: 0, investigations: { open: 3 } });
    expect(oak!.offline.map((s) => s.id)).toEqual(["oak-2"]);
    expect(den).toMatchObject({ failedWrites: 1, openWrites: 1, investigations: { open: 0 } });
    expect(den!.offline.map((s) => s.id)).toEqual(["den-1"]);
    // Each site's "today" is its own facility-local day (18:00 UTC is 11:00 in both zones).
    expect(days).toContain("oakland:2026-11-27");
    expect(days).toContain("denver:2026-11-27");
  });

  it("renders the page, with each offline station's last time in its site's zone", async () => {
    const html = await (await app(null).request("/chain")).text();
    expect(html).toContain("Green Leaf Denver");
    expect(html).toContain("3 open");
    expect(html).toContain("1 failed");
    expect(html).toContain("1 of 2 offline");
  });

  it("shows a limited sign-in only its sites and refuses another with the reason", async () => {
    const body = (await (await app(["denver"]).request("/chain?format=json")).json()) as { sites: { id: string }[] };
    expect(body.sites.map((s) => s.id)).toEqual(["denver"]);
    const refused = await app(["denver"]).request("/chain?site=oakland");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("may not see site");
  });

  it("says so when the investigations module is not installed", async () => {
    const html = await (await app(null, false).request("/chain")).text();
    expect(html).toContain("Variance investigations are not installed");
  });
});
