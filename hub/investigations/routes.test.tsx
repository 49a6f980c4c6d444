import { Hono } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#contract/domain.js";
import { createHubAuth } from "#hub/auth/index.js";
import { listAudit } from "#hub/ledger/audit.js";
import { addEmployee, capturingLog, ORIGIN, signIn, TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { FakeClock } from "#hub/testing/clock.js";
import {
  investigationsFor,
  L_EACH,
  L_GRAMS,
  SITES,
  seedInvestigations,
  variance,
} from "#hub/testing/investigations-kit.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { Layout } from "#hub/web/views/layout.js";
import { investigationPages, investigationsApi, packageTimelineRoutes } from "./routes.js";

const PASSWORD = "correct horse battery";
const roles: Role[] = ["coordinator", "budtender", "manager", "auditor", "admin"];

describe.each(await testDialects())("investigations over HTTP (%s)", (dialect) => {
  let ledger: TestLedger;
  let app: Hono;
  let kit: ReturnType<typeof investigationsFor>;
  let caseId: string;
  let gramsCase: string;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedInvestigations(ledger.db);
    const auth = createHubAuth({
      db: ledger.db,
      log: capturingLog().log,
      https: false,
      clock: new FakeClock(),
      passwordCost: TEST_PASSWORD_COST,
    });
    kit = investigationsFor(ledger.db);
    const deps = { db: ledger.db, sites: SITES, service: kit.service, clock: kit.clock };
    app = new Hono();
    app.use("*", auth.middleware);
    app.route("/", auth.routes);
    app.use(
      "*",
      jsxRenderer(({ children }) => <Layout title="Dashboard">{children}</Layout>, { docType: true }),
    );
    app
      .route("/investigations", investigationPages(deps))
      .route("/api/investigations", investigationsApi(deps))
      .route("/packages", packageTimelineRoutes(deps));
    for (const role of roles) {
      await addEmployee(ledger.db, `r-${role}`, role);
      await auth.service.setPassword(`r-${role}`, role, PASSWORD);
      sessions.set(role, await signIn(app, role, PASSWORD));
    }
    await addEmployee(ledger.db, "r-far", "coordinator");
    await auth.service.setPassword("r-far", "far", PASSWORD, { sites: ["elsewhere"] });
    sessions.set("far", await signIn(app, "far", PASSWORD));
    const opened = await kit.service.open(
      [variance(), variance({ label: L_GRAMS, class: "not-in-vault" })],
      "reconcile",
    );
    [caseId, gramsCase] = opened.map((o) => o.caseId) as [string, string];
  });
  afterAll(async () => ledger.dispose());

  const get = (who: string, path: string, headers: Record<string, string> = {}) =>
    app.request(`${ORIGIN}${path}`, { headers: { cookie: sessions.get(who)!.cookie, ...headers } });
  const post = (who: string, path: string, fields: Record<string, string> = {}) => {
    const s = sessions.get(who)!;
    return app.request(`${ORIGIN}${path}`, {
      method: "POST",
      headers: {
        origin: ORIGIN,
        cookie: s.cookie,
        "X-CSRF-Token": s.csrf,
        "HX-Request": "true",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(fields),
    });
  };
  const message = async (res: Response) =>
    /class="inv-message [a-z]+"[^>]*>([^<]*)</.exec(await res.text())?.[1]?.replaceAll("&quot;", '"');

  it("lists open cases and shows the case page with its forms and the package timeline to the coordinator", async () => {
    const list = await get("coordinator", "/investigations");
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain(`href="/investigations/${caseId}"`);
    expect(html).toContain(`href="/investigations/${gramsCase}"`);
    const page = await get("coordinator", `/investigations/${caseId}`);
    const body = await page.text();
    expect(page.status).toBe(200);
    for (const form of ["root-cause", "close", "assign", "note", "evidence", "adjustment", "receipt"])
      expect(body, form).toContain(`data-form="${form}"`);
    expect(body).toContain('class="timeline"');
    expect(body).not.toContain('data-form="approve"');
  });

  it("refuses closing without a root cause with the reason, then closes once it is documented", async () => {
    const before = (await listAudit(ledger.db)).length;
    const refused = await post("coordinator", `/investigations/${gramsCase}/close`);
    expect(refused.status).toBe(422);
    expect(await message(refused)).toBe("document the root cause before closing the investigation");
    expect((await listAudit(ledger.db)).length).toBe(before);
    expect(
      await message(await post("coordinator", `/investigations/${gramsCase}/root-cause`, { cause: "vendor" })),
    ).toBe("Root cause documented.");
    const closed = await post("coordinator", `/investigations/${gramsCase}/close`);
    expect(closed.status).toBe(200);
    expect(await message(closed)).toBe("Investigation closed.");
    expect(await (await get("coordinator", "/investigations?status=closed")).text()).toContain(gramsCase);
  });

  it("holds a large adjustment for a manager: the coordinator cannot approve it, the manager does", async () => {
    const proposed = await post("coordinator", `/investigations/${caseId}/propose`, {
      kind: "adjustment",
      quantity: "−3",
      reason: "Entry Error",
      note: "",
    });
    expect(await message(proposed)).toBe("Resolution proposed.");
    expect(kit.queued).toEqual([]);
    const denied = await post("coordinator", `/investigations/approvals/${caseId}`);
    expect(denied.status).toBe(403);
    const page = await (await get("manager", `/investigations/${caseId}`)).text();
    expect(page).toContain('data-form="approve"');
    const approved = await post("manager", `/investigations/approvals/${caseId}`);
    expect(approved.status).toBe(200);
    expect(await message(approved)).toBe("Resolution approved and queued to the state system.");
    expect(kit.queued.map((q) => [q.write.kind, q.requestedBy])).toEqual([["adjustment", "r-manager"]]);
  });

  it("answers an unreadable quantity with the reason", async () => {
    const res = await post("coordinator", `/investigations/${caseId}/propose`, {
      kind: "adjustment",
      quantity: "three",
    });
    expect(res.status).toBe(422);
    expect(await message(res)).toBe('give the change in quantity as a number, not "three"');
  });

  it("lets the auditor read without forms and refuses its writes; keeps budtenders out", async () => {
    const page = await get("auditor", `/investigations/${caseId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain("data-form=");
    const note = await post("auditor", `/investigations/${caseId}/notes`, { text: "x" });
    expect(note.status).toBe(403);
    expect(await note.text()).toContain("this sign-in is read-only");
    expect((await get("budtender", "/investigations")).status).toBe(403);
  });

  it("holds site limits: another site's login sees no case and is refused the page", async () => {
    const page = await get("far", `/investigations/${caseId}`);
    expect(page.status).toBe(403);
    expect((await page.text()).replaceAll("&quot;", '"')).toContain('this sign-in may not see site "default"');
    expect(await (await get("far", "/api/investigations")).json()).toEqual({ cases: [] });
    expect((await get("far", "/api/investigations?site=default")).status).toBe(403);
    expect((await post("far", `/investigations/${caseId}/notes`, { text: "x" })).status).toBe(403);
  });

  it("answers the JSON API: the list by status, one case with its timeline, refusals", async () => {
    const open = (await (await get("auditor", "/api/investigations")).json()) as { cases: { id: string }[] };
    expect(open.cases.map((c) => c.id)).toEqual([caseId]);
    const one = (await (await get("auditor", `/api/investigations/${caseId}`)).json()) as {
      case: { label: string; resolutions: unknown[] };
      timeline: { kind: string }[];
    };
    expect(one.case.label).toBe(L_EACH);
    expect(one.case.resolutions).toHaveLength(1);
    expect(one.timeline.map((e) => e.kind)).toContain("adjustment");
    expect((await get("auditor", "/api/investigations?status=pending")).status).toBe(400);
    expect((await get("auditor", "/api/investigations/not-a-case")).status).toBe(404);
  });

  it("shows a case open past its deadline escalated on the list and on the home page's panel", async () => {
    expect(await (await get("manager", "/investigations/panel")).text()).toContain("None past its deadline.");
    kit.clock.advance(25 * 3_600_000);
    const panel = await (await get("manager", "/investigations/panel")).text();
    expect(panel).toContain('data-escalated="1"');
    expect(panel).toContain("1 past their deadline");
    expect(panel).toContain(">1 open</a>");
    const list = await (await get("coordinator", "/investigations?status=escalated")).text();
    expect(list).toMatch(new RegExp(`<tr data-case="${caseId}" class="inv-escalated">`));
    expect(list).toContain("escalated, 1 h past its deadline");
  });

  it("serves the package timeline part the package page includes", async () => {
    const part = await get("budtender", `/packages/${L_EACH}/timeline`, { "HX-Request": "true" });
    expect(part.status).toBe(200);
    const html = await part.text();
    expect(html).toContain('class="timeline"');
    expect(html).toContain('data-kind="investigation"');
    expect((await get("manager", "/packages/NOT-A-TAG/timeline", { "HX-Request": "true" })).status).toBe(400);
  });
});
