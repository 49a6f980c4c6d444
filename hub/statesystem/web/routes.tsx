/**
 * The state-system screen of the hub dashboard, mounted by the hub app at /statesystem:
 * failed writes with what to do and who must do it, "Sync now" with a live progress bar
 * (htmx SSE), and the request log per package. JSON twins under /statesystem/api for tools.
 */
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import { streamSSE } from "hono/streaming";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { parseMetrcTag } from "#contract/metrc-tag.js";
import type { Database } from "#hub/store/database.js";
import { Layout } from "#hub/web/views/layout.js";
import { TimeZoneNote } from "#hub/web/views/parts/facility-time.js";
import type { Clock } from "../clock.js";
import type { StateSystem } from "../port.js";
import { countByState, overdueSubmissions, submissionsByState, submissionsForPackage } from "../store/queue.js";
import { labResultsFor } from "../store/manifests.js";
import { requestsForPackage } from "../store/request-log.js";
import { listCheckpoints } from "../store/state-records.js";
import { ssDb } from "../store/tables.js";
import { amendSubmission, resolveSubmission, retrySubmission } from "../submitter.js";
import type { StateSystemWorker } from "../worker.js";
import { Checkpoints, FailedWrites, LabResults, OVERDUE_HOURS, PackageLookup, RequestLogTable, SyncPanel, SyncProgressBar, SyncStarted, ssIds } from "./views.js";

const AmendForm = z.object({ reason: z.string().trim().min(1), note: z.string().trim().max(500).default("") });

export interface StateSystemRoutesDeps {
  db: Kysely<Database>;
  worker: Pick<StateSystemWorker, "syncNow" | "progress" | "events"> & { nudge?: () => void };
  clock: Clock;
  log: Logger;
  /** Who is acting, for "mark resolved" (the signed-in employee, once logins exist). */
  actor?: (c: { req: { header(name: string): string | undefined } }) => string;
  /** For COA downloads; without it the package page lists results without links. */
  stateSystem?: Pick<StateSystem, "coaDocument">;
  /** SSE keep-alive comment interval, ms. */
  ssePingMs?: number;
  /** FACILITY_TIME_ZONE: every time on these pages is shown in it. Default America/Los_Angeles. */
  timeZone?: string;
}

/** A 24-character tag or BioTrack's 16-digit id. */
function validLabel(raw: string): string | null {
  const t = parseMetrcTag(raw);
  if (t.ok) return t.tag;
  return /^\d{16}$/.test(raw.trim()) ? raw.trim() : null;
}

