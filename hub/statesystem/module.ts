/**
 * The state-system module as the hub starts it: for each site the hub serves, that site's state
 * system (its licence, credentials, time zone and rate limit, with the request log) and its worker
 * (queue + scheduled sync); one dashboard screen for `/statesystem` (`?site=`). It provides
 * `stateSystem` to the modules that need or use it (receiving), by site.
 *
 *   startHub(cfg, { modules: [stateSystemModule(stateSystemSlice(cfg)), …] });
 *
 * or, outside a hub (tests, tools): `const ss = startStateSystemModule({ config, db, log })`, then
 * mount `ss.route` and `await ss.stop()`.
 */
import type { Kysely } from "kysely";
import type { HubModule } from "#hub/modules.js";
import type { Logger } from "pino";
import { systemClock, type Clock } from "#hub/clock.js";
import { siteLabel, type Site } from "#hub/sites/site.js";
import type { StateSystemConfig } from "./config.js";
import { createSiteStateSystem } from "./factory.js";
import { chainStateSystemParts } from "#hub/chain/statesystem-parts.js";
import { isPostgres } from "#hub/chain/dialect.js";
import type { StateSystem } from "./port.js";
import { requestLogSink } from "./store/request-log.js";
import { stateSystemRoutes } from "./web/routes.js";
import { startStateSystemWorker, type StateSystemWorker } from "./worker.js";
import type { Database } from "#hub/store/database.js";

/** One site's state system and worker. */
export interface SiteStateSystemRun {
  site: Site;
  stateSystem: StateSystem;
  worker: StateSystemWorker;
}

export interface StateSystemModule {
  config: StateSystemConfig;
  /** The default site's state system and worker (the first site). */
  stateSystem: StateSystem;
  worker: StateSystemWorker;
  /** Every site's, by site id, in the configuration's order. */
  sites: ReadonlyMap<string, SiteStateSystemRun>;
  /** Mount with `app.route(route.path, route.app)` or WebDeps.extraRoutes. */
  route: { path: "/statesystem"; app: ReturnType<typeof stateSystemRoutes> };
  stop(): Promise<void>;
}

export function startStateSystemModule(deps: {
  /** The state system's slice of the hub configuration (config.ts `stateSystemSlice`). */
  config: StateSystemConfig;
  db: Kysely<Database>;
  log: Logger;
  clock?: Clock;
  /** Run one sync of each site right away. Default true. */
  syncAtStart?: boolean;
}): StateSystemModule {
  const clock = deps.clock ?? systemClock;
  const { config } = deps;
  const log = deps.log.child({ mod: "statesystem" });
  // Stopping must not wait out a retry's backoff (up to 30 s a step) against an unreachable METRC.
  const stopping = new AbortController();
  const sites = new Map<string, SiteStateSystemRun>();
  // On PostgreSQL other hub processes may share the queue and each facility's rate limit.
  const chain = isPostgres(deps.db) ? chainStateSystemParts({ db: deps.db, clock, log }) : undefined;
  for (const site of config.sites) {
    const siteLog = log.child({ site: site.id });
    const stateSystem = createSiteStateSystem(
      site,
      { simPort: config.METRC_SIM_PORT },
      {
        log: siteLog,
        clock,
        requestLog: requestLogSink(deps.db, siteLog, site.id),
        signal: stopping.signal,
        sharedLimit: chain?.sharedLimit,
      },
    );
    const worker = startStateSystemWorker({
      db: deps.db,
      site: site.id,
      stateSystem,
      log: siteLog,
      clock,
      syncEveryMs: config.STATE_SYSTEM_SYNC_MINUTES * 60_000,
      ...(deps.syncAtStart === undefined ? {} : { syncAtStart: deps.syncAtStart }),
      claims: chain?.claims,
    });
    sites.set(site.id, { site, stateSystem, worker });
  }
  const runs = [...sites.values()];
  const app = stateSystemRoutes({
    db: deps.db,
    clock,
    log,
    sites: runs.map((r) => ({
      site: r.site.id,
      label: siteLabel(r.site),
      worker: r.worker,
      stateSystem: r.stateSystem,
      timeZone: r.site.timeZone,
    })),
  });
  const first = runs[0]!;
  const stop = async () => {
    stopping.abort();
    await Promise.all(runs.map((r) => r.worker.stop()));
  };
  return {
    config,
    stateSystem: first.stateSystem,
    worker: first.worker,
    sites,
    route: { path: "/statesystem", app },
    stop,
  };
}

/** The state system as a hub module, from its slice of the configuration. */
export function stateSystemModule(
  config: StateSystemConfig,
  opts: { syncAtStart?: boolean; onStarted?(ss: StateSystemModule): void } = {},
): HubModule {
  return {
    name: "statesystem",
    provides: ["stateSystem"],
    start(ctx) {
      const ss = startStateSystemModule({
        config,
        db: ctx.db,
        log: ctx.log,
        clock: ctx.clock,
        ...(opts.syncAtStart === undefined ? {} : { syncAtStart: opts.syncAtStart }),
      });
      opts.onStarted?.(ss);
      const forSite = (siteId: string) => {
        const run = ss.sites.get(siteId);
        return run ? { system: run.stateSystem, worker: run.worker } : undefined;
      };
      return {
        routes: [ss.route],
        nav: [{ href: "/statesystem", label: "State system" }],
        provides: { stateSystem: { forSite } },
        stop: ss.stop,
      };
    },
  };
}
