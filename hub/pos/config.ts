/**
 * The POS slice of the hub's configuration: the facility's time zone (business days) and the site
 * sales land under when none is named. Sites are licences; until the hub has a sites list the
 * default site is SITE_ID, the variable the stations' envelopes are stamped from, or "default".
 */
import { z } from "zod";
import { SiteIdSchema } from "#contract/ids.js";
import { HubError } from "#hub/errors.js";

const Empty = z.literal("").transform(() => undefined);

export const PosConfigSchema = z.object({
  FACILITY_TIME_ZONE: z.union([Empty, z.string()]).optional().transform((v) => v ?? "America/Los_Angeles")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, { message: "not an IANA time zone (e.g. America/Los_Angeles)" }),
  SITE_ID: z.union([Empty, SiteIdSchema]).optional().transform((v) => v ?? "default"),
});

export interface PosConfig {
  timeZone: string;
  defaultSite: string;
}

/** Reads the slice; throws with one line per bad variable. */
export function loadPosConfig(env: Record<string, string | undefined>): PosConfig {
  const parsed = PosConfigSchema.safeParse({ FACILITY_TIME_ZONE: env.FACILITY_TIME_ZONE, SITE_ID: env.SITE_ID });
  if (!parsed.success) {
    throw new HubError(`invalid POS configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, "CONFIG_INVALID");
  }
  return Object.freeze({ timeZone: parsed.data.FACILITY_TIME_ZONE, defaultSite: parsed.data.SITE_ID });
}

/** A site id from a flag or form field, or the reason it is not one. */
export function siteOrReason(raw: string | undefined, fallback: string): { site: string } | { reason: string } {
  if (raw === undefined || raw.trim() === "") return { site: fallback };
  const parsed = SiteIdSchema.safeParse(raw.trim());
  return parsed.success ? { site: parsed.data } : { reason: `site "${raw.slice(0, 70)}" is not a site id (1 to 64 characters)` };
}
