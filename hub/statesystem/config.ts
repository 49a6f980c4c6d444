/**
 * The state-system slice of the hub's one configuration schema (hub/config.ts): which system,
 * and how to reach it, for each site the hub serves (the one derived from these variables, or
 * the sites list). Read from the same environment as the hub (design.md, Configuration).
 */
import { loadConfig, type HubConfig } from "#hub/config.js";

/** The variables the state system reads; which are required depends on STATE_SYSTEM (checked by the hub's schema). */
export const STATE_SYSTEM_KEYS = [
  "STATE_SYSTEM",
  "METRC_BASE_URL",
  "METRC_VENDOR_KEY",
  "METRC_USER_KEY",
  "METRC_LICENSE",
  "METRC_SIM_PORT",
  "FACILITY_TIME_ZONE",
  "BIOTRACK_URL",
  "BIOTRACK_LICENSE",
  "BIOTRACK_USERNAME",
  "BIOTRACK_PASSWORD",
  "STATE_SYSTEM_SYNC_MINUTES",
] as const satisfies ReadonlyArray<keyof HubConfig>;

/** The validated, frozen slice handed to `createStateSystem` and the state-system module. */
export type StateSystemConfig = Readonly<Pick<HubConfig, (typeof STATE_SYSTEM_KEYS)[number] | "sites">>;

/** The state system's slice of a loaded hub configuration: its variables and every site's state system. */
export function stateSystemSlice(cfg: HubConfig): StateSystemConfig {
  const vars = Object.fromEntries(STATE_SYSTEM_KEYS.map((k) => [k, cfg[k]])) as Pick<
    HubConfig,
    (typeof STATE_SYSTEM_KEYS)[number]
  >;
  return Object.freeze({ ...vars, sites: cfg.sites });
}

/** The slice read from environment-style keys through the hub's schema; throws a HubError CONFIG_INVALID naming each bad variable. */
export function loadStateSystemConfig(env: Record<string, string | undefined>): StateSystemConfig {
  return stateSystemSlice(loadConfig(env));
}
