/**
 * Waste on the dashboard: `GET /waste` lists the wastes of the sites `?site=` names (a site the
 * hub serves and the login may see: 404 / 403 with the reason otherwise), else of every site the
 * login may see; `GET /api/waste` answers the same list as JSON `{ wastes: [...] }`.
 */
import { Hono, type Context } from "hono";
import type { Kysely } from "kysely";
import { chooseSites } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Database } from "#hub/store/database.js";
import { listWastes } from "./queries.js";
import { WastePage } from "./views/waste-page.js";

export interface WasteRoutesDeps {
  db: Kysely<Database>;
  sites: SiteDirectory;
}

async function listed(c: Context, deps: WasteRoutesDeps) {
  const choice = chooseSites(c, deps.sites);
  if (!choice.ok) return choice;
  const zone = deps.sites.get(choice.chosen ?? choice.sites[0] ?? "")?.timeZone ?? deps.sites.default.timeZone;
  return { ok: true as const, wastes: await listWastes(deps.db, choice.sites), zone };
}

/** Dashboard page under /waste. */
export function wastePages(deps: WasteRoutesDeps) {
  return new Hono().get("/", async (c) => {
    const l = await listed(c, deps);
    if (!l.ok) {
      c.status(l.status);
      return c.render(<p class="warn">{l.error}</p>, { title: "Waste" });
    }
    return c.render(<WastePage wastes={l.wastes} zone={l.zone} multi={deps.sites.multi} />, { title: "Waste" });
  });
}

/** JSON under /api/waste. */
export function wasteApi(deps: WasteRoutesDeps) {
  return new Hono().get("/", async (c) => {
    const l = await listed(c, deps);
    return l.ok ? c.json({ wastes: l.wastes }) : c.json({ error: l.error }, l.status);
  });
}
