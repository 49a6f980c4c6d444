/**
 * The vault door as a hub module: `GET /doors` (and `GET /api/doors` as JSON `{ sessions,
 * closedDoorActions }`) for the sites `?site=` names (403 / 404 with the reason for one the login
 * may not see or the hub does not serve), else every site the login may see; "Doors" in the
 * header. It reads only what the ledger stores (door events, movements, adjustments).
 */
import { Hono, type Context } from "hono";
import type { HubModule } from "#hub/modules.js";
import { chooseSites } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import { closedDoorActions, doorSessions } from "./queries.js";
import { DoorsPage } from "./views/doors-page.js";

async function listed(c: Context, db: Db, sites: SiteDirectory) {
  const choice = chooseSites(c, sites);
  if (!choice.ok) return choice;
  const zone = sites.get(choice.chosen ?? choice.sites[0] ?? "")?.timeZone ?? sites.default.timeZone;
  const [sessions, actions] = await Promise.all([doorSessions(db, choice.sites), closedDoorActions(db, choice.sites)]);
  return { ok: true as const, sessions, actions, zone };
}

export function doorModule(): HubModule {
  return {
    name: "door",
    needs: ["ledger"],
    start(ctx) {
      const pages = new Hono().get("/", async (c) => {
        const l = await listed(c, ctx.db, ctx.sites);
        if (!l.ok) {
          c.status(l.status);
          return c.render(<p class="warn">{l.error}</p>, { title: "Doors" });
        }
        return c.render(<DoorsPage sessions={l.sessions} actions={l.actions} zone={l.zone} />, { title: "Doors" });
      });
      const api = new Hono().get("/", async (c) => {
        const l = await listed(c, ctx.db, ctx.sites);
        return l.ok
          ? c.json({ sessions: l.sessions, closedDoorActions: l.actions })
          : c.json({ error: l.error }, l.status);
      });
      return {
        routes: [
          { path: "/doors", app: pages },
          { path: "/api/doors", app: api },
        ],
        nav: [{ href: "/doors", label: "Doors" }],
      };
    },
  };
}
