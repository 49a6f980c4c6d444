/**
 * What a reports request asks for, checked where it enters: the site (one the hub serves and the
 * login may see), the business day, the number of days. Each refusal is a status and a reason.
 */
import type { Context } from "hono";
import { chooseSites } from "#hub/sites/access.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import { isCalendarDate } from "#contract/facility-time.js";

export type Asked<T> = { ok: true; value: T } | { ok: false; status: 400 | 403 | 404; error: string };

/** The sites the request may see (`?site=` or every site the login sees). */
export function sitesAsked(c: Context, sites: SiteDirectory): Asked<string[]> {
  const choice = chooseSites(c, sites);
  if (!choice.ok) return choice;
  if (choice.sites.length === 0) return { ok: false, status: 403, error: "this sign-in may not see any site" };
  return { ok: true, value: choice.sites };
}

/** The one site a per-site report is about: `?site=`, or the only one the login sees. */
export function siteAsked(c: Context, sites: SiteDirectory): Asked<string> {
  const s = sitesAsked(c, sites);
  if (!s.ok) return s;
  if (s.value.length > 1)
    return { ok: false, status: 400, error: `this report is per site: ask with ?site= (one of ${s.value.join(", ")})` };
  return { ok: true, value: s.value[0]! };
}

/** `?date=YYYY-MM-DD` (`fallback` when absent), not after the facility's `today`. */
export function dateAsked(c: Context, today: string, fallback?: string): Asked<string> {
  const raw = c.req.query("date") ?? fallback;
  if (raw === undefined || raw === "") return { ok: false, status: 400, error: "date is required, as YYYY-MM-DD" };
  if (!isCalendarDate(raw))
    return { ok: false, status: 400, error: `date "${raw.slice(0, 40)}" is not a YYYY-MM-DD calendar date` };
  if (raw > today) return { ok: false, status: 400, error: `date ${raw} is after the facility's today (${today})` };
  return { ok: true, value: raw };
}

/** `?<name>=N`: a whole number of days from 1 to `max` (`fallback` when absent). */
export function daysAsked(c: Context, name: string, fallback: number, max = 366): Asked<number> {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return { ok: true, value: fallback };
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > max)
    return {
      ok: false,
      status: 400,
      error: `${name} "${raw.slice(0, 20)}" is not a whole number of days from 1 to ${max}`,
    };
  return { ok: true, value: n };
}
