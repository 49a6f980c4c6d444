/**
 * Investigations on the dashboard (`/investigations`), in the JSON API (`/api/investigations`),
 * and the package timeline the package page includes (`/packages/:label/timeline`). Every route
 * filters by site: `?site=` (404 unknown, 403 not this login's), and a case of another site is 403.
 *
 *   GET  /investigations[?status=open|escalated|closed][&site=]   the list (open: escalated first)
 *   GET  /investigations/panel[?site=]                            the home page's escalation panel
 *   GET  /investigations/:caseId                                  the case page, its forms and the package timeline
 *   POST /investigations/:caseId/{assign|notes|evidence|root-cause|propose|close}   coordinator, manager, admin
 *   POST /investigations/approvals/:caseId[/refuse]               manager, admin (hub/auth/policy.ts)
 *   GET  /api/investigations[?status=&site=]                      { cases }
 *   GET  /api/investigations/:caseId                              { case, timeline }
 *   GET  /packages/:label/timeline[?site=]                        the timeline part (a page without htmx)
 *
 * A form's answer is the case re-rendered with what came of it (htmx swaps `#inv-case`; refusals
 * keep their 4xx status and are swapped too, `data-refusals`).
 */
import { actorOf } from "#hub/auth/middleware.js";
import { Hono, type Context } from "hono";
import { parseMetrcTag } from "#contract/metrc-tag.js";
import { findPackage } from "#hub/ledger/catalog.js";
import { toInstant } from "#hub/receiving/local-time.js";
import { chooseSites, siteAccessOf, siteRefusal } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import { packageSite } from "#hub/web/package-site.js";
import { permitsOf } from "#hub/web/permits.js";
import type { Acted } from "./actions.js";
import type { CaseFilter } from "./cases.js";
import { proposalFromForm } from "./form.js";
import type { Investigations } from "./service.js";
import { CaseBody, CaseProblem, type CaseProps } from "./views/case-page.js";
import { CaseListPage, EscalatedPanel } from "./views/list-page.js";
import { INV_CSS } from "./views/style.js";
import { TimelineTable } from "./views/timeline-table.js";

export interface InvestigationRoutesDeps {
  db: Db;
  sites: SiteDirectory;
  service: Investigations;
  clock: { now(): number };
}

const CASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FILTERS = new Set<CaseFilter>(["open", "escalated", "closed"]);

type Found = { ok: true; site: string } | { ok: false; status: 403 | 404; error: string };

/** The case's site, if the case exists and the request may see it. */
async function caseSite(deps: InvestigationRoutesDeps, c: Context, id: string): Promise<Found> {
  const row = CASE_ID.test(id)
    ? await deps.db.selectFrom("inv_cases").select("site_id").where("id", "=", id).executeTakeFirst()
    : undefined;
  if (!row) return { ok: false, status: 404, error: `No investigation ${id.slice(0, 60)}.` };
  const refused = siteRefusal(siteAccessOf(c), row.site_id);
  return refused ? { ok: false, status: 403, error: refused } : { ok: true, site: row.site_id };
}

const zoneOf = (sites: SiteDirectory, site: string) => sites.get(site)?.timeZone ?? sites.default.timeZone;

/** Everything the case page shows, for `id` at `site`. */
async function caseProps(
  deps: InvestigationRoutesDeps,
  c: Context,
  id: string,
  site: string,
): Promise<CaseProps | undefined> {
  const detail = await deps.service.get(id);
  if (!detail) return undefined;
  const may = permitsOf(c);
  const [timeline, reasons, employees, found] = await Promise.all([
    deps.service.timeline(site, detail.label),
    deps.service.reasons(site),
    deps.db.selectFrom("employees").select(["id", "name", "role", "active"]).orderBy("name").execute(),
    findPackage(deps.db, site, detail.label),
  ]);
  const ids = detail.resolutions.flatMap((r) => r.submissionIds);
  const states =
    ids.length === 0
      ? []
      : await deps.db.selectFrom("ss_submissions").select(["id", "state"]).where("id", "in", ids).execute();
  return {
    c: detail,
    timeline,
    zone: zoneOf(deps.sites, site),
    siteQuery: deps.sites.multi ? `?site=${encodeURIComponent(site)}` : "",
    may: { act: may("POST", `/investigations/${id}/notes`), approve: may("POST", `/investigations/approvals/${id}`) },
    reasons,
    employees: employees.filter((e) => Number(e.active) === 1 && ["coordinator", "manager", "admin"].includes(e.role)),
    names: Object.fromEntries(employees.map((e) => [e.id, e.name])),
    me: actorOf(c, "api"),
    unit: found?.pkg.unit ?? null,
    queue: Object.fromEntries(states.map((s) => [s.id, s.state])),
  };
}

