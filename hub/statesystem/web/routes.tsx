/**
 * The state-system screen of the hub dashboard, mounted by the hub app at /statesystem, for one
 * site at a time (`?site=`, else the first site the login may see): failed writes with what to do
 * and who must do it, "Sync now" with a live progress bar (htmx SSE), and the request log per
 * package. JSON twins under /statesystem/api for tools.
 */
import { zValidator } from "@hono/zod-validator";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { streamSSE } from "hono/streaming";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { parseMetrcTag } from "#contract/metrc-tag.js";
import type { Principal } from "#hub/auth/schema.js";
import { appendAudit } from "#hub/ledger/audit.js";
import { siteAccessOf, siteRefusal } from "#hub/sites/access.js";
import { permitsOf } from "#hub/web/permits.js";
import { TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { Clock } from "#hub/clock.js";
import type { StateSystem } from "../port.js";
import {
  countByState,
  getSubmission,
  overdueSubmissions,
  submissionsByState,
  submissionsForPackage,
} from "../store/queue.js";
import { labResultsFor } from "../store/manifests.js";
import { requestsForPackage } from "../store/request-log.js";
import { listCheckpoints } from "../store/state-records.js";
import { amendSubmission, resolveSubmission, retrySubmission } from "../submitter.js";
import type { StateSystemWorker } from "../worker.js";
import {
  BASE,
  Checkpoints,
  FailedWrites,
  LabResults,
  OVERDUE_HOURS,
  PackageLookup,
  RequestLogTable,
  SiteHeading,
  SyncPanel,
  SyncProgressBar,
  SyncStarted,
  ssIds,
} from "./views.js";
import type { Database } from "#hub/store/database.js";

const AmendForm = z.object({ reason: z.string().trim().min(1), note: z.string().trim().max(500).default("") });

/** One site's part of the screen: its worker and, for COA downloads, its state system. */
export interface RoutedSite {
  site: string;
  /** For the heading and the links to the other sites. */
  label?: string;
  worker: Pick<StateSystemWorker, "syncNow" | "progress" | "events"> & { nudge?: () => void };
  /** For COA downloads; without it the package page lists results without links. */
  stateSystem?: Pick<StateSystem, "coaDocument">;
  /** The site's FACILITY_TIME_ZONE (IANA); default the routes' `timeZone`. */
  timeZone?: string;
}

export interface StateSystemRoutesDeps {
  db: Kysely<Database>;
  /** Every site the hub serves, the default first. */
  sites: readonly RoutedSite[];
  clock: Clock;
  log: Logger;
  /** Who is acting, for the audit trail; default the signed-in employee ("dashboard" on a hub without logins). */
  actor?: (c: Context) => string;
  /** SSE keep-alive comment interval, ms. */
  ssePingMs?: number;
  /** Times of a site without its own zone are shown in this one. Default America/Los_Angeles. */
  timeZone?: string;
}

/** A 24-character tag or BioTrack's 16-digit id. */
function validLabel(raw: string): string | null {
  const t = parseMetrcTag(raw);
  if (t.ok) return t.tag;
  return /^\d{16}$/.test(raw.trim()) ? raw.trim() : null;
}

type Picked = { ok: true; s: RoutedSite; q: string } | { ok: false; status: 403 | 404; error: string };

/** The site a request is about: `?site=` (404 unknown, 403 not this login's), else the first it may see. */
function pickSite(c: Context, deps: StateSystemRoutesDeps): Picked {
  const access = siteAccessOf(c);
  const raw = c.req.query("site");
  if (raw) {
    const s = deps.sites.find((x) => x.site === raw);
    if (!s)
      return {
        ok: false,
        status: 404,
        error: `no site "${raw.slice(0, 64)}" here: this hub serves ${deps.sites.map((x) => x.site).join(", ")}`,
      };
    const refused = siteRefusal(access, raw);
    return refused
      ? { ok: false, status: 403, error: refused }
      : { ok: true, s, q: `?site=${encodeURIComponent(raw)}` };
  }
  const s = deps.sites.find((x) => !siteRefusal(access, x.site));
  if (!s) return { ok: false, status: 403, error: siteRefusal(access, deps.sites[0]?.site ?? "") ?? "no site" };
  return { ok: true, s, q: s === deps.sites[0] ? "" : `?site=${encodeURIComponent(s.site)}` };
}

export function stateSystemRoutes(deps: StateSystemRoutesDeps) {
  const db = deps.db;
  /** Who acts, as the audit trail names them. */
  const actorOf = (c: Context) =>
    deps.actor?.(c) ?? (c.get("principal") as Principal | undefined)?.employeeId ?? "dashboard";
  const qOf = (site: string) => (site === deps.sites[0]?.site ? "" : `?site=${encodeURIComponent(site)}`);
  /** The site's FACILITY_TIME_ZONE: every time on its pages is shown in it. */
  const zoneOf = (site: string) =>
    deps.sites.find((x) => x.site === site)?.timeZone ?? deps.timeZone ?? "America/Los_Angeles";
  /** `act`: the signed-in person may retry, resolve and correct writes (the role policy on POST /statesystem/submissions). */
  const failedPart = async (site: string, act: boolean, errors: Record<string, string> = {}) => {
    const before = new Date(deps.clock.now() - OVERDUE_HOURS * 3_600_000).toISOString();
    const failed = await submissionsByState(db, site, "failed");
    const authSync =
      (await listCheckpoints(db, site)).find((c) => c.last_error?.startsWith("UPSTREAM_AUTH"))?.last_error ?? null;
    const authWrite = failed.find((f) => f.errorCode === "UPSTREAM_AUTH")?.errorMessage ?? null;
    const reasons = (
      await db.selectFrom("ss_adjustment_reasons").select("name").where("site_id", "=", site).orderBy("name").execute()
    ).map((r) => r.name);
    return (
      <FailedWrites
        failed={failed}
        reasons={reasons}
        errors={errors}
        overdue={await overdueSubmissions(db, site, before)}
        counts={await countByState(db, site)}
        authProblem={authSync ?? authWrite}
        q={qOf(site)}
        act={act}
        zone={zoneOf(site)}
      />
    );
  };
  const packagePage = async (s: RoutedSite, q: string, label: string) => (
    <>
      <LabResults results={await labResultsFor(db, s.site, label)} coaLinks={s.stateSystem !== undefined} q={q} />
      <RequestLogTable
        label={label}
        requests={await requestsForPackage(db, s.site, label)}
        submissions={await submissionsForPackage(db, s.site, label)}
        q={q}
        zone={zoneOf(s.site)}
      />
    </>
  );
  const mayAct = (c: Parameters<typeof permitsOf>[0]) => permitsOf(c)("POST", `${BASE}/submissions`);
  const heading = (s: RoutedSite) =>
    deps.sites.length < 2 ? null : (
      <SiteHeading
        current={{ id: s.site, label: s.label ?? s.site }}
        others={deps.sites.filter((x) => x !== s).map((x) => ({ id: x.site, label: x.label ?? x.site }))}
      />
    );
  /** The failed write `id` when the login may see its site; else the answer to send. */
  const submissionFor = async (c: Context, id: string) => {
    const row = await getSubmission(db, id);
    const refused = row && siteRefusal(siteAccessOf(c), row.site);
    if (refused) return { answer: c.html(<p class="warn">{refused}</p>, 403) };
    return { site: row?.site ?? deps.sites[0]!.site };
  };
  const problem = (c: Context, p: Extract<Picked, { ok: false }>) => {
    c.status(p.status);
    return c.render(<p class="warn">{p.error}</p>, { title: "State system" });
  };
  return new Hono()
    .get("/", async (c) => {
      const p = pickSite(c, deps);
      if (!p.ok) return problem(c, p);
      const zone = zoneOf(p.s.site);
      return c.render(
        <>
          {heading(p.s)}
          <TimeZoneNote zone={zone} />
          {await failedPart(p.s.site, mayAct(c))}
          <SyncPanel p={p.s.worker.progress()} checkpoints={await listCheckpoints(db, p.s.site)} q={p.q} zone={zone} />
          <PackageLookup site={p.q ? p.s.site : undefined} />
        </>,
        { title: "State system" },
      );
    })
    .get("/parts/failed", async (c) => {
      const p = pickSite(c, deps);
      return p.ok ? c.html(await failedPart(p.s.site, mayAct(c))) : problem(c, p);
    })
    .get("/parts/checkpoints", async (c) => {
      const p = pickSite(c, deps);
      return p.ok
        ? c.html(<Checkpoints checkpoints={await listCheckpoints(db, p.s.site)} q={p.q} zone={zoneOf(p.s.site)} />)
        : problem(c, p);
    })
    .post("/submissions/:id/retry", async (c) => {
      const found = await submissionFor(c, c.req.param("id"));
      if ("answer" in found) return found.answer;
      const ok = await retrySubmission(db, c.req.param("id"), actorOf(c), new Date(deps.clock.now()));
      if (!ok) return c.html(<p class="warn">That write is not failed any more; reload the page.</p>, 409);
      return c.html(await failedPart(found.site, true));
    })
    .post("/submissions/:id/resolve", async (c) => {
      const found = await submissionFor(c, c.req.param("id"));
      if ("answer" in found) return found.answer;
      const by = actorOf(c);
      const ok = await resolveSubmission(db, c.req.param("id"), by, new Date(deps.clock.now()));
      if (!ok) return c.html(<p class="warn">That write is not failed any more; reload the page.</p>, 409);
      return c.html(await failedPart(found.site, true));
    })
    .post(
      "/submissions/:id/amend",
      zValidator("form", AmendForm, (r, c) => {
        if (!r.success) return c.html(<p class="warn">Pick a reason; a note is at most 500 characters.</p>, 422);
      }),
      async (c) => {
        const id = c.req.param("id");
        const found = await submissionFor(c, id);
        if ("answer" in found) return found.answer;
        const form = c.req.valid("form");
        const problemText = await amendSubmission(db, id, form, actorOf(c), new Date(deps.clock.now()));
        if (problemText === "gone")
          return c.html(<p class="warn">That write is not failed any more; reload the page.</p>, 409);
        if (problemText) return c.html(await failedPart(found.site, true, { [id]: problemText }), 422);
        deps.sites.find((x) => x.site === found.site)?.worker.nudge?.();
        return c.html(await failedPart(found.site, true));
      },
    )
    .post("/sync", async (c) => {
      const p = pickSite(c, deps);
      if (!p.ok) return problem(c, p);
      const by = actorOf(c);
      await appendAudit(db, { actor: by, action: "statesystem.sync.requested", subject: p.s.site });
      void p.s.worker.syncNow();
      return c.html(<SyncStarted p={{ ...p.s.worker.progress(), running: true }} zone={zoneOf(p.s.site)} />);
    })
    .get("/sync/progress", (c) => {
      const p = pickSite(c, deps);
      return p.ok ? c.html(<SyncProgressBar p={p.s.worker.progress()} zone={zoneOf(p.s.site)} />) : problem(c, p);
    })
    .get("/sync/events", (c) => {
      const p = pickSite(c, deps);
      if (!p.ok) return problem(c, p);
      const worker = p.s.worker;
      const zone = zoneOf(p.s.site);
      return streamSSE(c, async (stream) => {
        const send = (progress: Parameters<typeof SyncProgressBar>[0]["p"]) =>
          void stream.writeSSE({
            event: ssIds.sseEvent,
            data: (<SyncProgressBar p={progress} zone={zone} />).toString(),
          });
        worker.events.on("progress", send);
        const ping = setInterval(() => void stream.write(": ping\n\n"), deps.ssePingMs ?? 15_000);
        await new Promise<void>((resolve) => stream.onAbort(resolve));
        clearInterval(ping);
        worker.events.off("progress", send);
      });
    })
    .get("/packages", (c) => {
      const label = validLabel(c.req.query("label") ?? "");
      if (!label) {
        c.status(400);
        return c.render(
          <>
            <p class="warn">That is not a package tag: a METRC tag has 24 letters and digits.</p>
            <PackageLookup />
          </>,
          { title: "State system" },
        );
      }
      const site = c.req.query("site");
      return c.redirect(`/statesystem/packages/${label}${site ? `?site=${encodeURIComponent(site)}` : ""}`);
    })
    .get("/packages/:label", async (c) => {
      const label = validLabel(c.req.param("label"));
      if (!label) {
        c.status(400);
        return c.render(<p class="warn">That is not a package tag: a METRC tag has 24 letters and digits.</p>, {
          title: "State system",
        });
      }
      const p = pickSite(c, deps);
      return p.ok ? c.render(await packagePage(p.s, p.q, label), { title: `Requests for ${label}` }) : problem(c, p);
    })
    .get("/coa/:fileId", async (c) => {
      const p = pickSite(c, deps);
      if (!p.ok) return problem(c, p);
      if (!p.s.stateSystem) return c.text("COA downloads are not available here", 404);
      const doc = await p.s.stateSystem.coaDocument(c.req.param("fileId"));
      return c.body(doc.body.slice().buffer as ArrayBuffer, 200, {
        "content-type": doc.contentType,
        "content-disposition": `inline; filename="coa-${c.req.param("fileId")}.pdf"`,
      });
    })
    .get("/api/failed", async (c) => {
      const p = pickSite(c, deps);
      return p.ok ? c.json(await submissionsByState(db, p.s.site, "failed")) : c.json({ error: p.error }, p.status);
    })
    .get("/api/sync", (c) => {
      const p = pickSite(c, deps);
      return p.ok ? c.json(p.s.worker.progress()) : c.json({ error: p.error }, p.status);
    })
    .get("/api/packages/:label/requests", async (c) => {
      const label = validLabel(c.req.param("label"));
      if (!label) return c.json({ error: "not a package tag (24 letters and digits)" }, 400);
      const p = pickSite(c, deps);
      if (!p.ok) return c.json({ error: p.error }, p.status);
      return c.json({
        label,
        site: p.s.site,
        requests: await requestsForPackage(db, p.s.site, label),
        submissions: await submissionsForPackage(db, p.s.site, label),
      });
    });
}
