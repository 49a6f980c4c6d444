/**
 * Receiving on the dashboard (`/receiving`) and in the JSON API (`/api/receiving`). Every route
 * takes `?site=` (a site the hub serves and the login may see: 404 / 403 otherwise); lists
 * without it show every site the login may see, and a manifest number held by several of them
 * asks for one (409).
 *
 *   GET /receiving                          open manifests with progress, finished ones with flags
 *   GET /receiving/:manifest                lines: vault decision next to METRC's record, flags
 *   GET /receiving/:manifest/checklist      printable METRC receiving checklist
 *   GET /receiving/coa/:fileId              a COA document, from the site's state system
 *   POST /receiving/check                   sync from the state system now, then the outcome watch
 *   GET /api/receiving                      { manifests: [...] }
 *   GET /api/receiving/:manifest            the manifest in full, with flags
 *   GET /api/receiving/:manifest/checklist  JSON, or CSV with ?format=csv
 */
import { Hono, type Context } from "hono";
import type { Kysely } from "kysely";
import { appendAudit } from "#hub/ledger/audit.js";
import { chooseSites, type SiteChoice } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { StateSystem } from "#hub/statesystem/index.js";
import { buildChecklist, checklistCsv } from "./checklist.js";
import { listManifests, manifestDetail, sitesWithManifest } from "./queries.js";
import { ChecklistPage } from "./views/checklist-page.js";
import { ReceivingListPage, ReceivingPanels } from "./views/list-page.js";
import { ManifestPage, ReceivingProblem } from "./views/manifest-page.js";
import type { Database } from "#hub/store/database.js";

export interface ReceivingRoutesDeps {
  db: Kysely<Database>;
  sites: SiteDirectory;
  /** A site's state system, for COA documents; absent while none is configured. */
  coaSource?: (site: string) => Pick<StateSystem, "coaDocument"> | undefined;
  /** Syncs the sites' state systems now and runs the outcome watch; resolves with what happened, in words. */
  checkNow?: (sites: readonly string[]) => Promise<string>;
  /** When METRC was last checked for the site from these pages and what came of it (shown after the page reloads). */
  lastCheck?: (site: string) => { at: string; said: string } | null;
}

/** METRC manifest numbers are digits ("0000000001"); other systems use letters and dashes too. */
const MANIFEST = /^[A-Za-z0-9-]{1,40}$/;

function badManifest(raw: string): string | null {
  return MANIFEST.test(raw)
    ? null
    : `"${raw.slice(0, 60)}" is not a manifest number (letters, digits and dashes, up to 40)`;
}

type Found = { site: string } | { status: 400 | 403 | 404 | 409; error: string };

/** The site of manifest `n` among the sites the request may see (see the file's head). */
async function manifestSite(db: Kysely<Database>, choice: SiteChoice, n: string): Promise<Found> {
  if (!choice.ok) return { status: choice.status, error: choice.error };
  const bad = badManifest(n);
  if (bad) return { status: 400, error: bad };
  if (choice.chosen !== undefined) return { site: choice.chosen };
  if (choice.sites.length === 1) return { site: choice.sites[0]! };
  const found = await sitesWithManifest(db, choice.sites, n);
  if (found.length === 1) return { site: found[0]! };
  if (found.length > 1)
    return { status: 409, error: `manifest ${n} is known at sites ${found.join(", ")}: ask with ?site=` };
  return { status: 404, error: `Manifest ${n} is not among the incoming transfers or the vault's records.` };
}

/** `?site=…` for links on a page about `site`, when the hub serves several. */
const siteQuery = (sites: SiteDirectory, site: string) => (sites.multi ? `?site=${encodeURIComponent(site)}` : "");

