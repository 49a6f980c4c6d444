import { z } from "zod";
import { SiteIdSchema } from "#contract/ids.js";
import { HubError } from "./errors.js";

const Port = z.coerce.number().int().min(0).max(65_535);
const Empty = z.literal("").transform(() => undefined);

const opt = <T extends z.ZodType>(t: T) => z.union([Empty, t]).optional();

/**
 * The hub's configuration, one zod schema over the environment (design.md, Configuration), for
 * the core and every module. Modules receive their slice through `deps` (the state system's is
 * hub/statesystem/config.ts); only the entry points call loadConfig.
 */
export const HubConfigSchema = z.object({
  /** HTTP port of the dashboard and JSON API; 0 picks a free port. */
  HUB_PORT: Port.default(8080),
  /** Port of the embedded MQTT broker (ignored when MQTT_URL is set); 0 picks a free port. */
  MQTT_PORT: Port.default(1883),
  /** External broker (mqtt://host:port); unset runs the embedded aedes broker. */
  MQTT_URL: z.union([Empty, z.url()]).optional(),
  /** The dashboard's address as kiosks and people reach it (links sent to stations, e.g. COA documents). */
  HUB_PUBLIC_URL: z.union([Empty, z.url()]).optional(),
  /** PEM certificate and key (both or neither): HTTPS for the dashboard, MQTT over TLS on the embedded broker. */
  HUB_TLS_CERT: z.union([Empty, z.string()]).optional(),
  HUB_TLS_KEY: z.union([Empty, z.string()]).optional(),
  /** Port of the embedded broker's MQTT-over-TLS listener, when HUB_TLS_CERT is set. */
  MQTT_TLS_PORT: Port.default(8883),
  /** Folder for the SQLite ledger and other hub files. */
  HUB_DATA_DIR: z.string().min(1).default("./data/hub"),
  /** Unset: SQLite in HUB_DATA_DIR; postgres://… runs the ledger on PostgreSQL. */
  HUB_DB_URL: z.union([Empty, z.string().regex(/^postgres(ql)?:\/\//, "HUB_DB_URL must start with postgres://")]).optional(),
  /** PostgreSQL schema for the ledger (one per store when several share a server); unset: the server's default. */
  HUB_DB_SCHEMA: z.union([Empty, z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "HUB_DB_SCHEMA: lowercase letters, digits and _")]).optional(),
  /** Read-only bearer token accepted on /api/* for automation. */
  HUB_API_TOKEN: z.union([Empty, z.string().min(8, "HUB_API_TOKEN needs at least 8 characters")]).optional(),
  /**
   * A station not heard from (status, event, or open connection to the embedded broker) for this
   * long is shown offline, ms. Dead stations are caught sooner by their last will; this is the
   * backstop. Stations republish their status every minute, so three missed ones mean gone.
   */
  HUB_STATION_STALE_MS: z.coerce.number().int().positive().default(180_000),
  /** Ingest batch: flush after this many events or this many ms, whichever comes first. */
  HUB_INGEST_BATCH: z.coerce.number().int().min(1).max(5_000).default(1_000),
  HUB_INGEST_FLUSH_MS: z.coerce.number().int().min(0).max(1_000).default(5),
  /** MQTT client id of the hub's persistent session on an external broker. */
  HUB_MQTT_CLIENT_ID: z.string().min(1).default("vaultline-hub"),
  MQTT_USERNAME: z.union([Empty, z.string()]).optional(),
  MQTT_PASSWORD: z.union([Empty, z.string()]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // The state system (hub/statesystem): which one, and how to reach it.
  /** `metrc`, `biotrack`, or `simulator` (the METRC client pointed at the local METRC simulator). */
  STATE_SYSTEM: z.union([Empty, z.enum(["metrc", "biotrack", "simulator"])]).optional().transform((v) => v ?? "simulator"),
  METRC_BASE_URL: opt(z.url()),
  METRC_VENDOR_KEY: opt(z.string()),
  METRC_USER_KEY: opt(z.string()),
  METRC_LICENSE: opt(z.string()),
  /** Port of the METRC simulator the demo starts (and the simulator state system's default URL). */
  METRC_SIM_PORT: Port.default(8090),
  /** IANA time zone of the facility: METRC takes SalesDateTime in local time; receiving shows arrivals in it. */
  FACILITY_TIME_ZONE: z.string().min(1).default("America/Los_Angeles"),
  BIOTRACK_URL: opt(z.url()),
  BIOTRACK_LICENSE: opt(z.string()),
  BIOTRACK_USERNAME: opt(z.string()),
  BIOTRACK_PASSWORD: opt(z.string()),
  /** Minutes between scheduled state-system syncs; 0 turns the schedule off. */
  STATE_SYSTEM_SYNC_MINUTES: z.coerce.number().min(0).default(15),
  /** The site (licence) records land under when none is named, as the stations stamp their envelopes; `default` until the hub has a sites list. */
  SITE_ID: z.union([Empty, SiteIdSchema]).optional().transform((v) => v ?? "default"),
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
  // Checked even when another variable is bad, so that one run names every problem.
}, { when: () => true });

/** The validated, frozen hub configuration. */
export type HubConfig = Readonly<z.output<typeof HubConfigSchema>>;

/**
 * Reads the hub configuration from environment-style keys; throws a HubError CONFIG_INVALID whose
 * `context.issues` names each bad variable, one line each.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): HubConfig {
  const keys = Object.keys(HubConfigSchema.shape);
  const picked = Object.fromEntries(keys.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
  const parsed = HubConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new HubError(`invalid hub configuration:\n  ${issues.join("\n  ")}`, "CONFIG_INVALID", { context: { issues } });
  }
  return Object.freeze(parsed.data);
}
