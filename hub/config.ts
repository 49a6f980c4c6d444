import { readFileSync } from "node:fs";
import { z } from "zod";
import { isTimeZone } from "#contract/facility-time.js";
import { countsConfigProblem } from "./counts/config.js";
import { HubError } from "./errors.js";
import {
  DEFAULT_SITE_ID,
  DEMO_LICENSE,
  SiteIdSchema,
  SitesSchema,
  type Site,
  type SiteStateSystem,
} from "./sites/site.js";

const Port = z.coerce.number().int().min(0).max(65_535);
const Empty = z.literal("").transform(() => undefined);

const opt = <T extends z.ZodType>(t: T) => z.union([Empty, t]).optional();
/** A facility-local time of day `HH:MM` (00:00–23:59) a daily job runs at, or `off`; empty takes the default. */
const dailyAt = (fallback: string) =>
  z
    .union([
      Empty,
      z.literal("off"),
      z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a local time HH:MM (00:00–23:59), or off"),
    ])
    .optional()
    .transform((v) => v ?? fallback);
/** A limit that may be switched off: empty is null (no limit), else a number ≥ 0. */
const NoLimit = z.union([z.literal("").transform(() => null), z.coerce.number().min(0)]);

/**
 * The hub's configuration, one zod schema over the environment (design.md, Configuration), for
 * the core and every module. A JSON file named by HUB_CONFIG may set the same keys (the
 * environment wins) and a `sites` list. Modules receive their slice through `deps` (the state
 * system's is hub/statesystem/config.ts); only the entry points call loadConfig.
 */
