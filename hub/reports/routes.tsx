/**
 * The manager's reports on the dashboard (`/reports`) and in the JSON API (`/api/reports`). Every
 * route takes `?site=` (a site the hub serves and the login may see: 404 / 403 otherwise); a
 * per-site report without it answers for the login's one site, or asks for one (400).
 *
 *   GET /api/reports/end-of-day?date=YYYY-MM-DD    {date, site, sales, receiving, variances, counts, door, stateSystem}
 *   GET /api/reports/velocity?days=N[&format=csv]  {days, items:[{site, item, unitsPerDay, onHand, daysOfSupply, reorder, …}]}
 *   GET /api/reports/expiry?within=N               {site, packages:[…]}
 *   GET /api/reports/fifo?days=N                   {site, from, to, violations:[…]}
 *   GET /api/reports/shrinkage?days=N              the shrinkage and accuracy report
 *   GET|PUT /api/reports/reorder-settings          lead time and safety days per item or vendor (PUT: managers)
 *   GET /reports, /reports/end-of-day, /reports/velocity, /reports/expiry, /reports/shrinkage   pages
 *   GET /reports/velocity/stream, /reports/shrinkage/stream   SSE: progress, then the report (done)
 */
import { Hono, type Context } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import type { Principal } from "#hub/auth/schema.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import { siteRefusal, siteAccessOf } from "#hub/sites/access.js";
import { siteLabel } from "#hub/sites/site.js";
import type { Db } from "#hub/store/database.js";
import { addDays } from "#contract/facility-time.js";
import type { KeptReports } from "./kept-reports.js";
import { namesOf } from "./names.js";
import { listReorderSettings, putReorderSetting } from "./reorder-settings.js";
import { dateAsked, daysAsked, siteAsked, sitesAsked, type Asked } from "./request.js";
import type { ReportsService } from "./service.js";
import { velocityCsv, type Velocity } from "./velocity.js";
import { BuildProgress } from "./views/build-progress.js";
import { EndOfDayPage } from "./views/end-of-day-page.js";
import { ExpiryPage } from "./views/expiry-page.js";
import { ReportProblem } from "./views/figures.js";
import { ShrinkagePage, ShrinkageReport } from "./views/shrinkage-page.js";
import { VelocityPage, VelocityTables } from "./views/velocity-page.js";

export interface ReportsRoutesDeps {
  db: Db;
  sites: SiteDirectory;
  service: ReportsService;
  kept: KeptReports;
  now: () => number;
}

type Refused = Extract<Asked<unknown>, { ok: false }>;
const refuse = (c: Context, r: Refused) => c.json({ error: r.error }, r.status);

