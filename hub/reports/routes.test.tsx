/**
 * The reports over HTTP behind the real logins: the JSON and CSV surfaces, refusals with their
 * reasons (bad date, bad days, unknown site, another site's data, a read-only sign-in, a
 * budtender), the printable end-of-day page (live, then kept) and the streamed builds.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Hono } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#contract/domain.js";
import { createHubAuth } from "#hub/auth/index.js";
import { SiteDirectory } from "#hub/sites/directory.js";
import { addEmployee, capturingLog, ORIGIN, signIn, TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { FakeClock } from "#hub/testing/clock.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import {
  fakeCounts,
  fakeInvestigations,
  KIT_DAY,
  KIT_NOW,
  KIT_SITE,
  KIT_TZ,
  seedReportKit,
} from "#hub/testing/report-kit.js";
import { Layout } from "#hub/web/views/layout.js";
import { KeptReports } from "./kept-reports.js";
import { reportsApi, reportsPages } from "./routes.js";
import { createReportsService, type ReportsService } from "./service.js";

const PASSWORD = "correct horse battery";
const roles: Role[] = ["budtender", "manager", "auditor"];
const sites = new SiteDirectory(
  [
    {
      id: KIT_SITE,
      name: "Green Leaf Oakland",
      license: "C10-0000123-LIC",
      timeZone: KIT_TZ,
      stateSystem: { kind: "simulator" },
    },
    { id: "denver", license: "402R-00042", timeZone: "America/Denver", stateSystem: { kind: "simulator" } },
  ],
  true,
);

describe("reports over HTTP", () => {
  let ledger: TestLedger;
  let app: Hono;
  let service: ReportsService;
  const dir = mkdtempSync(path.join(tmpdir(), "vaultline-reports-"));
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    await seedReportKit(ledger.db);
    const clock = new FakeClock(KIT_NOW);
    const auth = createHubAuth({
      db: ledger.db,
      log: capturingLog().log,
      https: false,
      clock,
      passwordCost: TEST_PASSWORD_COST,
    });
    const kept = new KeptReports(dir);
    service = createReportsService({
      db: ledger.db,
      sites,
      clock,
      kept,
      counts: fakeCounts,
      investigations: fakeInvestigations,
    });
    const deps = { db: ledger.db, sites, service, kept, now: () => clock.now() };
    app = new Hono();
    app.use("*", auth.middleware);
    app.route("/", auth.routes);
    app.use(
      "*",
      jsxRenderer(({ children }) => <Layout title="Dashboard">{children}</Layout>, { docType: true }),
    );
    app.route("/reports", reportsPages(deps)).route("/api/reports", reportsApi(deps));
    for (const role of [...roles, "denver-manager"]) {
      await addEmployee(ledger.db, `e-${role}`, role === "denver-manager" ? "manager" : (role as Role));
      await auth.service.setPassword(`e-${role}`, role, PASSWORD);
      const s = await signIn(app, role, PASSWORD);
      sessions.set(role, { cookie: s.cookie, csrf: s.csrf });
    }
    // Limiting a login's sites ends its sessions: sign in again.
    await auth.service.setSites("e-denver-manager", ["denver"]);
    const limited = await signIn(app, "denver-manager", PASSWORD);
    sessions.set("denver-manager", { cookie: limited.cookie, csrf: limited.csrf });
  });
  afterAll(async () => {
    await ledger.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (who: string, url: string) => {
    const s = sessions.get(who)!;
    return app.request(`${ORIGIN}${url}`, { headers: { origin: ORIGIN, cookie: s.cookie } });
  };
  const put = (who: string, url: string, body: unknown) => {
    const s = sessions.get(who)!;
    return app.request(`${ORIGIN}${url}`, {
      method: "PUT",
      headers: { origin: ORIGIN, cookie: s.cookie, "X-CSRF-Token": s.csrf, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  };
  const q = `site=${KIT_SITE}`;

  it("answers the end-of-day JSON with exactly its keys", async () => {
    const res = await get("manager", `/api/reports/end-of-day?date=${KIT_DAY}&${q}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      "date",
      "site",
      "sales",
      "receiving",
      "variances",
      "counts",
      "door",
      "stateSystem",
    ]);
    expect(body).toMatchObject({
      date: KIT_DAY,
      site: KIT_SITE,
      sales: { units: 3, value: 220, byCategory: [{ category: "flower", units: 3, value: 220 }] },
    });
  });

  it("refuses bad input and other sites with the reason", async () => {
    const cases: Array<[string, string, number, RegExp]> = [
      ["manager", `/api/reports/end-of-day?${q}`, 400, /date is required/],
      ["manager", `/api/reports/end-of-day?date=2026-02-30&${q}`, 400, /not a YYYY-MM-DD calendar date/],
      ["manager", `/api/reports/end-of-day?date=${KIT_DAY}`, 400, /per site: ask with \?site=/],
      ["manager", `/api/reports/end-of-day?date=2026-11-04&${q}`, 400, /after the facility's today \(2026-11-03\)/],
      ["manager", `/api/reports/end-of-day?date=${KIT_DAY}&site=nowhere`, 404, /nowhere/],
      ["denver-manager", `/api/reports/end-of-day?date=${KIT_DAY}&${q}`, 403, /limited to denver/],
      ["manager", `/api/reports/velocity?days=0&${q}`, 400, /whole number of days from 1 to 366/],
      ["manager", `/api/reports/velocity?days=7.5&${q}`, 400, /whole number/],
      ["budtender", `/api/reports/velocity?${q}`, 403, /budtender/],
    ];
    for (const [who, url, status, reason] of cases) {
      const res = await get(who, url);
      expect(res.status, url).toBe(status);
      expect(await res.text(), url).toMatch(reason);
    }
  });

  it("gives velocity as JSON and as CSV for purchasing", async () => {
    const res = await get("manager", `/api/reports/velocity?days=7&${q}`);
    const body = (await res.json()) as { days: number; items: Array<Record<string, unknown>> };
    expect(body.days).toBe(7);
    expect(body.items.find((i) => i.item === "item-a")).toMatchObject({
      site: KIT_SITE,
      unitsPerDay: 0.429,
      onHand: 29,
      daysOfSupply: 67.7,
    });
    const csv = await get("manager", `/api/reports/velocity?days=7&${q}&format=csv`);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^site,item,name,/);
  });

  it("lets managers set reorder settings and refuses auditors as read-only", async () => {
    const setting = { site: KIT_SITE, scope: "vendor", ref: "Coastal", leadTimeDays: 10, safetyDays: 5 };
    const refused = await put("auditor", "/api/reports/reorder-settings", setting);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/this sign-in is read-only/);
    const bad = await put("manager", "/api/reports/reorder-settings", { ...setting, leadTimeDays: -1 });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/leadTimeDays/);
    const ok = await put("manager", "/api/reports/reorder-settings", setting);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ settings: [{ scope: "vendor", ref: "Coastal", leadTimeDays: 10 }] });
  });

  it("prints the end-of-day page, built live until the day's report is kept", async () => {
    const live = await (await get("auditor", `/reports/end-of-day?date=${KIT_DAY}&${q}`)).text();
    expect(live).toContain("@page");
    expect(live).toContain("not kept yet");
    expect(live).toMatch(/id="eod-door"/);
    await service.keepEndOfDay(KIT_SITE, KIT_DAY);
    const kept = await (await get("auditor", `/reports/end-of-day?date=${KIT_DAY}&${q}`)).text();
    expect(kept).toContain("after the day closed: printed as it was kept");
    const res = await get("auditor", `/reports/end-of-day?date=nope&${q}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("not a YYYY-MM-DD calendar date");
  });

  it("streams a long build: progress first, then the report", async () => {
    const res = await get("manager", `/reports/velocity/stream?days=30`);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await res.text();
    expect(text.indexOf("event: progress")).toBeGreaterThanOrEqual(0);
    expect(text.indexOf("event: progress")).toBeLessThan(text.indexOf("event: done"));
    expect(text).toContain('data-site="denver"');
    const page = await (await get("manager", `/reports/velocity?days=90&${q}`)).text();
    expect(page).toContain('sse-connect="/reports/velocity/stream?days=90&amp;site=');
    const shrink = await (await get("manager", `/reports/shrinkage/stream?days=7&${q}`)).text();
    expect(shrink).toContain("event: done");
    expect(shrink).toContain("<svg");
  });
});
