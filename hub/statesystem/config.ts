/**
 * The state-system slice of the hub's configuration: which system, and how to reach it.
 * Read from the same environment as the hub (design.md, Configuration).
 */
import { z } from "zod";

const Empty = z.literal("").transform(() => undefined);
const opt = <T extends z.ZodType>(t: T) => z.union([Empty, t]).optional();

/** The state-system variables, validated; which are required depends on STATE_SYSTEM. */
export const StateSystemConfigSchema = z.object({
  /** `metrc`, `biotrack`, or `simulator` (METRC client pointed at the local METRC simulator). */
  STATE_SYSTEM: z.union([Empty, z.enum(["metrc", "biotrack", "simulator"])]).optional().transform((v) => v ?? "simulator"),
  METRC_BASE_URL: opt(z.url()),
  METRC_VENDOR_KEY: opt(z.string()),
  METRC_USER_KEY: opt(z.string()),
  METRC_LICENSE: opt(z.string()),
  METRC_SIM_PORT: z.coerce.number().int().min(0).max(65_535).default(8090),
  /** IANA time zone of the facility: METRC takes SalesDateTime in local time. */
  FACILITY_TIME_ZONE: z.string().min(1).default("America/Los_Angeles"),
  BIOTRACK_URL: opt(z.url()),
  BIOTRACK_LICENSE: opt(z.string()),
  BIOTRACK_USERNAME: opt(z.string()),
  BIOTRACK_PASSWORD: opt(z.string()),
  /** Minutes between scheduled syncs; 0 turns the schedule off. */
  STATE_SYSTEM_SYNC_MINUTES: z.coerce.number().min(0).default(15),
}).superRefine((c, ctx) => {
  const need = (keys: Array<keyof typeof c>) => {
    for (const k of keys) if (!c[k]) ctx.addIssue({ code: "custom", path: [k], message: `${k} is required when STATE_SYSTEM=${c.STATE_SYSTEM}` });
  };
  if (c.STATE_SYSTEM === "metrc") need(["METRC_BASE_URL", "METRC_VENDOR_KEY", "METRC_USER_KEY", "METRC_LICENSE"]);
  if (c.STATE_SYSTEM === "biotrack") need(["BIOTRACK_URL", "BIOTRACK_LICENSE", "BIOTRACK_USERNAME", "BIOTRACK_PASSWORD"]);
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: c.FACILITY_TIME_ZONE });
  } catch {
    ctx.addIssue({ code: "custom", path: ["FACILITY_TIME_ZONE"], message: `${c.FACILITY_TIME_ZONE} is not an IANA time zone` });
  }
});

/** The validated, frozen slice handed to `createStateSystem`. */
export type StateSystemConfig = Readonly<z.output<typeof StateSystemConfigSchema>>;

/** Reads the slice from environment-style keys; throws with one line per bad variable. */
export function loadStateSystemConfig(env: Record<string, string | undefined>): StateSystemConfig {
  const keys = ["STATE_SYSTEM", "METRC_BASE_URL", "METRC_VENDOR_KEY", "METRC_USER_KEY", "METRC_LICENSE", "METRC_SIM_PORT", "FACILITY_TIME_ZONE", "BIOTRACK_URL", "BIOTRACK_LICENSE", "BIOTRACK_USERNAME", "BIOTRACK_PASSWORD", "STATE_SYSTEM_SYNC_MINUTES"];
  const picked = Object.fromEntries(keys.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
  const parsed = StateSystemConfigSchema.safeParse(picked);
  if (!parsed.success) {
    throw new Error(`invalid state system configuration:\n  ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n  ")}`);
  }
  return Object.freeze(parsed.data);
}
