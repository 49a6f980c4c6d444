/** The state system the configuration names (METRC, BioTrack, or the local METRC simulator). */
import type { Logger } from "pino";
import { BioTrackStateSystem } from "./biotrack/client.js";
import { systemClock, type Clock } from "#hub/clock.js";
import type { StateSystemConfig } from "./config.js";
import { MetrcStateSystem } from "./metrc/client.js";
import { DEFAULT_SIM_KEYS } from "./metrc-sim/model.js";
import type { StateSystem } from "./port.js";
import type { RequestLogSink } from "./request-record.js";

/** The demo facility's license, used by the simulator when METRC_LICENSE is not set. */
export const DEMO_LICENSE = "C10-0000123-LIC";

/** Injected into the state system: logger, clock and request log. */
export interface StateSystemDeps {
  log: Logger;
  clock?: Clock;
  /** Where each request and answer is kept (store/request-log.ts `requestLogSink`). */
  requestLog?: RequestLogSink;
  /** Aborted when the hub stops: the METRC client's retry and rate-limit waits end at once. */
  signal?: AbortSignal;
}

/**
 * The state system the configuration names. `simulator` is the METRC client pointed at the
 * local METRC simulator (METRC_SIM_PORT, or METRC_BASE_URL when set), with the simulator's keys.
 */
export function createStateSystem(cfg: StateSystemConfig, deps: StateSystemDeps): StateSystem {
  const clock = deps.clock ?? systemClock;
  const common = { clock, log: deps.log, ...(deps.requestLog ? { requestLog: deps.requestLog } : {}), ...(deps.signal ? { signal: deps.signal } : {}) };
  switch (cfg.STATE_SYSTEM) {
    case "biotrack":
      return new BioTrackStateSystem({
        url: cfg.BIOTRACK_URL!, license: cfg.BIOTRACK_LICENSE!, username: cfg.BIOTRACK_USERNAME!,
        password: cfg.BIOTRACK_PASSWORD!, timeZone: cfg.FACILITY_TIME_ZONE,
      }, common);
    case "metrc":
      return new MetrcStateSystem({
        baseUrl: cfg.METRC_BASE_URL!, vendorKey: cfg.METRC_VENDOR_KEY!, userKey: cfg.METRC_USER_KEY!,
        license: cfg.METRC_LICENSE!, timeZone: cfg.FACILITY_TIME_ZONE,
      }, common);
    case "simulator":
      return new MetrcStateSystem({
        baseUrl: cfg.METRC_BASE_URL ?? `http://127.0.0.1:${cfg.METRC_SIM_PORT}`,
        vendorKey: cfg.METRC_VENDOR_KEY ?? DEFAULT_SIM_KEYS.vendorKey, userKey: cfg.METRC_USER_KEY ?? DEFAULT_SIM_KEYS.userKey,
        license: cfg.METRC_LICENSE ?? DEMO_LICENSE, timeZone: cfg.FACILITY_TIME_ZONE,
      }, common);
  }
}
