/**
 * The POS slice of the hub's one configuration schema (hub/config.ts): the facility's time zone
 * (business days) and the site sales land under when none is named. Sites are licences; until the hub has a sites list the
 * default site is SITE_ID, the variable the stations' envelopes are stamped from, or "default".
 */
import { SiteIdSchema } from "#contract/ids.js";
import type { HubConfig } from "#hub/config.js";

/** The POS slice, as the module and the CLI take it. */
export interface PosConfig {
  timeZone: string;
  defaultSite: string;
}

/** The POS slice of a loaded hub configuration (FACILITY_TIME_ZONE, SITE_ID). */
export function posSlice(cfg: HubConfig): PosConfig {
  return Object.freeze({ timeZone: cfg.FACILITY_TIME_ZONE, defaultSite: cfg.SITE_ID });
}

/** A site id from a flag or form field, or the reason it is not one. */
export function siteOrReason(raw: string | undefined, fallback: string): { site: string } | { reason: string } {
  if (raw === undefined || raw.trim() === "") return { site: fallback };
  const parsed = SiteIdSchema.safeParse(raw.trim());
  return parsed.success ? { site: parsed.data } : { reason: `site "${raw.slice(0, 70)}" is not a site id (1 to 64 characters)` };
}
