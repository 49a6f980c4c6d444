/**
 * Restock on the dashboard (`/restock`) and in the JSON API (`/api/restock`). Every route takes
 * `?site=` (a site the hub serves and the login may see: 404 / 403 otherwise); with several sites a
 * change needs it (400).
 *
 *   GET  /restock                          open requests with their pick lists, the ask form, floor stock and minimums
 *   POST /restock/requests                 ask: itemId + quantity (up to three rows); refused with the reason
 *   POST /restock/requests/:id/cancel      withdraw an open request
 *   POST /restock/minimums                 itemId, minimum (empty: none), refillTo
 *   GET  /api/restock                      { requests: [{ request, requestedById, picked }] }
 *   GET  /api/restock/floor                { items: [{ itemId, itemName, unit, minimum, refillTo, onFloor, requested }] }
 */
import { newId } from "#contract/ids.js";
import { Hono, type Context } from "hono";
import type { Kysely } from "kysely";
import { actorOf } from "#hub/auth/middleware.js";
import { chooseSites, siteForChange } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Database } from "#hub/store/database.js";
import { permitsOf } from "#hub/web/permits.js";
import { floorStock, setMinimum } from "./low-stock.js";
import type { RestockService } from "./service.js";
import { RestockPage } from "./views/restock-page.js";

export interface RestockRoutesDeps {
  db: Kysely<Database>;
  sites: SiteDirectory;
  service: Pick<RestockService, "ask" | "cancel" | "open" | "pass">;
  floorLocation: string;
  now(): number;
}

/** Number fields of a form: empty is null, anything but a finite number is NaN. */
const num = (v: unknown) => (typeof v !== "string" || v.trim() === "" ? null : Number(v));

export function restockPages(deps: RestockRoutesDeps) {
  const { db, sites } = deps;
  const page = async (
    c: Context,
    said: { error?: string; ok?: string } = {},
    status: 200 | 400 | 403 | 404 | 409 | 422 = 200,
  ) => {
    const where = siteForChange(c, sites);
    if (!where.ok) {
      c.status(where.status);
      return c.render(<p class="warn">{where.error}</p>, { title: "Restock" });
    }
    const [open, floor, items] = await Promise.all([
      deps.service.open(where.site),
      floorStock(db, where.site, deps.floorLocation),
      db.selectFrom("items").select(["id", "name", "unit"]).where("site_id", "=", where.site).orderBy("name").execute(),
    ]);
    c.status(status);
    const zone = sites.get(where.site)?.timeZone ?? sites.default.timeZone;
    const q = sites.multi ? `?site=${encodeURIComponent(where.site)}` : "";
    return c.render(
      <RestockPage open={open} floor={floor} items={items} zone={zone} q={q} said={said} permits={permitsOf(c)} />,
      { title: "Restock" },
    );
  };
  const back = (c: Context, ok: string) => page(c, { ok });
  return new Hono()
    .get("/", (c) => page(c))
    .post("/requests", async (c) => {
      const where = siteForChange(c, sites);
      if (!where.ok) return page(c, { error: where.error }, where.status);
      const form = await c.req.parseBody({ all: true });
      const ids = [form.itemId].flat().map(String);
      const qty = [form.quantity].flat();
      const lines = ids.flatMap((itemId, i) => (itemId ? [{ itemId, quantity: num(qty[i]) ?? NaN }] : []));
      const note = typeof form.note === "string" && form.note.trim() ? form.note.trim().slice(0, 500) : null;
      const out = await deps.service.ask(where.site, {
        id: newId(),
        origin: "dashboard",
        by: actorOf(c, "dashboard"),
        note,
        lines,
      });
      return out.ok ? back(c, "Restock asked: the kiosk has the pick list.") : page(c, { error: out.reason }, 422);
    })
    .post("/requests/:id/cancel", async (c) => {
      const where = siteForChange(c, sites);
      if (!where.ok) return page(c, { error: where.error }, where.status);
      const ok = await deps.service.cancel(where.site, c.req.param("id"), actorOf(c, "dashboard"));
      return ok ? back(c, "Request withdrawn.") : page(c, { error: "that request is not open (any more)" }, 409);
    })
    .post("/minimums", async (c) => {
      const where = siteForChange(c, sites);
      if (!where.ok) return page(c, { error: where.error }, where.status);
      const form = await c.req.parseBody();
      const minimum = num(form.minimum);
      const refillTo = num(form.refillTo);
      if (Number.isNaN(minimum) || Number.isNaN(refillTo))
        return page(c, { error: "the minimum and the restock-up-to quantity are numbers" }, 422);
      const out = await setMinimum(db, where.site, {
        itemId: String(form.itemId ?? ""),
        minimum,
        refillTo: refillTo ?? undefined,
        by: actorOf(c, "dashboard"),
        at: new Date(deps.now()).toISOString(),
      });
      if (!out.ok) return page(c, { error: out.reason }, 422);
      await deps.service.pass(where.site);
      return back(c, minimum === null ? "Minimum removed." : "Minimum saved; the floor is checked against it now.");
    });
}

export function restockApi(deps: RestockRoutesDeps) {
  const { db, sites } = deps;
  return new Hono()
    .get("/", async (c) => {
      const choice = chooseSites(c, sites);
      if (!choice.ok) return c.json({ error: choice.error }, choice.status);
      const requests = (await Promise.all(choice.sites.map((s) => deps.service.open(s)))).flat();
      return c.json({ requests });
    })
    .get("/floor", async (c) => {
      const where = siteForChange(c, sites);
      if (!where.ok) return c.json({ error: where.error }, where.status);
      return c.json({ items: await floorStock(db, where.site, deps.floorLocation) });
    });
}