/** Dashboard pages under /receiving. */
export function receivingPages(deps: ReceivingRoutesDeps) {
  const { db, sites } = deps;
  /** The site's FACILITY_TIME_ZONE: every time on its pages is shown in it. */
  const zoneOf = (site: string | undefined) =>
    (site === undefined ? undefined : sites.get(site)?.timeZone) ?? sites.default.timeZone;
  const problem = (c: Context, status: 400 | 403 | 404 | 409 | 502, message: string) => {
    c.status(status);
    return c.render(<ReceivingProblem message={message} />);
  };
  const listed = async (c: Context) => {
    const choice = chooseSites(c, sites);
    if (!choice.ok) return choice;
    const shown = { multi: sites.multi, query: choice.chosen ? siteQuery(sites, choice.chosen) : "" };
    return { manifests: await listManifests(db, choice.sites), shown, zone: zoneOf(choice.chosen ?? choice.sites[0]) };
  };
  return new Hono()
    .get("/", async (c) => {
      const l = await listed(c);
      return "manifests" in l
        ? c.render(<ReceivingListPage manifests={l.manifests} sites={l.shown} zone={l.zone} />)
        : problem(c, l.status, l.error);
    })
    .get("/parts/panels", async (c) => {
      const l = await listed(c);
      return "manifests" in l
        ? c.html(<ReceivingPanels manifests={l.manifests} sites={l.shown} zone={l.zone} />)
        : c.html(<p class="warn">{l.error}</p>, l.status);
    })
    .post("/check", async (c) => {
      if (!deps.checkNow) return c.html(<p class="warn">Checking METRC is not available here.</p>, 404);
      const choice = chooseSites(c, sites);
      if (!choice.ok) return c.html(<p class="warn">{choice.error}</p>, choice.status);
      const actor = (c.var as { principal?: { employeeId: string } }).principal?.employeeId ?? "dashboard";
      await appendAudit(db, { actor, action: "receiving.check.requested", subject: choice.sites.join(",") });
      const said = await deps.checkNow(choice.sites);
      // The flags and METRC's column change with the check: the page reloads to show them.
      c.header("HX-Refresh", "true");
      return c.html(<p class="muted">{said}</p>);
    })
    .get("/coa/:fileId", async (c) => {
      const fileId = c.req.param("fileId");
      if (!/^[A-Za-z0-9-]{1,40}$/.test(fileId))
        return problem(c, 400, `"${fileId.slice(0, 60)}" is not a COA document id`);
      const choice = chooseSites(c, sites);
      if (!choice.ok) return problem(c, choice.status, choice.error);
      const site = choice.chosen ?? choice.sites[0];
      const source = site === undefined ? undefined : deps.coaSource?.(site);
      if (!source) return problem(c, 404, "COA documents open here once the state system is configured.");
      const doc = await source.coaDocument(fileId).catch((err: Error) => err);
      if (doc instanceof Error)
        return problem(c, 502, `The state system did not send COA document ${fileId}: ${doc.message}`);
      return c.body(doc.body.slice().buffer as ArrayBuffer, 200, {
        "content-type": doc.contentType,
        "content-disposition": `inline; filename="coa-${fileId}.pdf"`,
      });
    })
    .get("/:manifest", async (c) => {
      const n = c.req.param("manifest");
      const where = await manifestSite(db, chooseSites(c, sites), n);
      if ("error" in where) return problem(c, where.status, where.error);
      const m = await manifestDetail(db, where.site, n);
      return m
        ? c.render(
            <ManifestPage
              m={m}
              q={siteQuery(sites, where.site)}
              zone={zoneOf(where.site)}
              lastCheck={deps.lastCheck?.(where.site) ?? null}
            />,
          )
        : problem(c, 404, `Manifest ${n} is not among the incoming transfers or the vault's records.`);
    })
    .get("/:manifest/checklist", async (c) => {
      const n = c.req.param("manifest");
      const where = await manifestSite(db, chooseSites(c, sites), n);
      if ("error" in where) return problem(c, where.status, where.error);
      const cl = await buildChecklist(db, where.site, n);
      if (!cl) return problem(c, 404, `Manifest ${n} is not among the incoming transfers or the vault's records.`);
      if ("open" in cl)
        return problem(
          c,
          404,
          `Manifest ${n} is not finished at the vault yet (${cl.decided} packages decided); its checklist follows completion.`,
        );
      return c.render(<ChecklistPage c={cl} q={siteQuery(sites, where.site)} zone={zoneOf(where.site)} />);
    });
}

/** JSON API under /api/receiving. */
export function receivingApi(deps: ReceivingRoutesDeps) {
  const { db, sites } = deps;
  const failed = (c: Context, f: Extract<Found, { error: string }>) =>
    c.json({ error: f.status === 404 ? `no incoming manifest ${c.req.param("manifest")}` : f.error }, f.status);
  return new Hono()
    .get("/", async (c) => {
      const choice = chooseSites(c, sites);
      if (!choice.ok) return c.json({ error: choice.error }, choice.status);
      return c.json({ manifests: await listManifests(db, choice.sites) });
    })
    .get("/:manifest", async (c) => {
      const n = c.req.param("manifest");
      const where = await manifestSite(db, chooseSites(c, sites), n);
      if ("error" in where) return failed(c, where);
      const m = await manifestDetail(db, where.site, n);
      return m ? c.json(m) : c.json({ error: `no incoming manifest ${n}` }, 404);
    })
    .get("/:manifest/checklist", async (c) => {
      const n = c.req.param("manifest");
      const format = c.req.query("format") ?? "json";
      const where = await manifestSite(db, chooseSites(c, sites), n);
      if ("error" in where) return failed(c, where);
      if (format !== "json" && format !== "csv")
        return c.json({ error: `format must be json or csv, not "${format.slice(0, 20)}"` }, 400);
      const cl = await buildChecklist(db, where.site, n);
      if (!cl) return c.json({ error: `no incoming manifest ${n}` }, 404);
      if ("open" in cl)
        return c.json(
          { error: `manifest ${n} is not finished at the vault yet (${cl.decided} packages decided)` },
          409,
        );
      if (format === "json") return c.json(cl);
      return c.body(checklistCsv(cl), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="metrc-receiving-${n}.csv"`,
      });
    });
}
