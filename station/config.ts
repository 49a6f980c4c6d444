import { readFileSync } from "node:fs";
import { z } from "zod";
import { SiteIdSchema, StationIdSchema } from "#contract/ids.js";
import { DevicesConfigSchema, type DevicesConfig } from "#station/devices/config.js";
import { StationError } from "#station/errors.js";
import { DEFAULT_TIME_ZONE, isTimeZone } from "#contract/facility-time.js";
import { sliceInput, sliceVariable } from "#station/workflows/config-slice.js";
import { stationWorkflows, type ConfigSlice } from "#station/workflows/index.js";

/**
 * The station's configuration: one zod schema. Environment variables win over the optional
 * JSON file, which may set the same keys. `loadConfig` is called only by the composition root.
 * The device list is the drivers' own schema; `{ "kind": "sim" }` (the default) is the demo's
 * simulated set, and STATION_DEVICES names a JSON device list file for real hardware. Each
 * registered workflow adds its slice under `workflows.<key>` (receiving: `workflows.receive`,
 * RECEIVE_* variables), and gets only that slice.
 */

/**
 * Checked against the drivers' schema but kept as written: `createDevices` parses it itself and
 * treats a bare `{ "kind": "sim" }` as the full simulated set.
 */
const DevicesInput = z
  .custom<DevicesConfig>((v) => typeof v === "object" && v !== null, "devices must be an object")
  .superRefine((v, ctx) => {
    const checked = DevicesConfigSchema.safeParse(v);
    if (checked.success) return;
    for (const issue of checked.error.issues)
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path.map(String) });
  });

const Port = z.coerce.number().int().min(0).max(65_535);
const Millis = z.coerce.number().int().positive();

/** Every station setting, with its default; see ENV_KEYS for the variable of each. */
export const StationConfigSchema = z.object({
  /** HTTP port of the kiosk and the API (STATION_PORT); 0 picks a free one. */
  port: Port.default(8081),
  /**
   * Interface to listen on (STATION_HOST). Loopback by default: the kiosk browser runs on the same
   * Pi; set 0.0.0.0 (or one address) to reach the kiosk and /api/status from the network.
   */
  host: z.string().min(1).default("127.0.0.1"),
  /** Broker URL (MQTT_URL); defaults to the hub's embedded broker on MQTT_PORT. */
  mqttUrl: z.string().regex(/^(mqtts?|wss?|tcp):\/\//, "MQTT_URL must start with mqtt://, mqtts://, ws:// or wss://"),
  mqttUsername: z.string().optional(),
  mqttPassword: z.string().optional(),
  /** MQTT keep-alive, seconds: the broker declares the station offline after 1.5× this. */
  mqttKeepaliveSeconds: z.coerce.number().int().min(1).max(3600).default(10),
  /** Where the replica, the open session and the outbox journal live (STATION_DATA_DIR). */
  dataDir: z.string().min(1).default("./data/station"),
  stationId: StationIdSchema.default("vault-1"),
  siteId: SiteIdSchema.default("demo-site"),
  /** Signed-in employee is signed out after this much inactivity, ms. */
  idleSignOutMs: Millis.default(10 * 60_000),
  /** Unacknowledged events published at most this many at a time. */
  outboxWindow: z.coerce.number().int().min(1).max(10_000).default(500),
  /** An event without the hub's ack is published again after this long, ms. */
  outboxResendMs: Millis.default(10_000),
  devices: DevicesInput.default({ kind: "sim" }),
  /** FACILITY_TIME_ZONE: IANA zone every time on the kiosk (and on its labels) is shown in, as the hub's. */
  timeZone: z
    .string()
    .min(1)
    .refine(isTimeZone, "is not an IANA time zone such as America/Los_Angeles")
    .default(DEFAULT_TIME_ZONE),
  /** pino level (LOG_LEVEL): fatal, error, warn, info, debug, trace or silent. */
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Each workflow's settings, by slice key; `loadConfig` checks each against its workflow's schema. */
  workflows: z.record(z.string(), z.unknown()).default({}),
});

/** The validated, frozen configuration `loadConfig` returns. */
export type StationConfig = Readonly<z.infer<typeof StationConfigSchema>>;

/** Environment variable → config key. */
const ENV_KEYS: Record<string, keyof z.input<typeof StationConfigSchema>> = {
  STATION_PORT: "port",
  STATION_HOST: "host",
  MQTT_URL: "mqttUrl",
  MQTT_USERNAME: "mqttUsername",
  MQTT_PASSWORD: "mqttPassword",
  MQTT_KEEPALIVE: "mqttKeepaliveSeconds",
  STATION_DATA_DIR: "dataDir",
  STATION_ID: "stationId",
  SITE_ID: "siteId",
  STATION_IDLE_SIGN_OUT_MS: "idleSignOutMs",
  OUTBOX_WINDOW: "outboxWindow",
  OUTBOX_RESEND_MS: "outboxResendMs",
  LOG_LEVEL: "logLevel",
  FACILITY_TIME_ZONE: "timeZone",
};

/** What `loadConfig` throws: CONFIG_INVALID with `context.issues`, one line per bad key, path first. */
function configError(issues: string[]): StationError {
  return new StationError(
    `invalid station configuration:\n${issues.map((i) => `  ${i}`).join("\n")}`,
    "CONFIG_INVALID",
    { context: { issues } },
  );
}

function readFileConfig(file: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    throw new Error("not a JSON object");
  } catch (e) {
    throw configError([`${file}: ${(e as Error).message}`]);
  }
}

/** Names a bad key the way the installer set it: the environment variable when there is one. */
function describePath(path: PropertyKey[], env: NodeJS.ProcessEnv, slices: readonly ConfigSlice[]): string {
  const key = path.map(String).join(".") || "(root)";
  const slice = path[0] === "workflows" ? slices.find((s) => s.key === path[1]) : undefined;
  const variable = slice
    ? sliceVariable(slice, String(path[2]), env)
    : Object.entries(ENV_KEYS).find(([name, k]) => k === path[0] && env[name] !== undefined && env[name] !== "")?.[0];
  return variable ? `${variable} (${key})` : key;
}

/** The schema with each workflow's slice in place of the open `workflows` record. */
function composedSchema(slices: readonly ConfigSlice[]) {
  return StationConfigSchema.extend({ workflows: z.object(Object.fromEntries(slices.map((s) => [s.key, s.schema]))) });
}

/**
 * Builds the frozen config from the environment and an optional JSON file, with the slice of
 * each workflow in `slices` (by default every registered one).
 * @throws StationError CONFIG_INVALID naming each bad key (`configIssues(e)`).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  file?: string,
  slices: readonly ConfigSlice[] = stationWorkflows.configSlices(),
): StationConfig {
  const raw: Record<string, unknown> = file ? readFileConfig(file) : {};
  const fromFile = (raw.workflows && typeof raw.workflows === "object" ? raw.workflows : {}) as Record<string, unknown>;
  raw.workflows = Object.fromEntries(slices.map((s) => [s.key, sliceInput(s, env, fromFile[s.key])]));
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== "") raw[key] = value;
  }
  raw.mqttUrl ??= `mqtt://127.0.0.1:${env.MQTT_PORT || 1883}`;
  if (env.STATION_DEVICES) raw.devices = readFileConfig(env.STATION_DEVICES);
  const parsed = composedSchema(slices).safeParse(raw);
  if (!parsed.success) {
    throw configError(parsed.error.issues.map((i) => `${describePath(i.path, env, slices)}: ${i.message}`));
  }
  return Object.freeze(parsed.data);
}
