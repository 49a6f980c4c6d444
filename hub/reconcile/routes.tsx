/**
 * Reconciliation on the dashboard (`/reconciliation`) and in the JSON API (`/api/reconciliations`).
 *
 *   GET  /reconciliation[?site=&date=&run=]   the day's latest run (or the run named): summary, lines by class, earlier runs
 *   POST /reconciliation/run  (form site, date)   "Run now" → back to the page (303)
 *   GET  /api/reconciliations/:date[?site=]    {date, site, runId, summary, lines} of the latest run;
 *                                              404 none yet, 400 not a date, 403 a site the login may not see
 *   POST /api/reconciliations/:date[?site=]    runs the day now → the same JSON (201)
 *
 * The day defaults to yesterday in the site's zone; the site to the first the login may see.
 */
import { Hono, type Context } from "hono";
import type { Kysely } from "kysely";
import { actorOf } from "#hub/auth/middleware.js";
import type { Clock } from "#hub/clock.js";
import { siteAccessOf, siteRefusal } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Site } from "#hub/sites/site.js";
import type { Database } from "#hub/store/database.js";
import { permitsOf } from "#hub/web/permits.js";
import { addDays, isCalendarDate, localDate } from "#contract/facility-time.js";
import { runsOfDay, storedRun, type RunReport } from "./run-store.js";
import type { RunRequest } from "./service.js";
import { ReconciliationPage } from "./views/reconciliation-page.js";

export interface ReconcileRoutesDeps {
  db: Kysely<Database>;
  sites: SiteDirectory;
  clock: Pick<Clock, "now">;
  /** Runs a day now (the module syncs the state system first when it can). */
  run(req: RunRequest): Promise<{ report: RunReport }>;
}

type Refusal = { status: 400 | 403 | 404; error: string };

/** The site a request names (or the first the login may see), or why it may not have it. */
function siteOf(c: Context, sites: SiteDirectory, raw: string | undefined): Site | Refusal {
  const access = siteAccessOf(c);
  if (raw === undefined || raw === "") {
    const first = sites.list.find((s) => access === null || access.includes(s.id));
    return first ?? { status: 403, error: siteRefusal(access, sites.default.id)! };
  }
  const unknown = sites.unknown(raw);
  if (unknown) return { status: 404, error: unknown };
  const refused = siteRefusal(access, raw);
  return refused ? { status: 403, error: refused } : sites.get(raw)!;
}

const badDay = (raw: string): Refusal => ({
  status: 400,
  error: `date must be a business day like 2026-11-01, not "${raw.slice(0, 20)}"`,
});

/** Dashboard pages under /reconciliation. */
export function reconciliationPages(deps: ReconcileRoutesDeps) {
  const page = async (
    c: Context,
    q: { site: string | undefined; day: string | undefined; runId?: string; error?: string },
  ) => {
    const site = siteOf(c, deps.sites, q.site);
    if ("error" in site) return c.render(<p class="warn">{site.error}</p>, { title: "Reconciliation" });
    const yesterday = addDays(localDate(deps.clock.now(), site.timeZone), -1);
    const day = q.day && isCalendarDate(q.day) ? q.day : yesterday;
    const error = q.error ?? (q.day && !isCalendarDate(q.day) ? badDay(q.day).error : undefined);
    const [run, runs] = await Promise.all([
      storedRun(deps.db, { site: site.id, day, runId: q.runId }),
      runsOfDay(deps.db, site.id, day),
    ]);
    const access = siteAccessOf(c);
    return c.render(
      <ReconciliationPage
        site={site}
        sites={deps.sites.list.filter((s) => access === null || access.includes(s.id))}
        day={day}
        run={run}
        runs={runs}
        error={error}
        mayRun={permitsOf(c)("POST", "/reconciliation/run")}
      />,
      { title: "Reconciliation" },
    );
  };
  return new Hono()
    .get("/", async (c) => {
      const runId = c.req.query("run");
      const day = c.req.query("date");
      if (day && !isCalendarDate(day)) c.status(400);
      return page(c, { site: c.req.query("site"), day, ...(runId ? { runId } : {}) });
    })
    .post("/run", async (c) => {
      const form = await c.req.parseBody();
      const raw = { site: String(form.site ?? ""), day: String(form.date ?? "") };
      const site = siteOf(c, deps.sites, raw.site);
      if ("error" in site) return c.text(site.error, site.status);
      if (!isCalendarDate(raw.day)) {
        c.status(400);
        return page(c, { site: site.id, day: undefined, error: badDay(raw.day).error });
      }
      await deps.run({
        site: site.id,
        timeZone: site.timeZone,
        day: raw.day,
        trigger: "dashboard",
        actor: actorOf(c, "api"),
      });
      return c.redirect(`/reconciliation?site=${encodeURIComponent(site.id)}&date=${raw.day}`, 303);
    });
}

/** JSON API under /api/reconciliations. */
export function reconciliationApi(deps: ReconcileRoutesDeps) {
  const target = (c: Context) => {
    const day = c.req.param("date") ?? "";
    if (!isCalendarDate(day)) return badDay(day);
    const site = siteOf(c, deps.sites, c.req.query("site"));
    return "error" in site ? site : { site, day };
  };
  return new Hono()
    .get("/:date", async (c) => {
      const t = target(c);
      if ("error" in t) return c.json({ error: t.error }, t.status);
      const run = await storedRun(deps.db, { site: t.site.id, day: t.day });
      if (!run) return c.json({ error: `no reconciliation of ${t.day} at site "${t.site.id}" yet` }, 404);
      return c.json(run.report);
    })
    .post("/:date", async (c) => {
      const t = target(c);
      if ("error" in t) return c.json({ error: t.error }, t.status);
      const { report } = await deps.run({
        site: t.site.id,
        timeZone: t.site.timeZone,
        day: t.day,
        trigger: "api",
        actor: actorOf(c, "api"),
      });
      return c.json(report, 201);
    });
}
