/**
 * Receiving on the dashboard (`/receiving`) and in the JSON API (`/api/receiving`).
 *
 *   GET /receiving                          open manifests with progress, finished ones with flags
 *   GET /receiving/:manifest                lines: vault decision next to METRC's record, flags
 *   GET /receiving/:manifest/checklist      printable METRC receiving checklist
 *   GET /receiving/coa/:fileId              a COA document, from the state system
 *   POST /receiving/check                   sync from the state system now, then the outcome watch
 *   GET /api/receiving                      { manifests: [...] }
 *   GET /api/receiving/:manifest            the manifest in full, with flags
 *   GET /api/receiving/:manifest/checklist  JSON, or CSV with ?format=csv
 */
import { Hono, type Context } from "hono";
import type { Kysely } from "kysely";
import type { StateSystem } from "#hub/statesystem/index.js";
import type { Database } from "#hub/store/database.js";
import { buildChecklist, checklistCsv } from "./checklist.js";
import { listManifests, manifestDetail } from "./queries.js";
import { rxDb } from "./tables.js";
import { ChecklistPage } from "./views/checklist-page.js";
import { ReceivingListPage, ReceivingPanels } from "./views/list-page.js";
import { ManifestPage, ReceivingProblem } from "./views/manifest-page.js";

export interface ReceivingRoutesDeps {
  db: Kysely<Database>;
  /** For COA documents; absent while no state system is configured. */
  coaSource?: () => Pick<StateSystem, "coaDocument"> | undefined;
  /** Syncs from the state system now and runs the outcome watch; resolves with what happened, in words. */
  checkNow?: () => Promise<string>;
  /** When METRC was last checked from these pages and what came of it (shown after the page reloads). */
  lastCheck?: () => { at: string; said: string } | null;
  /** FACILITY_TIME_ZONE: every time on the pages is shown in it. Default America/Los_Angeles. */
  timeZone?: string;
}

/** METRC manifest numbers are digits ("0000000001"); other systems use letters and dashes too. */
const MANIFEST = /^[A-Za-z0-9-]{1,40}$/;

function badManifest(raw: string): string | null {
  return MANIFEST.test(raw) ? null : `"${raw.slice(0, 60)}" is not a manifest number (letters, digits and dashes, up to 40)`;
}

/** Dashboard pages under /receiving. */
export function receivingPages(deps: ReceivingRoutesDeps) {
  const db = rxDb(deps.db);
  const zone = deps.timeZone ?? "America/Los_Angeles";
  const problem = (c: Context, status: 400 | 404 | 502, message: string) => {
    c.status(status);
    return c.render(<ReceivingProblem message={message} />);
  };
  return new Hono()
    .get("/", async (c) => c.render(<ReceivingListPage manifests={await listManifests(db)} zone={zone} />))
    .get("/parts/panels", async (c) => c.html(<ReceivingPanels manifests={await listManifests(db)} zone={zone} />))
    .post("/check", async (c) => {
      if (!deps.checkNow) return c.html(<p class="warn">Checking METRC is not available here.</p>, 404);
      const said = await deps.checkNow();
      // The flags and METRC's column change with the check: the page reloads to show them.
      c.header("HX-Refresh", "true");
      return c.html(<p class="muted">{said}</p>);
    })
    .get("/coa/:fileId", async (c) => {
      const fileId = c.req.param("fileId");
      if (!/^[A-Za-z0-9-]{1,40}$/.test(fileId)) return problem(c, 400, `"${fileId.slice(0, 60)}" is not a COA document id`);
      const source = deps.coaSource?.();
      if (!source) return problem(c, 404, "COA documents open here once the state system is configured.");
      const doc = await source.coaDocument(fileId).catch((err: Error) => err);
      if (doc instanceof Error) return problem(c, 502, `The state system did not send COA document ${fileId}: ${doc.message}`);
      return c.body(doc.body.slice().buffer as ArrayBuffer, 200, { "content-type": doc.contentType, "content-disposition": `inline; filename="coa-${fileId}.pdf"` });
    })
    .get("/:manifest", async (c) => {
      const n = c.req.param("manifest");
      const bad = badManifest(n);
      if (bad) return problem(c, 400, bad);
      const m = await manifestDetail(db, n);
      return m ? c.render(<ManifestPage m={m} zone={zone} lastCheck={deps.lastCheck?.() ?? null} />) : problem(c, 404, `Manifest ${n} is not among the incoming transfers or the vault's records.`);
    })
    .get("/:manifest/checklist", async (c) => {
      const n = c.req.param("manifest");
      const bad = badManifest(n);
      if (bad) return problem(c, 400, bad);
      const cl = await buildChecklist(db, n);
      if (!cl) return problem(c, 404, `Manifest ${n} is not among the incoming transfers or the vault's records.`);
      if ("open" in cl) return problem(c, 404, `Manifest ${n} is not finished at the vault yet (${cl.decided} packages decided); its checklist follows completion.`);
      return c.render(<ChecklistPage c={cl} zone={zone} />);
    });
}

/** JSON API under /api/receiving. */
export function receivingApi(deps: ReceivingRoutesDeps) {
  const db = rxDb(deps.db);
  return new Hono()
    .get("/", async (c) => c.json({ manifests: await listManifests(db) }))
    .get("/:manifest", async (c) => {
      const n = c.req.param("manifest");
      const bad = badManifest(n);
      if (bad) return c.json({ error: bad }, 400);
      const m = await manifestDetail(db, n);
      return m ? c.json(m) : c.json({ error: `no incoming manifest ${n}` }, 404);
    })
    .get("/:manifest/checklist", async (c) => {
      const n = c.req.param("manifest");
      const bad = badManifest(n);
      if (bad) return c.json({ error: bad }, 400);
      const format = c.req.query("format") ?? "json";
      if (format !== "json" && format !== "csv") return c.json({ error: `format must be json or csv, not "${format.slice(0, 20)}"` }, 400);
      const cl = await buildChecklist(db, n);
      if (!cl) return c.json({ error: `no incoming manifest ${n}` }, 404);
      if ("open" in cl) return c.json({ error: `manifest ${n} is not finished at the vault yet (${cl.decided} packages decided)` }, 409);
      if (format === "json") return c.json(cl);
      return c.body(checklistCsv(cl), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="metrc-receiving-${n}.csv"` });
    });
}
