/**
 * Package splits as a hub module: it needs the ledger and uses the state system when a module
 * provides one (the package creation and any difference's adjustment are queued for the site's
 * worker). It applies the stations' `split` events and mounts /splits and /api/splits, with
 * "Splits" in the header.
 */
import { Hono, type Context } from "hono";
import type { HubModule } from "#hub/modules.js";
import { chooseSites } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import { listSplits } from "./queries.js";
import { createSplitService, type SplitService } from "./service.js";
import { SplitsPage } from "./views/splits-page.js";

export interface SplitModuleOptions {
  /** Hands the started service to the caller (tests). */
  onStarted?(service: SplitService): void;
}

/** The splits of `?site=` (403 / 404 with the reason for a site not served or not the login's), else of every site the login sees. */
async function listed(c: Context, db: Db, sites: SiteDirectory) {
  const choice = chooseSites(c, sites);
  if (!choice.ok) return choice;
  const zone = sites.get(choice.chosen ?? choice.sites[0] ?? "")?.timeZone ?? sites.default.timeZone;
  return { ok: true as const, splits: await listSplits(db, choice.sites), zone };
}

export function splitModule(opts: SplitModuleOptions = {}): HubModule {
  return {
    name: "split",
    needs: ["ledger"],
    uses: ["stateSystem"],
    start(ctx) {
      const service = createSplitService({
        db: ctx.db,
        sites: ctx.sites,
        log: ctx.log,
        clock: ctx.clock,
        ledger: ctx.services.need("ledger"),
        stateSystem: ctx.services.use("stateSystem"),
      });
      ctx.onEventsStored((events) => service.eventsStored(events));
      opts.onStarted?.(service);
      const pages = new Hono().get("/", async (c) => {
        const l = await listed(c, ctx.db, ctx.sites);
        if (!l.ok) {
          c.status(l.status);
          return c.render(<p class="warn">{l.error}</p>, { title: "Splits" });
        }
        return c.render(<SplitsPage splits={l.splits} zone={l.zone} multi={ctx.sites.multi} />, { title: "Splits" });
      });
      const api = new Hono().get("/", async (c) => {
        const l = await listed(c, ctx.db, ctx.sites);
        return l.ok ? c.json({ splits: l.splits }) : c.json({ error: l.error }, l.status);
      });
      return {
        routes: [
          { path: "/splits", app: pages },
          { path: "/api/splits", app: api },
        ],
        nav: [{ href: "/splits", label: "Splits" }],
        stop: () => service.settled(),
      };
    },
  };
}