const DONE: Record<string, string> = {
  assign: "Assignee saved.",
  notes: "Note added.",
  evidence: "Evidence reference added.",
  "root-cause": "Root cause documented.",
  propose: "Resolution proposed.",
  close: "Investigation closed.",
  approve: "Resolution approved and queued to the state system.",
  refuse: "Resolution refused.",
};

/** Runs one action on a case and answers the case with what came of it. */
async function act(
  deps: InvestigationRoutesDeps,
  c: Context,
  action: string,
  run: (id: string, form: Record<string, string>, zone: string) => Promise<Acted>,
) {
  const id = c.req.param("caseId") ?? "";
  const where = await caseSite(deps, c, id);
  if (!where.ok) {
    c.status(where.status);
    return c.req.header("HX-Request")
      ? c.html(<CaseProblem message={where.error} />)
      : c.render(<CaseProblem message={where.error} />);
  }
  const body = await c.req.parseBody();
  const form = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const done = await run(id, form, zoneOf(deps.sites, where.site));
  const props = (await caseProps(deps, c, id, where.site))!;
  props.message = done.ok ? { ok: true, text: DONE[action] ?? "Done." } : { ok: false, text: done.reason };
  if (!done.ok) c.status(done.status);
  return c.req.header("HX-Request")
    ? c.html(<CaseBody {...props} />)
    : c.render(<CaseBody {...props} />, { title: "Investigation" });
}

/** A local wall-clock time from a datetime-local field (or an instant with offset) as an ISO instant; "" when empty or unreadable. */
const instantIn = (value: string | undefined, zone: string) => (value ? (toInstant(value, zone) ?? "") : "");

/** Dashboard pages under /investigations. */
export function investigationPages(deps: InvestigationRoutesDeps) {
  const { service, sites } = deps;
  return new Hono()
    .get("/", async (c) => {
      const choice = chooseSites(c, sites);
      if (!choice.ok) {
        c.status(choice.status);
        return c.render(<CaseProblem message={choice.error} />);
      }
      const raw = c.req.query("status") ?? "open";
      const filter: CaseFilter = FILTERS.has(raw as CaseFilter) ? (raw as CaseFilter) : "open";
      const cases = await service.list({ sites: choice.sites, filter });
      const siteQuery = choice.chosen ? `&site=${encodeURIComponent(choice.chosen)}` : "";
      const zone = zoneOf(sites, choice.chosen ?? choice.sites[0] ?? sites.default.id);
      return c.render(
        <CaseListPage
          cases={cases}
          filter={filter}
          siteQuery={siteQuery}
          zone={zone}
          multi={sites.multi}
          nowMs={deps.clock.now()}
        />,
        { title: "Investigations" },
      );
    })
    .get("/panel", async (c) => {
      const choice = chooseSites(c, sites);
      if (!choice.ok) return c.html(<p class="warn">{choice.error}</p>, choice.status);
      const { escalated, open } = await service.openCount(choice.sites);
      const siteQuery = choice.chosen ? `&site=${encodeURIComponent(choice.chosen)}` : "";
      return c.html(<EscalatedPanel escalated={escalated} open={open} siteQuery={siteQuery} />);
    })
    .post("/approvals/:caseId", (c) => act(deps, c, "approve", (id) => service.approve(id, actorOf(c, "api"))))
    .post("/approvals/:caseId/refuse", (c) =>
      act(deps, c, "refuse", (id, f) => service.refuse(id, f.why ?? "", actorOf(c, "api"))),
    )
    .get("/:caseId", async (c) => {
      const id = c.req.param("caseId");
      const where = await caseSite(deps, c, id);
      if (!where.ok) {
        c.status(where.status);
        return c.render(<CaseProblem message={where.error} />);
      }
      const props = await caseProps(deps, c, id, where.site);
      return c.render(<CaseBody {...props!} />, { title: `Investigation ${props!.c.label}` });
    })
    .post("/:caseId/assign", (c) =>
      act(deps, c, "assign", (id, f) => service.assign(id, f.assignee || null, actorOf(c, "api"))),
    )
    .post("/:caseId/notes", (c) => act(deps, c, "notes", (id, f) => service.note(id, f.text ?? "", actorOf(c, "api"))))
    .post("/:caseId/evidence", (c) =>
      act(deps, c, "evidence", (id, f, zone) =>
        service.evidence(
          id,
          { camera: f.camera ?? "", at: instantIn(f.at, zone), text: f.text ?? "" },
          actorOf(c, "api"),
        ),
      ),
    )
    .post("/:caseId/root-cause", (c) =>
      act(deps, c, "root-cause", (id, f) => service.rootCause(id, f.cause ?? "", actorOf(c, "api"))),
    )
    .post("/:caseId/propose", (c) =>
      act(deps, c, "propose", async (id, f, zone) => {
        const input = proposalFromForm(f, (v) => instantIn(v, zone));
        return "kind" in input
          ? service.propose(id, input, actorOf(c, "api"))
          : { ok: false, status: 422, reason: input.reason };
      }),
    )
    .post("/:caseId/close", (c) => act(deps, c, "close", (id) => service.close(id, actorOf(c, "api"))));
}