export const HubConfigSchema = z
  .object({
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
    HUB_DB_URL: z
      .union([Empty, z.string().regex(/^postgres(ql)?:\/\//, "HUB_DB_URL must start with postgres://")])
      .optional(),
    /** PostgreSQL schema for the ledger (one per store when several share a server); unset: the server's default. */
    HUB_DB_SCHEMA: z
      .union([Empty, z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "HUB_DB_SCHEMA: lowercase letters, digits and _")])
      .optional(),
    /** Read-only bearer token accepted on /api/* for automation. */
    HUB_API_TOKEN: z.union([Empty, z.string().min(8, "HUB_API_TOKEN needs at least 8 characters")]).optional(),
    /** Cycle counts (hub/counts/config.ts): a JSON object of ABC weights, cadence, business days, tolerances. */
    HUB_COUNTS: z
      .union([
        Empty,
        z.string().refine((t) => !countsConfigProblem(t), { error: (i) => countsConfigProblem(String(i.input)) }),
      ])
      .optional(),
    /**
     * A station not heard from (status, event, or open connection to the embedded broker) for this
     * long is shown offline, ms. Dead stations are caught sooner by their last will; this is the
     * backstop. Stations republish their status every minute, so three missed ones mean gone.
     */
    HUB_STATION_STALE_MS: z.coerce.number().int().positive().default(180_000),
    /** Ingest batch: flush after this many events or this many ms, whichever comes first. */
    HUB_INGEST_BATCH: z.coerce.number().int().min(1).max(5_000).default(1_000),
    HUB_INGEST_FLUSH_MS: z.coerce.number().int().min(0).max(1_000).default(5),
    /** One audit entry per stored ingest batch (`batch`), or one per station event (`event`). */
    HUB_INGEST_AUDIT: z.enum(["batch", "event"]).default("batch"),
    /**
     * `1`: this hub process is one of several on one PostgreSQL ledger (hub/chain): stations are
     * partitioned between the processes by advisory locks, and live feeds go through LISTEN/NOTIFY.
     */
    HUB_CHAIN: z
      .union([Empty, z.enum(["0", "1"])])
      .optional()
      .transform((v) => v === "1"),
    /** Station partitions shared out between a chain's hub processes. */
    HUB_CHAIN_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(16),
    /** MQTT client id of the hub's persistent session on an external broker. */
    HUB_MQTT_CLIENT_ID: z.string().min(1).default("vaultline-hub"),
    MQTT_USERNAME: z.union([Empty, z.string()]).optional(),
    MQTT_PASSWORD: z.union([Empty, z.string()]).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // The state system (hub/statesystem): which one, and how to reach it.
    /** `metrc`, `biotrack`, or `simulator` (the METRC client pointed at the local METRC simulator). */
    STATE_SYSTEM: z
      .union([Empty, z.enum(["metrc", "biotrack", "simulator"])])
      .optional()
      .transform((v) => v ?? "simulator"),
    METRC_BASE_URL: opt(z.url()),
    METRC_VENDOR_KEY: opt(z.string()),
    METRC_USER_KEY: opt(z.string()),
    METRC_LICENSE: opt(z.string()),
    /** Port of the METRC simulator the demo starts (and the simulator state system's default URL). */
    METRC_SIM_PORT: Port.default(8090),
    /** IANA time zone of the facility: METRC takes SalesDateTime in local time; receiving shows arrivals in it. */
    FACILITY_TIME_ZONE: z.string().min(1).default("America/Los_Angeles"),
    /** Id of the one site a hub without a sites list serves (the stations' SITE_ID); "default" when unset. */
    SITE_ID: z.union([Empty, SiteIdSchema]).optional(),
    /**
     * The sites this hub serves, as a JSON array of `{id, name?, license, timeZone, stateSystem:
     * {kind, baseUrl, vendorKey, userKey | username, password}}` (hub/sites/site.ts); wins over the
     * config file's `sites`. Unset (and no file list): one site from SITE_ID, METRC_* and FACILITY_TIME_ZONE.
     */
    HUB_SITES: z.union([Empty, z.string()]).optional(),
    BIOTRACK_URL: opt(z.url()),
    BIOTRACK_LICENSE: opt(z.string()),
    BIOTRACK_USERNAME: opt(z.string()),
    BIOTRACK_PASSWORD: opt(z.string()),
    /** Minutes between scheduled state-system syncs; 0 turns the schedule off. */
    STATE_SYSTEM_SYNC_MINUTES: z.coerce.number().min(0).default(15),
    // Investigations (hub/investigations): when an open case escalates, and which resolutions need a manager.
    /** Hours an investigation may stay open before it is shown escalated. */
    INVESTIGATION_DEADLINE_HOURS: z.coerce.number().positive().default(24),
    /** A resolution moving more than this quantity (the package's unit) needs a manager's approval; empty: no quantity limit. */
    INVESTIGATION_APPROVAL_QUANTITY: NoLimit.default(2),
    /** A resolution worth more than this (dollars, at the package's POS price) needs a manager's approval; empty: no value limit. */
    INVESTIGATION_APPROVAL_VALUE: NoLimit.default(50),
    /** The facility-local time (HH:MM) each site's end-of-day report is built and kept; "off" builds none. */
    REPORTS_CLOSE_TIME: dailyAt("22:30"),
    /** Facility time (HH:MM, each site's zone) after which the previous business day is reconciled; `off` turns the schedule off. */
    RECONCILE_AT: dailyAt("06:00"),
  })
  .superRefine(
    (c, ctx) => {
      const need = (keys: Array<keyof typeof c>) => {
        for (const k of keys)
          if (!c[k])
            ctx.addIssue({
              code: "custom",
              path: [k],
              message: `${k} is required when STATE_SYSTEM=${c.STATE_SYSTEM}`,
            });
      };
      if (c.STATE_SYSTEM === "metrc") need(["METRC_BASE_URL", "METRC_VENDOR_KEY", "METRC_USER_KEY", "METRC_LICENSE"]);
      if (c.STATE_SYSTEM === "biotrack")
        need(["BIOTRACK_URL", "BIOTRACK_LICENSE", "BIOTRACK_USERNAME", "BIOTRACK_PASSWORD"]);
      if (!isTimeZone(c.FACILITY_TIME_ZONE)) {
        ctx.addIssue({
          code: "custom",
          path: ["FACILITY_TIME_ZONE"],
          message: `${c.FACILITY_TIME_ZONE} is not an IANA time zone`,
        });
      }
      if (c.HUB_CHAIN && !c.HUB_DB_URL) {
        ctx.addIssue({ code: "custom", path: ["HUB_CHAIN"], message: "HUB_CHAIN=1 needs HUB_DB_URL (PostgreSQL)" });
      }
      if (c.HUB_CHAIN && !c.MQTT_URL) {
        ctx.addIssue({
          code: "custom",
          path: ["HUB_CHAIN"],
          message: "HUB_CHAIN=1 needs MQTT_URL (the shared broker)",
        });
      }
      // Checked even when another variable is bad, so that one run names every problem.
    },
    { when: () => true },
  );

/** The variables as the schema reads them. */
type HubVariables = z.output<typeof HubConfigSchema>;

/** The validated, frozen hub configuration: the variables and the sites served (the default first). */
export type HubConfig = Readonly<
  HubVariables & {
    sites: readonly Site[];
    /** True when HUB_SITES or the config file listed the sites; false for the one derived site. */
    sitesConfigured: boolean;
  }
>;

/** The one site of a hub without a sites list, from the single-site variables as they were before sites. */
export function derivedSite(c: HubVariables): Site {
  const license = c.STATE_SYSTEM === "biotrack" ? c.BIOTRACK_LICENSE : c.METRC_LICENSE;
  let stateSystem: SiteStateSystem;
  if (c.STATE_SYSTEM === "metrc")
    stateSystem = {
      kind: "metrc",
      baseUrl: c.METRC_BASE_URL!,
      vendorKey: c.METRC_VENDOR_KEY!,
      userKey: c.METRC_USER_KEY!,
    };
  else if (c.STATE_SYSTEM === "biotrack")
    stateSystem = {
      kind: "biotrack",
      baseUrl: c.BIOTRACK_URL!,
      username: c.BIOTRACK_USERNAME!,
      password: c.BIOTRACK_PASSWORD!,
    };
  else {
    stateSystem = {
      kind: "simulator",
      ...(c.METRC_BASE_URL ? { baseUrl: c.METRC_BASE_URL } : {}),
      ...(c.METRC_VENDOR_KEY ? { vendorKey: c.METRC_VENDOR_KEY } : {}),
      ...(c.METRC_USER_KEY ? { userKey: c.METRC_USER_KEY } : {}),
    };
  }
  return {
    id: c.SITE_ID ?? DEFAULT_SITE_ID,
    license: license ?? DEMO_LICENSE,
    timeZone: c.FACILITY_TIME_ZONE,
    stateSystem,
  };
}

/** Variables that name the one site; a sites list names its sites itself, so they may not be set beside one. */
const SINGLE_SITE_KEYS = ["SITE_ID", "STATE_SYSTEM", "METRC_LICENSE", "BIOTRACK_LICENSE"] as const;

/** The file HUB_CONFIG names: a JSON object of the same keys as the environment, plus `sites`. */
function readConfigFile(file: string): { keys: Record<string, unknown>; sites?: unknown; issues: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return { keys: {}, issues: [`HUB_CONFIG: ${file}: ${(e as Error).message}`] };
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    return { keys: {}, issues: [`HUB_CONFIG: ${file}: not a JSON object`] };
  const { sites, ...rest } = parsed as Record<string, unknown>;
  const known = new Set(Object.keys(HubConfigSchema.shape));
  const issues = Object.keys(rest)
    .filter((k) => !known.has(k))
    .map((k) => `HUB_CONFIG: ${file}: unknown key ${k.slice(0, 60)}`);
  // Numbers and booleans in the file read as the environment's text would.
  const keys = Object.fromEntries(
    Object.entries(rest)
      .filter(([k]) => known.has(k))
      .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  return { keys, ...(sites !== undefined ? { sites } : {}), issues };
}

/** The sites list from HUB_SITES (JSON text) or the file, checked; issues are named by where the list came from. */
function sitesFrom(text: unknown, fileSites: unknown, file: string | undefined): { sites?: Site[]; issues: string[] } {
  const where = text ? "HUB_SITES" : `HUB_CONFIG ${file}: sites`;
  let raw: unknown = fileSites;
  if (typeof text === "string" && text !== "") {
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return { issues: [`HUB_SITES: not JSON (${(e as Error).message}); give a JSON array of sites`] };
    }
  }
  if (raw === undefined) return { issues: [] };
  const parsed = SitesSchema.safeParse(raw);
  if (parsed.success) return { sites: parsed.data, issues: [] };
  return { issues: parsed.error.issues.map((i) => `${[where, ...i.path].join(".")}: ${i.message}`) };
}

/**
 * Reads the hub configuration from environment-style keys and, when `file` (default HUB_CONFIG)
 * names one, a JSON file of the same keys and a `sites` list; the environment wins. Throws a
 * HubError CONFIG_INVALID whose `context.issues` names each bad variable, one line each.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  file: string | undefined = env.HUB_CONFIG || undefined,
): HubConfig {
  const fromFile = file ? readConfigFile(file) : { keys: {}, issues: [] as string[] };
  const keys = Object.keys(HubConfigSchema.shape);
  const picked: Record<string, unknown> = {
    ...fromFile.keys,
    ...Object.fromEntries(keys.filter((k) => env[k] !== undefined).map((k) => [k, env[k]])),
  };
  const parsed = HubConfigSchema.safeParse(picked);
  const listed = sitesFrom(picked.HUB_SITES, fromFile.sites, file);
  const issues = [
    ...fromFile.issues,
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)),
    ...listed.issues,
  ];
  if (parsed.success && listed.sites) {
    for (const k of SINGLE_SITE_KEYS)
      if (picked[k])
        issues.push(`${k}: a hub with a sites list takes each site's id and license from the list; unset ${k}`);
  }
  if (!parsed.success || issues.length > 0) {
    throw new HubError(`invalid hub configuration:\n  ${issues.join("\n  ")}`, "CONFIG_INVALID", {
      context: { issues },
    });
  }
  const sites = listed.sites ?? [derivedSite(parsed.data)];
  return Object.freeze({ ...parsed.data, sites: Object.freeze(sites), sitesConfigured: listed.sites !== undefined });
}
