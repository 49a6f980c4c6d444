import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "#hub/config.js";
import type { SiteAccessEnv } from "#hub/sites/access.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import { fixedClock, seedPosCatalog, T1 } from "#hub/testing/pos-kit.js";
import { twoSitesEnv } from "#hub/testing/sites-kit.js";
import { posSlice } from "./config.js";
import { salesOfDay } from "./queries.js";
import { posApi } from "./routes.js";

const HEAD = "receipt_id,line_id,completed_at,package_label,sku,quantity,unit,total,voided\n";
/** A late-evening sale in California (00:40 the next day in Colorado) and a SKU-only line. */
const file = (prefix: string) =>
  `${HEAD}${prefix}-1,1,2026-10-31T23:40:00-07:00,${T1},,1,ea,18.00,false\n${prefix}-2,1,2026-10-31T12:00:00-07:00,,item-001,1,Each,18.00,false\n`;

describe("POS import on a hub with two sites", () => {
  let ledger: TestLedger;
  let app: Hono<SiteAccessEnv>;
  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    // Only Oakland's catalog holds the SKU's packages.
    await seedPosCatalog(ledger.db, "oakland");
    app = new Hono<SiteAccessEnv>();
    // Stands in for the logins' middleware: a login limited to the sites in x-sites.
    app.use("*", async (c, next) => {
      const limit = c.req.header("x-sites");
      if (limit) c.set("siteAccess", limit.split(","));
      await next();
    });
    app.route(
      "/api/pos",
      posApi({ db: ledger.db, clock: fixedClock, pos: posSlice(loadConfig({ HUB_SITES: twoSitesEnv() })) }),
    );
  });
  afterAll(async () => ledger.dispose());

  const upload = (site: string, text: string, headers: Record<string, string> = {}) =>
    app.request(`/api/pos/imports?format=csv&file=sales.csv&site=${site}`, {
      method: "POST",
      body: text,
      headers: { "content-type": "text/csv", ...headers },
    });

  it("takes each site's time zone for business days and its own packages for FIFO", async () => {
    expect((await upload("oakland", file("OAK"))).status).toBe(200);
    expect((await upload("denver", file("DEN"))).status).toBe(200);
    const oak = await salesOfDay(ledger.db, { site: "oakland", day: "2026-10-31" });
    expect(oak.map((s) => [s.receiptId, s.packageLabel, s.attributed])).toEqual([
      ["OAK-2", expect.any(String), true],
      ["OAK-1", T1, false],
    ]);
    expect(
      (await salesOfDay(ledger.db, { site: "denver", day: "2026-10-31" })).map((s) => [s.receiptId, s.packageLabel]),
    ).toEqual([["DEN-2", null]]);
    expect((await salesOfDay(ledger.db, { site: "denver", day: "2026-11-01" })).map((s) => s.receiptId)).toEqual([
      "DEN-1",
    ]);
  });

  it("refuses a site the hub does not serve, and another site's import or list for a limited login", async () => {
    const boulder = await upload("boulder", file("BOU"));
    expect([boulder.status, await boulder.json()]).toEqual([
      400,
      { error: 'site "boulder" is not served by this hub (its sites: oakland, denver)' },
    ]);
    const other = await upload("denver", file("DEN2"), { "x-sites": "oakland" });
    expect([other.status, await other.json()]).toEqual([
      403,
      { error: 'this sign-in may not see site "denver" (it is limited to oakland)' },
    ]);
    expect(
      await ledger.db.selectFrom("pos_sales").select("receipt_id").where("receipt_id", "like", "DEN2-%").execute(),
    ).toEqual([]);
    const listed = (await (await app.request("/api/pos/imports", { headers: { "x-sites": "oakland" } })).json()) as {
      imports: Array<{ siteId: string }>;
    };
    expect(listed.imports.map((i) => i.siteId)).toEqual(["oakland"]);
    const sales = await app.request("/api/pos/sales?date=2026-11-01&site=denver", {
      headers: { "x-sites": "oakland" },
    });
    expect(sales.status).toBe(403);
  });
});
