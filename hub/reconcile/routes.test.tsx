/**
 * /reconciliation and /api/reconciliations over HTTP: the page by role (Run now for coordinators
 * and managers, read only for auditors, nothing for budtenders), the API's answers (the latest
 * run, 404 none, 400 a bad date), and a login limited to one site of two refused the other (403).
 */
import { Hono } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#contract/domain.js";
import { createHubAuth } from "#hub/auth/index.js";
import { listAudit } from "#hub/ledger/audit.js";
import { silentLog } from "#hub/log.js";
import type { InvestigationsService } from "#hub/modules.js";
import type { SiteAccessEnv } from "#hub/sites/access.js";
import { singleSite } from "#hub/sites/directory.js";
import { addEmployee, formPost, ORIGIN, signIn, TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { FakeClock } from "#hub/testing/clock.js";
import { openTestLedger, TEST_SITE, type TestLedger } from "#hub/testing/ledger.js";
import { insertPosSales, ledgerPackage, seedLedgerPackages, seedStatePackages } from "#hub/testing/reconcile-kit.js";
import { twoSites } from "#hub/testing/sites-kit.js";
import { Layout } from "#hub/web/views/layout.js";
import { reconciliationApi, reconciliationPages, type ReconcileRoutesDeps } from "./routes.js";
import { reconcileDay } from "./service.js";

const PASSWORD = "correct horse battery";
const roles: Role[] = ["coordinator", "budtender", "manager", "auditor", "admin"];
const SOLD = "1A4060300012B7C000006001";
/** 2026-11-02 10:00 in Oakland: yesterday is the 1st. */
const NOW = Date.parse("2026-11-02T18:00:00Z");

const investigations: InvestigationsService = {
  open: async (vs) => vs.map((v) => ({ caseId: `case-${v.class}`, joined: false })),
  daySummary: async () => ({ opened: 0, resolved: 0, open: 0, escalated: 0 }),
};

function routeDeps(ledger: TestLedger, sites: ReconcileRoutesDeps["sites"]): ReconcileRoutesDeps {
  const clock = { now: () => NOW };
  return {
    db: ledger.db,
    sites,
    clock,
    run: (req) => reconcileDay({ db: ledger.db, log: silentLog(), clock, investigations }, req),
  };
}

async function seedSale(ledger: TestLedger, site: string) {
  await seedLedgerPackages(ledger.db, site, [ledgerPackage(SOLD)]);
  await seedStatePackages(ledger.db, site, [{ label: SOLD }]);
  await insertPosSales(ledger.db, site, [
    { receiptId: `r-${site}`, at: "2026-11-01T20:00:00.000Z", day: "2026-11-01", label: SOLD, quantity: 1 },
  ]);
}

describe("reconciliation over HTTP", () => {
  let ledger: TestLedger;
  let app: Hono;
  const sessions = new Map<Role, { cookie: string; csrf: string }>();
  const get = (role: Role, path: string) =>
    app.request(`${ORIGIN}${path}`, { headers: { cookie: sessions.get(role)!.cookie } });
  const post = (role: Role, path: string, fields: Record<string, string>) =>
    formPost(app, path, sessions.get(role)!.cookie, { ...fields, _csrf: sessions.get(role)!.csrf });

  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    await seedSale(ledger, TEST_SITE);
    const auth = createHubAuth({
      db: ledger.db,
      log: silentLog(),
      https: false,
      clock: new FakeClock(),
      passwordCost: TEST_PASSWORD_COST,
    });
    app = new Hono();
    app.use("*", auth.middleware);
    app.route("/", auth.routes);
    app.use(
      "*",
      jsxRenderer(({ children }) => <Layout title="Dashboard">{children}</Layout>, { docType: true }),
    );
    const deps = routeDeps(ledger, singleSite());
    app.route("/reconciliation", reconciliationPages(deps)).route("/api/reconciliations", reconciliationApi(deps));
    for (const role of roles) {
      await addEmployee(ledger.db, `e-${role}`, role);
      await auth.service.setPassword(`e-${role}`, role, PASSWORD);
      const s = await signIn(app, role, PASSWORD);
      sessions.set(role, { cookie: s.cookie, csrf: s.csrf });
    }
  });
  afterAll(async () => ledger.dispose());

  it("shows yesterday (facility time) with no run yet, and answers 404 for it in the API", async () => {
    const page = await get("manager", "/reconciliation");
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Reconciliation of 2026-11-01");
    expect(html).toContain("No run of 2026-11-01 yet.");
    const none = await get("manager", "/api/reconciliations/2026-11-01");
    expect([none.status, await none.json()]).toEqual([
      404,
      { error: 'no reconciliation of 2026-11-01 at site "default" yet' },
    ]);
  });

  it("Run now by a coordinator stores a run (audited) and shows its summary, lines, case and package links", async () => {
    const res = await post("coordinator", "/reconciliation/run", { site: TEST_SITE, date: "2026-11-01" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/reconciliation?site=${TEST_SITE}&date=2026-11-01`);
    const html = await (await get("coordinator", res.headers.get("location")!)).text();
    expect(html).toContain("1 difference");
    expect(html).toContain('id="sold-not-reported"');
    expect(html).toContain(`href="/packages/${SOLD}?site=${TEST_SITE}"`);
    expect(html).toContain('href="/investigations/case-sold-not-reported"');
    expect(html).toContain(">Run now</button>");
    const audit = (await listAudit(ledger.db)).filter((e) => e.action === "reconcile.run");
    expect(audit.map((e) => e.actor)).toEqual(["e-coordinator"]);
  });

  it("answers the latest run as the CLI prints it; a second run is the latest, the first is listed", async () => {
    const first = (await (await get("auditor", "/api/reconciliations/2026-11-01")).json()) as { runId: string };
    expect(Object.keys(first)).toEqual(["date", "site", "runId", "summary", "lines"]);
    expect(first).toMatchObject({
      date: "2026-11-01",
      site: TEST_SITE,
      lines: [{ label: SOLD, class: "sold-not-reported", pos: 1 }],
    });
    await post("manager", "/reconciliation/run", { site: TEST_SITE, date: "2026-11-01" });
    const latest = (await (await get("auditor", "/api/reconciliations/2026-11-01?site=default")).json()) as {
      runId: string;
    };
    expect(latest.runId).not.toBe(first.runId);
    const html = await (await get("auditor", "/reconciliation?date=2026-11-01")).text();
    expect(html).toContain(`run=${first.runId}`);
    const earlier = await (await get("auditor", `/reconciliation?date=2026-11-01&run=${first.runId}`)).text();
    expect(earlier).toContain("Earlier run");
  });

  it("auditors read without Run now and are refused a run; budtenders may not read", async () => {
    const html = await (await get("auditor", "/reconciliation")).text();
    expect(html).not.toContain(">Run now</button>");
    expect(html).toContain("running them is for coordinators and managers");
    const refused = await post("auditor", "/reconciliation/run", { site: TEST_SITE, date: "2026-11-01" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("this sign-in is read-only");
    expect((await get("budtender", "/reconciliation")).status).toBe(403);
    expect((await get("budtender", "/api/reconciliations/2026-11-01")).status).toBe(403);
  });

  it("refuses a bad date: 400 with the reason in the API and on the page", async () => {
    const bad = await get("manager", "/api/reconciliations/2026-02-30");
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { error: 'date must be a business day like 2026-11-01, not "2026-02-30"' },
    ]);
    const page = await get("manager", "/reconciliation?date=tomorrow");
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("not &quot;tomorrow&quot;");
    const run = await post("manager", "/reconciliation/run", { site: TEST_SITE, date: "11/01/2026" });
    expect(run.status).toBe(400);
    expect(await run.text()).toContain("not &quot;11/01/2026&quot;");
  });
});

describe("reconciliation on a hub with two sites", () => {
  let ledger: TestLedger;
  let app: Hono<SiteAccessEnv>;
  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    await seedSale(ledger, "oakland");
    await seedSale(ledger, "denver");
    app = new Hono<SiteAccessEnv>();
    // Stands in for the logins' middleware: a login limited to the sites in x-sites.
    app.use("*", async (c, next) => {
      const limit = c.req.header("x-sites");
      if (limit) c.set("siteAccess", limit.split(","));
      await next();
    });
    app.route("/api/reconciliations", reconciliationApi(routeDeps(ledger, twoSites())));
  });
  afterAll(async () => ledger.dispose());

  it("runs and answers each site's own day; a login limited to Oakland is refused Denver (403), an unknown site 404", async () => {
    const ran = await app.request("/api/reconciliations/2026-11-01?site=denver", { method: "POST" });
    expect(ran.status).toBe(201);
    expect(await ran.json()).toMatchObject({ site: "denver", lines: [{ label: SOLD, class: "sold-not-reported" }] });
    const refused = await app.request("/api/reconciliations/2026-11-01?site=denver", {
      headers: { "x-sites": "oakland" },
    });
    expect([refused.status, await refused.json()]).toEqual([
      403,
      { error: 'this sign-in may not see site "denver" (it is limited to oakland)' },
    ]);
    const runRefused = await app.request("/api/reconciliations/2026-11-01?site=denver", {
      method: "POST",
      headers: { "x-sites": "oakland" },
    });
    expect(runRefused.status).toBe(403);
    expect((await app.request("/api/reconciliations/2026-11-01?site=boulder")).status).toBe(404);
    const own = await app.request("/api/reconciliations/2026-11-01", { headers: { "x-sites": "oakland" } });
    expect(own.status).toBe(404);
    expect(await own.json()).toEqual({ error: 'no reconciliation of 2026-11-01 at site "oakland" yet' });
  });
});
