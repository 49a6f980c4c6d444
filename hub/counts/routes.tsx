/**
 * Counts on the dashboard (`/counts`) and in the JSON API (`/api/counts`). Every route takes
 * `?site=` (a site the hub serves and the login may see: 404 / 403 otherwise); a count id held at
 * several sites asks for one (409).
 *
 *   GET  /counts                 counts, classes, today's schedule, accuracy over time; start buttons
 *   POST /counts/start           kind=cycle|full|category [category] [station]: starts a count, sends it
 *   GET  /counts/:id             the review: snapshot, sales since, expected, counted, recounts, verdicts
 *                                (the lines that need a look and how many matched; ?all=1 every line)
 *   POST /counts/:id/approve     reason, note, d:<label>=adjust|investigate: approves it
 *   GET  /api/counts             { counts }
 *   GET  /api/counts/:id         the review as JSON (the lines that differ; ?all=1 every line)
 */
import { Hono, type Context } from "hono";
import { itemCategories } from "#contract/domain.js";
import { actorOf } from "#hub/auth/middleware.js";
import { chooseSites, type SiteChoice } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import { permitsOf } from "#hub/web/permits.js";
import type { Decision } from "./approve.js";
import { accuracyOverTime, countReview, listCounts, sitesWithCount } from "./queries.js";
import { stationsOf } from "./reads.js";
import type { CountsRunner } from "./service.js";
import { CountPage } from "./views/count-page.js";
import { CountsPage, CountsProblem } from "./views/list-page.js";

export interface CountsRoutesDeps {
  db: Db;
  sites: SiteDirectory;
  runner: Pick<CountsRunner, "start" | "approve" | "today">;
}

type Found = { site: string } | { status: 400 | 403 | 404 | 409; error: string };

const COUNT_ID = /^[A-Za-z0-9-]{1,64}$/;

async function countSite(db: Db, choice: SiteChoice, id: string): Promise<Found> {
  if (!choice.ok) return { status: choice.status, error: choice.error };
  if (!COUNT_ID.test(id)) return { status: 400, error: `"${id.slice(0, 60)}" is not a count id` };
  if (choice.chosen !== undefined) return { site: choice.chosen };
  const found = await sitesWithCount(db, choice.sites, id);
  if (found.length === 1) return { site: found[0]! };
  if (found.length > 1)
    return { status: 409, error: `count ${id} is known at sites ${found.join(", ")}: ask with ?site=` };
  return { status: 404, error: `There is no count ${id}.` };
}

/** The one site a write is for: `?site=`, or the only one the login may see. */
function writeSite(choice: SiteChoice): Found {
  if (!choice.ok) return { status: choice.status, error: choice.error };
  if (choice.chosen) return { site: choice.chosen };
  if (choice.sites.length === 1) return { site: choice.sites[0]! };
  return { status: 400, error: "this hub serves several sites: choose one with ?site=" };
}

const siteQuery = (sites: SiteDirectory, site: string) => (sites.multi ? `?site=${encodeURIComponent(site)}` : "");

async function adjustmentReasons(db: Db, site: string): Promise<string[]> {
  const rows = await db
    .selectFrom("ss_adjustment_reasons")
    .select("name")
    .where("site_id", "=", site)
    .orderBy("name")
    .execute();
  return rows.map((r) => r.name);
}

