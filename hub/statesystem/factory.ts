/** The state system of a site (METRC, BioTrack, or the local METRC simulator). */
import type { Logger } from "pino";
import { HubError } from "#hub/errors.js";
import type { Site } from "#hub/sites/site.js";
import { BioTrackStateSystem } from "./biotrack/client.js";
import { systemClock, type Clock } from "#hub/clock.js";
import type { StateSystemConfig } from "./config.js";
import { MetrcStateSystem } from "./metrc/client.js";
import { DEFAULT_SIM_KEYS } from "./metrc-sim/model.js";
import type { StateSystem } from "./port.js";
import type { RequestLogSink } from "./request-record.js";
import type { SharedRateLimit } from "./metrc/rate-limiter.js";

export { DEMO_LICENSE } from "#hub/sites/site.js";

/** Injected into the state system: logger, clock and request log. */
export interface StateSystemDeps {
  log: Logger;
  clock?: Clock;
  /** Where each request and answer is kept (store/request-log.ts `requestLogSink`). */
  requestLog?: RequestLogSink;
  /** Aborted when the hub stops: the METRC client's retry and rate-limit waits end at once. */
  signal?: AbortSignal;
  /** Each facility's rate limit shared with the other hub processes (PostgreSQL only). */
  sharedLimit?: ((key: string) => SharedRateLimit) | undefined;
}

/**
 * The state system of one site, with its licence, credentials and time zone: each client has its
 * own rate limiter, so one site's sync never spends another's allowance. `simulator` is the METRC
 * client pointed at the local METRC simulator (`simPort`, or the site's baseUrl), with the
 * simulator's keys unless the site gives others.
 */
export function createSiteStateSystem(site: Site, opts: { simPort: number }, deps: StateSystemDeps): StateSystem {
  const clock = deps.clock ?? systemClock;
  const common = {
    clock,
    log: deps.log,
    ...(deps.requestLog ? { requestLog: deps.requestLog } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...(deps.sharedLimit ? { sharedLimit: deps.sharedLimit } : {}),
  };
  const ss = site.stateSystem;
  switch (ss.kind) {
    case "biotrack":
      return new BioTrackStateSystem(
        {
          url: ss.baseUrl,
          license: site.license,
          username: ss.username,
          password: ss.password,
          timeZone: site.timeZone,
        },
        common,
      );
    case "metrc":
      return new MetrcStateSystem(
        {
          baseUrl: ss.baseUrl,
          vendorKey: ss.vendorKey,
          userKey: ss.userKey,
          license: site.license,
          timeZone: site.timeZone,
        },
        common,
      );
    case "simulator":
      return new MetrcStateSystem(
        {
          baseUrl: ss.baseUrl ?? `http://127.0.0.1:${opts.simPort}`,
          vendorKey: ss.vendorKey ?? DEFAULT_SIM_KEYS.vendorKey,
          userKey: ss.userKey ?? DEFAULT_SIM_KEYS.userKey,
          license: site.license,
          timeZone: site.timeZone,
        },
        common,
      );
  }
}

/** The state system the configuration names for `siteId` (default: the hub's default site, the first). */
export function createStateSystem(cfg: StateSystemConfig, deps: StateSystemDeps, siteId?: string): StateSystem {
  const site = siteId === undefined ? cfg.sites[0] : cfg.sites.find((s) => s.id === siteId);
  if (!site) throw new HubError(`no site "${siteId}" in the configuration`, "CONFIG_INVALID");
  return createSiteStateSystem(site, { simPort: cfg.METRC_SIM_PORT }, deps);
}
