import { Hono } from "hono";
import type { Clock } from "#hub/clock.js";
import type { InvestigationsService } from "#hub/modules.js";
import { chooseSites } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import { chainOverview } from "./overview.js";
import { ChainPage } from "./views/chain-page.js";

export interface ChainRoutesDeps {
  db: Db;
  sites: SiteDirectory;
  clock: Pick<Clock, "now">;
  investigations: InvestigationsService | undefined;
}

/**
 * `GET /chain` (page) and `GET /chain?format=json`: every site the sign-in may see, or `?site=ID`
 * (404 for a site the hub does not serve, 403 with the reason for one the sign-in may not see).
 */
export function chainRoutes(deps: ChainRoutesDeps) {
  return new Hono().get("/", async (c) => {
    const choice = chooseSites(c, deps.sites);
    if (!choice.ok) return c.text(choice.error, choice.status);
    const sites = await chainOverview({ ...deps, siteIds: choice.sites, nowMs: deps.clock.now() });
    if (c.req.query("format") === "json") {
      return c.json({
        sites: sites.map((s) => ({
          id: s.id,
          stations: s.stations,
          offline: s.offline.map((st) => ({ id: st.id, lastSeen: st.lastSeen })),
          failedWrites: s.failedWrites,
          openWrites: s.openWrites,
          investigations: s.investigations,
        })),
      });
    }
    return c.render(<ChainPage sites={sites} investigations={deps.investigations !== undefined} />, { title: "Chain" });
  });
}
