import { TEST_SITE } from "#hub/testing/ledger.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#contract/domain.js";
import { silentLog } from "#hub/log.js";
import { posPages } from "#hub/pos/routes.js";
import { enqueueWrite, transition } from "#hub/statesystem/store/queue.js";
import { stateSystemRoutes } from "#hub/statesystem/web/routes.js";
import { ORIGIN, signIn } from "#hub/testing/auth-kit.js";
import { FakeClock } from "#hub/testing/clock.js";
import {
  DASHBOARD_PASSWORD,
  idleSyncWorker,
  startDashboardKit,
  type DashboardKit,
} from "#hub/testing/dashboard-kit.js";

/**
 * One navigation on every dashboard page, the module pages included: the same links whatever the
 * page, only those the role may open, who is signed in and a sign-out; and no button the role
 * policy would refuse.
 */
const moduleNav = [
  { href: "/receiving", label: "Receiving" },
  { href: "/statesystem", label: "State system" },
  { href: "/pos", label: "POS import" },
  { href: "/account/tokens", label: "API tokens", group: "account" as const },
  { href: "/admin/users", label: "Logins", group: "account" as const },
];

describe("dashboard navigation", () => {
  let kit: DashboardKit;
  const cookies = new Map<Role, string>();

  beforeAll(async () => {
    const clock = new FakeClock();
    const worker = idleSyncWorker();
    kit = await startDashboardKit({
      prepare: async (ledger) => {
        const id = await enqueueWrite(
          ledger.db,
          TEST_SITE,
          { kind: "note", label: "1A4060300002199000003445", note: "n" },
          { at: new Date(clock.now()) },
        );
        await transition(ledger.db, id, ["pending"], {
          state: "failed",
          error_code: "UPSTREAM_REFUSED",
          error_message: "refused",
          remedy: "fix it",
          remedy_owner: "Manager",
          updated_at: new Date(clock.now()).toISOString(),
        });
      },
      deps: (ledger) => ({
        nav: moduleNav,
        extraRoutes: [
          {
            path: "/statesystem",
            app: stateSystemRoutes({ db: ledger.db, sites: [{ site: TEST_SITE, worker }], clock, log: silentLog() }),
          },
          {
            path: "/pos",
            app: posPages({
              db: ledger.db,
              clock,
              pos: { sites: [{ id: TEST_SITE, timeZone: "America/Los_Angeles" }], listed: false },
            }),
          },
        ],
      }),
    });
    for (const role of ["coordinator", "budtender", "manager", "auditor", "admin"] as const) {
      cookies.set(role, (await signIn(kit.app, role, DASHBOARD_PASSWORD)).cookie);
    }
  });
  afterAll(() => kit?.dispose());

  const page = async (role: Role, path: string) => {
    const res = await kit.app.request(`${ORIGIN}${path}`, { headers: { cookie: cookies.get(role)! } });
    return { status: res.status, html: await res.text() };
  };
  const navOf = (html: string) => /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
  const hrefs = (nav: string) => [...nav.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);

  it("shows the manager the same links on the home page, the dead letters and the state system", async () => {
    const wanted = ["/", "/packages", "/receiving", "/statesystem", "/pos", "/dead-letters", "/account/tokens"];
    for (const path of ["/", "/dead-letters", "/statesystem", "/account/tokens"]) {
      const { status, html } = await page("manager", path);
      expect(status, path).toBe(200);
      expect(hrefs(navOf(html)), path).toEqual(wanted);
      expect(navOf(html), path).toMatch(
        /<form method="post" action="\/logout" class="sign-out"><input type="hidden" name="_csrf" value="[^"]+"\/><button type="submit">Sign out<\/button>/,
      );
      expect(navOf(html)).toContain("Test manager e-manager");
    }
  });

  it("marks the current page", async () => {
    expect(navOf((await page("manager", "/statesystem")).html)).toContain(
      '<a href="/statesystem" aria-current="page">State system</a>',
    );
  });

  it("gives every role a sign-out and only the links its role may open", async () => {
    const expected: Record<Role, string[]> = {
      coordinator: ["/packages", "/pos", "/account/tokens"],
      budtender: ["/packages", "/account/tokens"],
      manager: ["/", "/packages", "/receiving", "/statesystem", "/pos", "/dead-letters", "/account/tokens"],
      auditor: ["/", "/packages", "/receiving", "/statesystem", "/pos", "/dead-letters", "/account/tokens"],
      admin: [
        "/",
        "/packages",
        "/receiving",
        "/statesystem",
        "/pos",
        "/dead-letters",
        "/account/tokens",
        "/admin/users",
      ],
    };
    for (const [role, links] of Object.entries(expected) as [Role, string[]][]) {
      const { html } = await page(role, "/account/tokens");
      expect(hrefs(navOf(html)), role).toEqual(links);
      expect(navOf(html), role).toContain(">Sign out</button>");
    }
  });

  it("signs out from the nav's form", async () => {
    const { cookie, csrf } = await signIn(kit.app, "auditor", DASHBOARD_PASSWORD);
    const out = await kit.app.request(`${ORIGIN}/logout`, {
      method: "POST",
      headers: { origin: ORIGIN, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf }),
    });
    expect(out.status).toBe(303);
    expect((await kit.app.request(`${ORIGIN}/`, { headers: { cookie } })).status).toBe(303);
  });

  it("shows the auditor the failed write without Retry or Mark resolved, and the manager with them", async () => {
    const auditor = (await page("auditor", "/statesystem")).html;
    expect(auditor).toContain("refused");
    expect(auditor).not.toContain(">Retry</button>");
    expect(auditor).not.toContain(">Mark resolved</button>");
    const manager = (await page("manager", "/statesystem")).html;
    expect(manager).toContain(">Retry</button>");
    expect(manager).toContain(">Mark resolved</button>");
  });

  it("shows the auditor the POS imports without the import and mapping forms, and the coordinator with them", async () => {
    const auditor = (await page("auditor", "/pos")).html;
    expect(auditor).toContain("<h2>Imports</h2>");
    expect(auditor).not.toContain(">Import</button>");
    expect(auditor).not.toContain(">Save mapping</button>");
    const coordinator = (await page("coordinator", "/pos")).html;
    expect(coordinator).toContain(">Import</button>");
    expect(coordinator).toContain(">Save mapping</button>");
  });
});
