/**
 * Quarantine on the dashboard (`/quarantine`) and in the JSON API (`/api/quarantine`). Every route
 * takes `?site=` (404 / 403 as everywhere); with several sites a change needs it (400).
 *
 *   GET  /quarantine                              held packages, releases waiting for a manager, the last released
 *   POST /quarantine/holds                        label, reason, note, location: put a package in quarantine
 *   POST /quarantine/release-requests             label, note: the coordinator asks a manager to release it
 *   POST /quarantine/approvals/:holdId            decision=approve|deny, note, to: a manager decides (policy: managers only)
 *   GET  /api/quarantine                          { holds: [...], released: [...] }
 *
 * A refused step answers its 4xx with the page and the reason on top; nothing is written.
 */
import { Hono, type Context } from "hono";
import type { Kysely } from "kysely";
import { quarantineReasons } from "#contract/quarantine.js";
import { actorOf } from "#hub/auth/middleware.js";
import { chooseSites, siteForChange } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Database } from "#hub/store/database.js";
import { permitsOf } from "#hub/web/permits.js";
import { listHolds } from "./queries.js";
import type { QuarantineService } from "./service.js";
import { QuarantinePage } from "./views/quarantine-page.js";

export interface QuarantineRoutesDeps {
  db: Kysely<Database>;
  sites: SiteDirectory;
  service: Pick<QuarantineService, "hold" | "askRelease" | "decide">;
  quarantineLocation: string;
}

type Status = 200 | 400 | 403 | 404 | 409 | 422;
const TAG = /^[A-Z0-9]{24}$/;
const field = (v: unknown, max = 500) => (typeof v === "string" ? v.trim().slice(0, max) : "");

export function quarantinePages(deps: QuarantineRoutesDeps) {
  const { db, sites } = deps;
  const page = async (c: Context, said: { error?: string; ok?: string } = {}, status: Status = 200) => {
    const choice = chooseSites(c, sites);
    if (!choice.ok) {
      c.status(choice.status);
      return c.render(<p class="warn">{choice.error}</p>, { title: "Quarantine" });
    }
    const [holds, released] = await Promise.all([
      listHolds(db, choice.sites),
      listHolds(db, choice.sites, { released: true }),
    ]);
    const site = choice.chosen ?? choice.sites[0];
    c.status(status);
    return c.render(
      <QuarantinePage
        holds={holds}
        released={released}
        zone={(site ? sites.get(site)?.timeZone : undefined) ?? sites.default.timeZone}
        q={choice.chosen && sites.multi ? `?site=${encodeURIComponent(choice.chosen)}` : ""}
        quarantineLocation={deps.quarantineLocation}
        said={said}
        permits={permitsOf(c)}
      />,
      { title: "Quarantine" },
    );
  };
  return new Hono()
    .get("/", (c) => page(c))
    .post("/holds", async (c) => {
      const where = siteForChange(c, sites);
      if (!where.ok) return page(c, { error: where.error }, where.status);
      const f = await c.req.parseBody();
      const label = field(f.label, 64).toUpperCase();
      const reason = field(f.reason, 64);
      if (!TAG.test(label))
        return page(c, { error: `"${label.slice(0, 30)}" is not a METRC tag (24 letters and digits)` }, 400);
      if (!(quarantineReasons as readonly string[]).includes(reason))
        return page(c, { error: `choose why it is held: ${quarantineReasons.join(", ")}` }, 400);
      const by = actorOf(c, "dashboard");
      const out = await deps.service.hold(where.site, {
        label,
        reason,
        note: field(f.note) || null,
        location: field(f.location, 128) || deps.quarantineLocation,
        by,
        employeeId: by,
      });
      return out.ok
        ? page(c, { ok: `${label} is in quarantine: not sellable until a manager releases it.` })
        : page(c, { error: out.reason }, out.status);
    })
    .post("/release-requests", async (c) => {
      const where = siteForChange(c, sites);
      if (!where.ok) return page(c, { error: where.error }, where.status);
      const f = await c.req.parseBody();
      const out = await deps.service.askRelease(where.site, {
        label: field(f.label, 64),
        by: actorOf(c, "dashboard"),
        note: field(f.note),
      });
      return out.ok
        ? page(c, { ok: "Release asked: a manager approves it here." })
        : page(c, { error: out.reason }, out.status);
    })
    .post("/approvals/:holdId", async (c) => {
      const where = siteForChange(c, sites);
      if (!where.ok) return page(c, { error: where.error }, where.status);
      const f = await c.req.parseBody();
      const decision = field(f.decision, 10);
      if (decision !== "approve" && decision !== "deny") return page(c, { error: "decide approve or deny" }, 400);
      const out = await deps.service.decide(where.site, {
        holdId: c.req.param("holdId"),
        by: actorOf(c, "dashboard"),
        approve: decision === "approve",
        note: field(f.note) || undefined,
        to: field(f.to, 128) || undefined,
      });
      if (!out.ok) return page(c, { error: out.reason }, out.status);
      return page(c, {
        ok:
          decision === "approve"
            ? `${out.pkg.label} released to ${out.pkg.location}.`
            : "Release denied: it stays in quarantine.",
      });
    });
}

export function quarantineApi(deps: QuarantineRoutesDeps) {
  return new Hono().get("/", async (c) => {
    const choice = chooseSites(c, deps.sites);
    if (!choice.ok) return c.json({ error: choice.error }, choice.status);
    const [holds, released] = await Promise.all([
      listHolds(deps.db, choice.sites),
      listHolds(deps.db, choice.sites, { released: true }),
    ]);
    return c.json({ holds, released });
  });
}
