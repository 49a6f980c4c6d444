/**
 * A site is one licence (one store): every package, item, location, manifest, state-system record,
 * reconciliation and station belongs to one (design.md, Sites). A hub serves one site with no
 * configuration, or many from a sites list (HUB_SITES, or `sites` in the HUB_CONFIG file), each
 * with its own state-system credentials and time zone.
 */
import { z } from "zod";
import { isTimeZone } from "#contract/facility-time.js";

/**
 * Site ids go into every ledger row, URLs (`?site=`), CLI flags (`--sites a,b`) and the stations'
 * envelopes (their SITE_ID): letters, digits, `.`, `_` and `-`, up to 64, no commas or spaces.
 */
const SITE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const SiteIdSchema = z
  .string()
  .regex(SITE_ID_PATTERN, "a site id is letters, digits, '.', '_' and '-' (up to 64, starting with a letter or digit)");

/** The id of the one site a hub serves when neither SITE_ID nor a sites list names it. */
export const DEFAULT_SITE_ID = "default";

/** The demo facility's license, used by the METRC simulator when METRC_LICENSE is not set. */
export const DEMO_LICENSE = "C10-0000123-LIC";

const Secret = z.string().min(1);

/**
 * How one site reaches its state system. `metrc` and `biotrack` need their URL and credentials;
 * `simulator` is the METRC client against the local METRC simulator (METRC_SIM_PORT unless
 * `baseUrl` is given), with the simulator's keys unless others are given. The site's `license`
 * is the METRC license number or the BioTrack UBI.
 */
const SiteStateSystemSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("metrc"), baseUrl: z.url(), vendorKey: Secret, userKey: Secret }).strict(),
  z.object({ kind: z.literal("biotrack"), baseUrl: z.url(), username: Secret, password: Secret }).strict(),
  z
    .object({
      kind: z.literal("simulator"),
      baseUrl: z.url().optional(),
      vendorKey: Secret.optional(),
      userKey: Secret.optional(),
    })
    .strict(),
]);
export type SiteStateSystem = z.output<typeof SiteStateSystemSchema>;

/** One site as HUB_SITES or the config file's `sites` list gives it. */
const SiteSchema = z
  .object({
    id: SiteIdSchema,
    /** Shown in the dashboard's site picker; the id when left out. */
    name: z.string().trim().min(1).max(120).optional(),
    /** The state license (METRC license number, BioTrack UBI). */
    license: z.string().trim().min(1).max(64),
    /** IANA time zone: business days, METRC's local times, every time shown to a person. */
    timeZone: z.string().refine(isTimeZone, { message: "not an IANA time zone (e.g. America/Los_Angeles)" }),
    stateSystem: SiteStateSystemSchema,
  })
  .strict();

export type Site = z.output<typeof SiteSchema>;

/** A sites list: at least one site, ids and licences each used once. */
export const SitesSchema = z
  .array(SiteSchema)
  .min(1, "list at least one site")
  .superRefine((sites, ctx) => {
    const seen = { id: new Map<string, number>(), license: new Map<string, number>() };
    sites.forEach((s, i) => {
      for (const key of ["id", "license"] as const) {
        const first = seen[key].get(s[key]);
        if (first !== undefined)
          ctx.addIssue({ code: "custom", path: [i, key], message: `${key} "${s[key]}" is also site ${first + 1}'s` });
        else seen[key].set(s[key], i);
      }
    });
  });

/** The site's name for people: its name, else its id. */
export function siteLabel(site: Pick<Site, "id" | "name">): string {
  return site.name ?? site.id;
}