export function stateSystemRoutes(deps: StateSystemRoutesDeps) {
  const db = ssDb(deps.db);
  const zone = deps.timeZone ?? "America/Los_Angeles";
  const failedPart = async (errors: Record<string, string> = {}) => {
    const before = new Date(deps.clock.now() - OVERDUE_HOURS * 3_600_000).toISOString();
    const failed = await submissionsByState(db, "failed");
    const authSync = (await listCheckpoints(db)).find((c) => c.last_error?.startsWith("UPSTREAM_AUTH"))?.last_error ?? null;
    const authWrite = failed.find((f) => f.errorCode === "UPSTREAM_AUTH")?.errorMessage ?? null;
    const reasons = (await db.selectFrom("ss_adjustment_reasons").select("name").orderBy("name").execute()).map((r) => r.name);
    return <FailedWrites failed={failed} reasons={reasons} errors={errors} overdue={await overdueSubmissions(db, before)} counts={await countByState(db)} authProblem={authSync ?? authWrite} zone={zone} />;
  };
  const packagePage = async (label: string) => (
    <Layout title={`Requests for ${label}`}>
      <LabResults results={await labResultsFor(db, label)} coaLinks={deps.stateSystem !== undefined} />
      <RequestLogTable label={label} requests={await requestsForPackage(db, label)} submissions={await submissionsForPackage(db, label)} zone={zone} />
    </Layout>
  );
  return new Hono()
    .get("/", async (c) => c.html(
      <Layout title="State system">
        <TimeZoneNote zone={zone} />
        {await failedPart()}
        <SyncPanel p={deps.worker.progress()} checkpoints={await listCheckpoints(db)} zone={zone} />
        <PackageLookup />
      </Layout>,
    ))
    .get("/parts/failed", async (c) => c.html(await failedPart()))
    .get("/parts/checkpoints", async (c) => c.html(<Checkpoints checkpoints={await listCheckpoints(db)} zone={zone} />))
    .post("/submissions/:id/retry", async (c) => {
      const ok = await retrySubmission(db, c.req.param("id"), deps.actor?.(c) ?? "dashboard", new Date(deps.clock.now()));
      if (!ok) return c.html(<p class="warn">That write is not failed any more; reload the page.</p>, 409);
      return c.html(await failedPart());
    })
    .post("/submissions/:id/resolve", async (c) => {
      const by = deps.actor?.(c) ?? "dashboard";
      const ok = await resolveSubmission(db, c.req.param("id"), by, new Date(deps.clock.now()));
      if (!ok) return c.html(<p class="warn">That write is not failed any more; reload the page.</p>, 409);
      return c.html(await failedPart());
    })
    .post("/submissions/:id/amend", zValidator("form", AmendForm, (r, c) => {
      if (!r.success) return c.html(<p class="warn">Pick a reason; a note is at most 500 characters.</p>, 422);
    }), async (c) => {
      const id = c.req.param("id");
      const form = c.req.valid("form");
      const problem = await amendSubmission(db, id, form, deps.actor?.(c) ?? "dashboard", new Date(deps.clock.now()));
      if (problem === "gone") return c.html(<p class="warn">That write is not failed any more; reload the page.</p>, 409);
      if (problem) return c.html(await failedPart({ [id]: problem }), 422);
      deps.worker.nudge?.();
      return c.html(await failedPart());
    })
    .post("/sync", (c) => {
      void deps.worker.syncNow();
      return c.html(<SyncStarted p={{ ...deps.worker.progress(), running: true }} zone={zone} />);
    })
    .get("/sync/progress", (c) => c.html(<SyncProgressBar p={deps.worker.progress()} zone={zone} />))
    .get("/sync/events", (c) =>
      streamSSE(c, async (stream) => {
        const send = (p: Parameters<typeof SyncProgressBar>[0]["p"]) => void stream.writeSSE({ event: ssIds.sseEvent, data: (<SyncProgressBar p={p} zone={zone} />).toString() });
        deps.worker.events.on("progress", send);
        const ping = setInterval(() => void stream.write(": ping\n\n"), deps.ssePingMs ?? 15_000);
        await new Promise<void>((resolve) => stream.onAbort(resolve));
        clearInterval(ping);
        deps.worker.events.off("progress", send);
      }),
    )
    .get("/packages", (c) => {
      const label = validLabel(c.req.query("label") ?? "");
      if (!label) return c.html(<Layout title="State system"><p class="warn">That is not a package tag: a METRC tag has 24 letters and digits.</p><PackageLookup /></Layout>, 400);
      return c.redirect(`/statesystem/packages/${label}`);
    })
    .get("/packages/:label", async (c) => {
      const label = validLabel(c.req.param("label"));
      if (!label) return c.html(<Layout title="State system"><p class="warn">That is not a package tag: a METRC tag has 24 letters and digits.</p></Layout>, 400);
      return c.html(await packagePage(label));
    })
    .get("/coa/:fileId", async (c) => {
      if (!deps.stateSystem) return c.text("COA downloads are not available here", 404);
      const doc = await deps.stateSystem.coaDocument(c.req.param("fileId"));
      return c.body(doc.body.slice().buffer as ArrayBuffer, 200, { "content-type": doc.contentType, "content-disposition": `inline; filename="coa-${c.req.param("fileId")}.pdf"` });
    })
    .get("/api/failed", async (c) => c.json(await submissionsByState(db, "failed")))
    .get("/api/sync", (c) => c.json(deps.worker.progress()))
    .get("/api/packages/:label/requests", async (c) => {
      const label = validLabel(c.req.param("label"));
      if (!label) return c.json({ error: "not a package tag (24 letters and digits)" }, 400);
      return c.json({ label, requests: await requestsForPackage(db, label), submissions: await submissionsForPackage(db, label) });
    });
}
