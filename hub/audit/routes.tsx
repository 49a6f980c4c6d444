/**
 * The auditors' page (policy: managers, auditors and admins read; nobody writes):
 *
 *   GET /audit                       the chain's head, the newest entries, the export form
 *   GET /audit/export?from=&to=      the export as a file (JSON Lines, as `vaultline-hub audit
 *                                    export` writes it), days facility-local and both included;
 *                                    the download is itself audited (`audit.exported`) first
 *
 * The trail covers every site the hub serves and only verifies whole, so a login limited to some
 * of them is refused (403, with the reason). `?site=` picks whose time zone the days are in.
 */
import { actorOf } from "#hub/auth/middleware.js";
import { Hono, type Context } from "hono";
import type { Kysely } from "kysely";
import { appendAudit, listRecentAudit } from "#hub/ledger/audit.js";
import { auditExportLines, type AuditRange } from "#hub/ledger/audit-export.js";
import { chooseSites, siteAccessOf } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Clock } from "#hub/clock.js";
import type { Database } from "#hub/store/database.js";
import { exportRange } from "./range.js";
import { AuditPage, type AuditPageProps } from "./views/audit-page.js";

export interface AuditRoutesDeps {
  db: Kysely<Database>;
  sites: SiteDirectory;
  clock: Pick<Clock, "now">;
}

const TITLE = { title: "Audit trail" };
/** Bytes gathered before a chunk of the download is handed on. */
const CHUNK_BYTES = 64 * 1024;

/** The time zone the request's days are in, or the answer refusing it. */
function zoneFor(
  c: Context,
  sites: SiteDirectory,
): { zone: string; site?: string } | { status: 403 | 404; error: string } {
  const access = siteAccessOf(c);
  const unseen = access === null ? [] : sites.ids().filter((id) => !access.includes(id));
  if (unseen.length > 0)
    return {
      status: 403,
      error: `the audit trail covers every site this hub serves; this sign-in may not see ${unseen.join(", ")}`,
    };
  const choice = chooseSites(c, sites);
  if (!choice.ok) return { status: choice.status, error: choice.error };
  const site = choice.chosen ? sites.get(choice.chosen) : sites.default;
  return { zone: site!.timeZone, ...(choice.chosen ? { site: choice.chosen } : {}) };
}

/** The export's lines as a byte stream, in chunks. */
function streamOf(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      let chunk = "";
      while (chunk.length < CHUNK_BYTES) {
        const next = await lines.next();
        if (next.done) {
          if (chunk) ctrl.enqueue(encoder.encode(chunk));
          ctrl.close();
          return;
        }
        chunk += `${next.value}\n`;
      }
      ctrl.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}

/** The export as a download, after its own audit entry (so a file whose range reaches now holds it). */
async function download(
  deps: AuditRoutesDeps,
  c: Context,
  asked: { from: string | undefined; to: string | undefined; zone: string; range: AuditRange },
): Promise<Response> {
  const who = actorOf(c, "dashboard");
  await appendAudit(deps.db, {
    actor: who,
    action: "audit.exported",
    subject: "audit trail",
    at: new Date(deps.clock.now()).toISOString(),
    detail: { from: asked.from ?? null, to: asked.to ?? null, timeZone: asked.zone, via: "dashboard" },
  });
  const name = `vaultline-audit${asked.from ? `-from-${asked.from}` : ""}${asked.to ? `-to-${asked.to}` : ""}.jsonl`;
  return new Response(streamOf(auditExportLines(deps.db, asked.range)), {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}

/** Routes mounted at /audit. */
export function auditRoutes(deps: AuditRoutesDeps) {
  const { db, sites } = deps;
  const page = async (
    c: Context,
    zone: string,
    extra: Partial<Pick<AuditPageProps, "from" | "to" | "error" | "siteQuery">>,
  ) => {
    const { total, recent } = await listRecentAudit(db, 25);
    return c.render(<AuditPage zone={zone} total={total} head={recent[0]} recent={recent} {...extra} />, TITLE);
  };
  const refused = (c: Context, z: { status: 403 | 404; error: string }) => {
    c.status(z.status);
    return c.render(<p class="warn">{z.error}</p>, TITLE);
  };
  return new Hono()
    .get("/", async (c) => {
      const z = zoneFor(c, sites);
      return "error" in z ? refused(c, z) : page(c, z.zone, z.site ? { siteQuery: z.site } : {});
    })
    .get("/export", async (c) => {
      const z = zoneFor(c, sites);
      if ("error" in z) return refused(c, z);
      const from = c.req.query("from") || undefined;
      const to = c.req.query("to") || undefined;
      const picked = exportRange(from, to, z.zone);
      if ("error" in picked) {
        c.status(400);
        return page(c, z.zone, {
          from: from ?? "",
          to: to ?? "",
          error: picked.error,
          ...(z.site ? { siteQuery: z.site } : {}),
        });
      }
      return download(deps, c, { from, to, zone: z.zone, range: picked.range });
    });
}