/** Dashboard pages under /counts. */
export function countsPages(deps: CountsRoutesDeps) {
  const { db, sites } = deps;
  const zoneOf = (site: string) => sites.get(site)?.timeZone ?? sites.default.timeZone;
  const problem = (c: Context, status: 400 | 403 | 404 | 409 | 422, message: string) => {
    c.status(status);
    return c.render(<CountsProblem message={message} />, { title: "Counts" });
  };
  async function listPage(c: Context, notice?: { text: string; bad: boolean }, status: 200 | 400 | 422 = 200) {
    const choice = chooseSites(c, sites);
    if (!choice.ok) return problem(c, choice.status, choice.error);
    const site = choice.chosen ?? choice.sites[0] ?? sites.default.id;
    const classes = await db.selectFrom("count_classes").select(["class"]).where("site_id", "=", site).execute();
    const tally = { A: 0, B: 0, C: 0 } as Record<string, number>;
    for (const r of classes) tally[r.class] = (tally[r.class] ?? 0) + 1;
    c.status(status);
    return c.render(
      <CountsPage
        counts={await listCounts(db, choice.sites)}
        classes={tally}
        accuracy={await accuracyOverTime(db, site)}
        stations={await stationsOf(db, sites, site)}
        categories={itemCategories}
        today={deps.runner.today(site)}
        q={siteQuery(sites, site)}
        multi={sites.multi}
        zone={zoneOf(site)}
        canStart={permitsOf(c)("POST", "/counts/start")}
        notice={notice}
      />,
      { title: "Counts" },
    );
  }
  return new Hono()
    .get("/", (c) => listPage(c))
    .post("/start", async (c) => {
      const where = writeSite(chooseSites(c, sites));
      if ("error" in where) return problem(c, where.status, where.error);
      const form = await c.req.parseBody();
      const kind = String(form.kind ?? "");
      if (kind !== "cycle" && kind !== "full" && kind !== "category")
        return listPage(
          c,
          { text: `kind must be cycle, full or category, not "${kind.slice(0, 20)}"`, bad: true },
          400,
        );
      const category = form.category ? String(form.category) : undefined;
      if (kind === "category" && !itemCategories.includes(category as (typeof itemCategories)[number]))
        return listPage(c, { text: `choose a category (${itemCategories.join(", ")})`, bad: true }, 400);
      const station = form.station ? String(form.station) : undefined;
      const out = await deps.runner.start(where.site, {
        kind,
        category,
        stationId: station,
        by: actorOf(c, "dashboard"),
      });
      if (!out.ok) return listPage(c, { text: `Not started: ${out.reason}.`, bad: true }, 422);
      return c.redirect(`/counts/${out.countId}${siteQuery(sites, where.site)}`, 303);
    })
    .get("/:id", async (c) => {
      const id = c.req.param("id");
      const where = await countSite(db, chooseSites(c, sites), id);
      if ("error" in where) return problem(c, where.status, where.error);
      return reviewPage(c, where.site, id);
    })
    .post("/:id/approve", async (c) => {
      const id = c.req.param("id");
      const where = await countSite(db, chooseSites(c, sites), id);
      if ("error" in where) return problem(c, where.status, where.error);
      const form = await c.req.parseBody();
      const decisions: Record<string, Decision> = {};
      for (const [k, v] of Object.entries(form))
        if (k.startsWith("d:") && (v === "adjust" || v === "investigate")) decisions[k.slice(2)] = v;
      const reason = String(form.reason ?? "");
      const reasons = await adjustmentReasons(db, where.site);
      if (reason && reasons.length > 0 && !reasons.includes(reason))
        return reviewPage(
          c,
          where.site,
          id,
          { text: `"${reason.slice(0, 60)}" is not one of the state system's adjustment reasons`, bad: true },
          422,
        );
      const out = await deps.runner.approve(where.site, {
        countId: id,
        by: actorOf(c, "dashboard"),
        reason,
        decisions,
        note: form.note ? String(form.note) : undefined,
      });
      if (!out.ok)
        return reviewPage(
          c,
          where.site,
          id,
          { text: `Not approved: ${out.reason}.`, bad: true },
          out.status === 404 ? 422 : out.status,
        );
      return c.redirect(`/counts/${id}${siteQuery(sites, where.site)}`, 303);
    });

  async function reviewPage(
    c: Context,
    site: string,
    id: string,
    notice?: { text: string; bad: boolean },
    status: 200 | 409 | 422 = 200,
  ) {
    const review = await countReview(db, site, id, { all: c.req.query("all") === "1" });
    if (!review) return problem(c, 404, `There is no count ${id}.`);
    c.status(status);
    return c.render(
      <CountPage
        review={review}
        reasons={await adjustmentReasons(db, site)}
        q={siteQuery(sites, site)}
        zone={zoneOf(site)}
        canApprove={permitsOf(c)("POST", `/counts/${id}/approve`)}
        notice={notice}
      />,
      { title: review.count.title },
    );
  }
}

/** JSON API under /api/counts. */
export function countsApi(deps: Pick<CountsRoutesDeps, "db" | "sites">) {
  const { db, sites } = deps;
  return new Hono()
    .get("/", async (c) => {
      const choice = chooseSites(c, sites);
      if (!choice.ok) return c.json({ error: choice.error }, choice.status);
      return c.json({ counts: await listCounts(db, choice.sites) });
    })
    .get("/:id", async (c) => {
      const id = c.req.param("id");
      const where = await countSite(db, chooseSites(c, sites), id);
      if ("error" in where) return c.json({ error: where.error }, where.status);
      const review = await countReview(db, where.site, id, { all: c.req.query("all") === "1" });
      return review ? c.json(review) : c.json({ error: `no count ${id}` }, 404);
    });
}