/** The JSON API under /api/reports. */
export function reportsApi(deps: ReportsRoutesDeps) {
  const { service, sites } = deps;
  return new Hono()
    .get("/end-of-day", async (c) => {
      const site = siteAsked(c, sites);
      if (!site.ok) return refuse(c, site);
      const date = dateAsked(c, service.today(site.value));
      if (!date.ok) return refuse(c, date);
      return c.json((await service.endOfDay(site.value, date.value)).report);
    })
    .get("/velocity", async (c) => {
      const list = sitesAsked(c, sites);
      if (!list.ok) return refuse(c, list);
      const days = daysAsked(c, "days", 30);
      if (!days.ok) return refuse(c, days);
      const reports: Velocity[] = [];
      for (const s of list.value) reports.push(await service.velocity(s, days.value));
      if (c.req.query("format") === "csv") {
        const text = reports
          .map((v, i) => (i === 0 ? velocityCsv(v) : velocityCsv(v).split("\r\n").slice(1).join("\r\n")))
          .join("");
        return c.body(text, 200, {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="velocity-${days.value}d.csv"`,
        });
      }
      return c.json({
        days: days.value,
        ...(reports.length === 1 ? { site: reports[0]!.site, from: reports[0]!.from, to: reports[0]!.to } : {}),
        items: reports.flatMap((v) => v.items.map((i) => ({ site: v.site, ...i }))),
      });
    })
    .get("/expiry", async (c) => {
      const site = siteAsked(c, sites);
      if (!site.ok) return refuse(c, site);
      const within = daysAsked(c, "within", 90, 3650);
      if (!within.ok) return refuse(c, within);
      return c.json({ site: site.value, packages: await service.expiry(site.value, within.value) });
    })
    .get("/fifo", async (c) => {
      const site = siteAsked(c, sites);
      if (!site.ok) return refuse(c, site);
      const days = daysAsked(c, "days", 30);
      if (!days.ok) return refuse(c, days);
      return c.json({ site: site.value, ...(await service.fifo(site.value, days.value)) });
    })
    .get("/shrinkage", async (c) => {
      const site = siteAsked(c, sites);
      if (!site.ok) return refuse(c, site);
      const days = daysAsked(c, "days", 30);
      if (!days.ok) return refuse(c, days);
      return c.json(await service.shrinkage(site.value, days.value));
    })
    .get("/reorder-settings", async (c) => {
      const site = siteAsked(c, sites);
      if (!site.ok) return refuse(c, site);
      return c.json({ site: site.value, settings: await listReorderSettings(deps.db, site.value) });
    })
    .put("/reorder-settings", async (c) => {
      const body = ReorderBody.safeParse(await c.req.json().catch(() => undefined));
      if (!body.success)
        return c.json(
          { error: body.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") },
          400,
        );
      const site = body.data.site ?? sites.default.id;
      const unknown = sites.unknown(site);
      if (unknown) return c.json({ error: unknown }, 404);
      const refused = siteRefusal(siteAccessOf(c), site);
      if (refused) return c.json({ error: refused }, 403);
      const who = c.get("principal" as never) as Principal | undefined;
      const { site: _, ...setting } = body.data;
      await putReorderSetting(deps.db, site, setting, who?.employeeId ?? "system", new Date(deps.now()).toISOString());
      return c.json({ site, settings: await listReorderSettings(deps.db, site) });
    });
}

const ReorderBody = z.object({
  site: z.string().min(1).max(64).optional(),
  scope: z.enum(["item", "vendor"]),
  ref: z.string().min(1).max(120),
  leadTimeDays: z.number().min(0).max(365),
  safetyDays: z.number().min(0).max(365),
});

/** `?site=…` for links on a page about `site` (when the hub serves several). */
const siteQuery = (sites: SiteDirectory, site: string) => (sites.multi ? `?site=${encodeURIComponent(site)}` : "");

/** The dashboard pages under /reports. */
export function reportsPages(deps: ReportsRoutesDeps) {
  const { service, sites, db } = deps;
  const siteName = (id: string) => {
    const s = sites.get(id);
    return s ? siteLabel(s) : id;
  };
  const problem = (c: Context, r: Refused) => {
    c.status(r.status);
    return c.render(<ReportProblem message={r.error} />, { title: "Reports" });
  };
  const streamed = (c: Context, kind: "velocity" | "shrinkage", days: number) => {
    const q = new URLSearchParams({
      days: String(days),
      ...(c.req.query("site") ? { site: c.req.query("site")! } : {}),
    });
    return `/reports/${kind}/stream?${q}`;
  };
  return new Hono()
    .get("/", (c) =>
      c.redirect(
        `/reports/end-of-day${c.req.query("site") ? `?site=${encodeURIComponent(c.req.query("site")!)}` : ""}`,
      ),
    )
    .get("/end-of-day", async (c) => {
      const site = siteAsked(c, sites);
      if (!site.ok) return problem(c, site);
      const date = dateAsked(c, service.today(site.value), addDays(service.today(site.value), -1));
      if (!date.ok) return problem(c, date);
      const served = await service.endOfDay(site.value, date.value);
      const page = (
        <EndOfDayPage
          report={served.report}
          keptAt={served.keptAt}
          siteName={siteName(site.value)}
          zone={service.timeZone(site.value)}
          q={siteQuery(sites, site.value)}
          keptDays={await deps.kept.days(site.value)}
        />
      );
      return c.render(page, { title: `End of day ${date.value}` });
    })
    .get("/velocity", (c) => {
      const list = sitesAsked(c, sites);
      if (!list.ok) return problem(c, list);
      const days = daysAsked(c, "days", 30);
      if (!days.ok) return problem(c, days);
      const q = c.req.query("site") ? `?site=${encodeURIComponent(c.req.query("site")!)}` : "";
      return c.render(<VelocityPage days={days.value} q={q} stream={streamed(c, "velocity", days.value)} />, {
        title: "Velocity",
      });
    })
    .get("/velocity/stream", (c) => {
      const list = sitesAsked(c, sites);
      const days = daysAsked(c, "days", 30);
      return streamSSE(c, async (stream) => {
        const send = (event: string, html: unknown) => stream.writeSSE({ event, data: String(html) });
        if (!list.ok || !days.ok)
          return void (await send("done", <p class="warn">{(!list.ok ? list : (days as Refused)).error}</p>));
        const reports: Velocity[] = [];
        for (const [i, s] of list.value.entries()) {
          await send(
            "progress",
            <BuildProgress
              done={i}
              of={list.value.length}
              what={`${siteName(s)} (${i + 1} of ${list.value.length})`}
            />,
          );
          reports.push(await service.velocity(s, days.value));
        }
        await send("done", <VelocityTables reports={reports} siteName={siteName} />);
      });
    })
    .get("/expiry", async (c) => {
      const site = siteAsked(c, sites);
      if (!site.ok) return problem(c, site);
      const within = daysAsked(c, "within", 90, 3650);
      if (!within.ok) return problem(c, within);
      const days = daysAsked(c, "days", 30);
      if (!days.ok) return problem(c, days);
      const [packages, fifo, names] = await Promise.all([
        service.expiry(site.value, within.value),
        service.fifo(site.value, days.value),
        namesOf(db, site.value),
      ]);
      return c.render(
        <ExpiryPage
          packages={packages}
          withinDays={within.value}
          fifo={fifo}
          itemName={names.item}
          employeeName={names.employee}
          zone={service.timeZone(site.value)}
          q={siteQuery(sites, site.value)}
        />,
        { title: "Expiry and FIFO" },
      );
    })
    .get("/shrinkage", (c) => {
      const site = siteAsked(c, sites);
      if (!site.ok) return problem(c, site);
      const days = daysAsked(c, "days", 30);
      if (!days.ok) return problem(c, days);
      return c.render(
        <ShrinkagePage
          days={days.value}
          q={siteQuery(sites, site.value)}
          stream={streamed(c, "shrinkage", days.value)}
        />,
        {
          title: "Shrinkage and accuracy",
        },
      );
    })
    .get("/shrinkage/stream", (c) => {
      const site = siteAsked(c, sites);
      const days = daysAsked(c, "days", 30);
      return streamSSE(c, async (stream) => {
        const send = (event: string, html: unknown) => stream.writeSSE({ event, data: String(html) });
        if (!site.ok || !days.ok)
          return void (await send("done", <p class="warn">{(!site.ok ? site : (days as Refused)).error}</p>));
        const s = await service.shrinkage(site.value, days.value, (done, of, what) =>
          send("progress", <BuildProgress done={done} of={of} what={what} />).then(() => undefined),
        );
        const names = await namesOf(db, site.value);
        await send("done", <ShrinkageReport s={s} employeeName={names.employee} />);
      });
    });
}
