/**
 * POS import on the dashboard (`/pos`) and in the JSON API (`/api/pos`).
 *
 *   GET  /pos                          upload form with progress, imports, column mappings
 *   POST /pos/imports                  multipart upload from the form → the report part
 *   POST /pos/mappings                 save a column mapping (form) → the mappings panel
 *   POST /pos/mappings/:name/delete
 *   GET  /pos/upload.js                the progress bar's script
 *   POST /api/pos/imports              multipart or raw body (?format=&mapping=&site=&file=) →
 *                                      {file, format, rows, imported, alreadyImported, errors}:
 *                                      200 landed or already in, 422 refused, 400 unreadable request
 *   GET  /api/pos/imports[?site=]      the latest imports
 *   GET  /api/pos/sales?date=YYYY-MM-DD[&site=]   that business day's lines and net per package
 *   GET  /api/pos/mappings, POST /api/pos/mappings (JSON ColumnMapping)
 *
 * A login limited to some sites may import, list and read only theirs (403 with the reason); a
 * hub with a sites list refuses a site it does not serve (400). Column mappings describe a POS
 * export's columns and are shared by every site.
 */
import { actorOf } from "#hub/auth/middleware.js";
import { permitsOf } from "#hub/web/permits.js";
import { Hono, type Context } from "hono";
import type { Kysely } from "kysely";
import type { Clock } from "#hub/clock.js";
import { siteAccessOf, siteRefusal } from "#hub/sites/access.js";
import type { Database } from "#hub/store/database.js";
import { posSiteOf, type PosConfig } from "./config.js";
import { importSales, landed } from "./import-service.js";
import { ColumnMappingSchema } from "./mapping.js";
import { mappingFromForm } from "./mapping-form.js";
import { netSalesOfDay, recentImports, salesOfDay } from "./queries.js";
import { deleteMapping, listMappings, saveMapping } from "./store.js";
import { readImportRequest } from "./upload.js";
import { MappingsPanel, type MappingDraft } from "./views/mappings.js";
import { PosPage } from "./views/pos-page.js";
import { ImportReportPart, ImportsTable } from "./views/report.js";
import { UPLOAD_JS } from "./views/style.js";

export interface PosRoutesDeps {
  db: Kysely<Database>;
  clock: Pick<Clock, "now">;
  /** The sites sales may land under, each with its time zone; the default first. */
  pos: PosConfig;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The report of the import the request asks for, or why it was not run (400 unreadable, 403 another site's). */
async function runImport(deps: PosRoutesDeps, c: Context) {
  const req = await readImportRequest(c, deps.pos);
  if (typeof req === "string") return { status: 400 as const, error: req };
  const refused = siteRefusal(siteAccessOf(c), req.site);
  if (refused) return { status: 403 as const, error: refused };
  const { timeZone, ledgerSite, ...request } = req;
  return importSales(
    { db: deps.db, timeZone, ledgerSite, clock: deps.clock },
    { ...request, actor: actorOf(c, "api") },
  );
}

/** The imports a request may list: every site's, or only those of the login's sites. */
const importsFor = (c: Context) => {
  const access = siteAccessOf(c);
  return access === null ? {} : { sites: access };
};

/** The site the upload form suggests: the default site, or the login's first. */
function suggestedSite(c: Context, pos: PosConfig): string {
  const access = siteAccessOf(c);
  return (access === null ? undefined : pos.sites.find((s) => access.includes(s.id))?.id) ?? pos.sites[0]!.id;
}

/** Dashboard pages under /pos. */
export function posPages(deps: PosRoutesDeps) {
  const db = deps.db;
  const mappingsPanel = async (extra: { draft?: MappingDraft; saved?: string; oobSelect?: boolean } = {}) => (
    <MappingsPanel mappings={await listMappings(db)} {...extra} />
  );
  return new Hono()
    .get("/", async (c) =>
      c.render(
        <PosPage
          imports={await recentImports(db, importsFor(c))}
          mappings={await listMappings(db)}
          defaultSite={suggestedSite(c, deps.pos)}
          write={permitsOf(c)("POST", "/pos/imports")}
        />,
        { title: "POS import" },
      ),
    )
    .get("/upload.js", (c) =>
      c.body(UPLOAD_JS, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }),
    )
    .post("/imports", async (c) => {
      const report = await runImport(deps, c);
      if ("error" in report)
        return c.html(<p class="warn">{report.error}</p>, c.req.header("HX-Request") ? 200 : report.status);
      const part = (
        <>
          <ImportReportPart r={report} />
          <ImportsTable imports={await recentImports(db, importsFor(c))} oob />
        </>
      );
      // htmx 2 swaps no 4xx answer, so the refused report reaches the page as a 200 part; a plain form post gets 422.
      if (c.req.header("HX-Request")) return c.html(part);
      c.status(landed(report) ? 200 : 422);
      return c.render(<ImportReportPart r={report} />);
    })
    .post("/mappings", async (c) => {
      const got = mappingFromForm(await c.req.parseBody());
      if ("draft" in got)
        return c.html(await mappingsPanel({ draft: got.draft }), c.req.header("HX-Request") ? 200 : 422);
      await saveMapping(db, got.mapping, actorOf(c, "api"), new Date(deps.clock.now()).toISOString());
      return c.html(await mappingsPanel({ saved: got.mapping.name, oobSelect: true }));
    })
    .post("/mappings/:name/delete", async (c) => {
      await deleteMapping(db, c.req.param("name"), actorOf(c, "api"));
      return c.html(await mappingsPanel({ oobSelect: true }));
    });
}

/** JSON API under /api/pos. */
export function posApi(deps: PosRoutesDeps) {
  const db = deps.db;
  return new Hono()
    .post("/imports", async (c) => {
      const report = await runImport(deps, c);
      if ("error" in report) return c.json({ error: report.error }, report.status);
      return c.json(report, landed(report) ? 200 : 422);
    })
    .get("/imports", async (c) =>
      c.json({ imports: await recentImports(db, { ...importsFor(c), site: c.req.query("site"), limit: 100 }) }),
    )
    .get("/sales", async (c) => {
      const day = c.req.query("date") ?? "";
      if (!DAY.test(day))
        return c.json({ error: `date must be a business day like 2026-11-01, not "${day.slice(0, 20)}"` }, 400);
      const site = posSiteOf(deps.pos, c.req.query("site") ?? suggestedSite(c, deps.pos));
      if ("reason" in site) return c.json({ error: site.reason }, 400);
      const refused = siteRefusal(siteAccessOf(c), site.site);
      if (refused) return c.json({ error: refused }, 403);
      const q = { site: site.site, day };
      return c.json({ date: day, site: site.site, net: await netSalesOfDay(db, q), lines: await salesOfDay(db, q) });
    })
    .get("/mappings", async (c) => c.json({ mappings: await listMappings(db) }))
    .post("/mappings", async (c) => {
      const body = await c.req.json().catch(() => undefined);
      const parsed = ColumnMappingSchema.safeParse(body);
      if (!parsed.success)
        return c.json(
          {
            error: "not a column mapping",
            issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
          },
          400,
        );
      await saveMapping(db, parsed.data, actorOf(c, "api"), new Date(deps.clock.now()).toISOString());
      return c.json({ saved: parsed.data.name }, 201);
    });
}
