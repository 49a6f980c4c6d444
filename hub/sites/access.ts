/**
 * Which sites a request may see. A dashboard login may be limited to some sites; the logins'
 * middleware puts that list on the request (`siteAccess`), and every route that lists or reads
 * site data asks `chooseSites` which sites to show:
 *
 *   ?site=ID  → that site (404 when the hub serves no such site, 403 when the login may not see it)
 *   no ?site  → every site the hub serves that the login may see
 *
 * A change is for one site: `siteForChange` answers `?site=`, or the only site the login sees (400 when it sees several).
 */
import type { Context } from "hono";
import type { SiteDirectory } from "./directory.js";

/** Hono variables of a request whose sites are limited: the site ids, or null for every site. */
export type SiteAccessEnv = { Variables: { siteAccess?: readonly string[] | null } };

/** The sites a request may see: null (every site) unless the logins limited them. */
export function siteAccessOf(c: Context): readonly string[] | null {
  return (c.get("siteAccess") as readonly string[] | null | undefined) ?? null;
}

/** Why `who` may not see `siteId` (for a 403), or undefined when it may. */
export function siteRefusal(access: readonly string[] | null, siteId: string): string | undefined {
  if (access === null || access.includes(siteId)) return undefined;
  return `this sign-in may not see site "${siteId.slice(0, 64)}" (it is limited to ${access.length > 0 ? access.join(", ") : "no site"})`;
}

export type SiteChoice =
  | {
      ok: true;
      /** The sites to show, the hub's order. */ sites: string[];
      /** The site `?site=` named. */ chosen: string | undefined;
    }
  | { ok: false; status: 403 | 404; error: string };

/** The sites a request asks for and may see (see the file's head). */
export function chooseSites(c: Context, sites: SiteDirectory): SiteChoice {
  const access = siteAccessOf(c);
  const raw = c.req.query("site");
  if (raw !== undefined && raw !== "") {
    const unknown = sites.unknown(raw);
    if (unknown) return { ok: false, status: 404, error: unknown };
    const refused = siteRefusal(access, raw);
    if (refused) return { ok: false, status: 403, error: refused };
    return { ok: true, sites: [raw], chosen: raw };
  }
  return { ok: true, sites: sites.ids().filter((id) => access === null || access.includes(id)), chosen: undefined };
}

/** The one site a change is for (`?site=`, or the only site the request may see), or why not (403 / 404 / 400). */
export function siteForChange(c: Context, sites: SiteDirectory) {
  const choice = chooseSites(c, sites);
  if (!choice.ok) return choice;
  const site = choice.chosen ?? (choice.sites.length === 1 ? choice.sites[0] : undefined);
  if (site === undefined) return { ok: false as const, status: 400 as const, error: "choose a site (?site=)" };
  return { ok: true as const, site };
}