/** JSON API under /api/investigations. */
export function investigationsApi(deps: InvestigationRoutesDeps) {
  return new Hono()
    .get("/", async (c) => {
      const choice = chooseSites(c, deps.sites);
      if (!choice.ok) return c.json({ error: choice.error }, choice.status);
      const raw = c.req.query("status") ?? "open";
      if (!FILTERS.has(raw as CaseFilter))
        return c.json({ error: `status must be open, escalated or closed, not "${raw.slice(0, 20)}"` }, 400);
      return c.json({ cases: await deps.service.list({ sites: choice.sites, filter: raw as CaseFilter }) });
    })
    .get("/:caseId", async (c) => {
      const id = c.req.param("caseId");
      const where = await caseSite(deps, c, id);
      if (!where.ok) return c.json({ error: where.error }, where.status);
      const detail = (await deps.service.get(id))!;
      return c.json({ case: detail, timeline: await deps.service.timeline(where.site, detail.label) });
    });
}

/** GET /packages/:label/timeline: the package page includes it (hx-get on load). */
export function packageTimelineRoutes(deps: InvestigationRoutesDeps) {
  return new Hono().get("/:label/timeline", async (c) => {
    const htmx = Boolean(c.req.header("HX-Request"));
    const answer = (status: 400 | 403 | 404 | 409, message: string) =>
      htmx
        ? c.html(<p class="warn">{message}</p>, status)
        : (c.status(status), c.render(<CaseProblem message={message} />));
    const parsed = parseMetrcTag(c.req.param("label"));
    if (!parsed.ok) return answer(400, `not a package tag: ${parsed.reason}`);
    const choice = chooseSites(c, deps.sites);
    if (!choice.ok) return answer(choice.status, choice.error);
    const where = await packageSite(deps.db, deps.sites, choice.sites, choice.chosen, parsed.tag);
    if ("ambiguous" in where)
      return answer(409, `Package ${parsed.tag} is at several sites (${where.ambiguous.join(", ")}): pick one.`);
    if ("none" in where) return answer(404, `Package ${parsed.tag} was never scanned or synced.`);
    const entries = await deps.service.timeline(where.site, parsed.tag);
    const table = <TimelineTable entries={entries} zone={zoneOf(deps.sites, where.site)} />;
    if (htmx)
      return c.html(
        <>
          <style dangerouslySetInnerHTML={{ __html: INV_CSS }} />
          <h2>
            Timeline ({entries.length} entries, oldest first): both sources of sales, state-system requests, door
            sessions
          </h2>
          {table}
        </>,
      );
    return c.render(
      <section class="panel">
        <style dangerouslySetInnerHTML={{ __html: INV_CSS }} />
        <h2>
          Timeline of{" "}
          <a href={`/packages/${parsed.tag}`}>
            <code>{parsed.tag}</code>
          </a>
        </h2>
        {table}
      </section>,
      { title: `Timeline ${parsed.tag}` },
    );
  });
}
