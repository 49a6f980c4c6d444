/**
 * The POS slice of the hub's one configuration schema (hub/config.ts): the sites sales may land
 * under, each with its time zone (business days, local times in exports), the default first.
 * With a sites list, a sale names one of its sites; without one, any site id is taken as before
 * sites, and its sales read the one site's packages and time zone.
 */
import type { HubConfig } from "#hub/config.js";
import { SiteIdSchema, type Site } from "#hub/sites/site.js";

/** The POS slice, as the module and the CLI take it. */
export interface PosConfig {
  /** The sites the hub serves, the default first. */
  sites: readonly Pick<Site, "id" | "timeZone">[];
  /** True when a sites list names them (a sale for another site is refused). */
  listed: boolean;
}

/** The POS slice of a loaded hub configuration (its sites, FACILITY_TIME_ZONE and SITE_ID for the one site). */
export function posSlice(cfg: HubConfig): PosConfig {
  return Object.freeze({
    sites: Object.freeze(cfg.sites.map((s) => ({ id: s.id, timeZone: s.timeZone }))),
    listed: cfg.sitesConfigured,
  });
}

/** Where an import lands: its site, the ledger site whose packages it reads (units, FIFO) and the site's time zone. */
export interface PosSite {
  site: string;
  ledgerSite: string;
  timeZone: string;
}

/** The site a flag or form field names (the default when empty), or the reason it is not one here. */
export function posSiteOf(cfg: PosConfig, raw: string | undefined): PosSite | { reason: string } {
  const first = cfg.sites[0]!;
  if (raw === undefined || raw.trim() === "") return { site: first.id, ledgerSite: first.id, timeZone: first.timeZone };
  const parsed = SiteIdSchema.safeParse(raw.trim());
  if (!parsed.success)
    return { reason: `site "${raw.slice(0, 70)}" is not a site id (letters, digits, '.', '_' and '-', up to 64)` };
  const served = cfg.sites.find((s) => s.id === parsed.data);
  if (served) return { site: served.id, ledgerSite: served.id, timeZone: served.timeZone };
  if (cfg.listed)
    return {
      reason: `site "${parsed.data}" is not served by this hub (its sites: ${cfg.sites.map((s) => s.id).join(", ")})`,
    };
  return { site: parsed.data, ledgerSite: first.id, timeZone: first.timeZone };
}
