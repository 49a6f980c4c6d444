/**
 * The state-system module as the hub starts it: the configured state system (with the request
 * log), the worker (queue + scheduled sync) and the dashboard routes for `/statesystem`. It
 * provides `stateSystem` to the modules that need or use it (receiving).
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
import type { StateSystemConfig } from "./config.js";
import { createStateSystem } from "./factory.js";
import type { StateSystem } from "./port.js";
import { requestLogSink } from "./store/request-log.js";
import { stateSystemRoutes } from "./web/routes.js";
import { startStateSystemWorker, type StateSystemWorker } from "./worker.js";
import type { Database } from "#hub/store/database.js";

export interface StateSystemModule {
  config: StateSystemConfig;
  stateSystem: StateSystem;
  worker: StateSystemWorker;
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
  /** Run one sync right away. Default true. */
  syncAtStart?: boolean;
}): StateSystemModule {
  const clock = deps.clock ?? systemClock;
  const { config } = deps;
  const log = deps.log.child({ mod: "statesystem" });
  // Stopping must not wait out a retry's backoff (up to 30 s a step) against an unreachable METRC.
  const stopping = new AbortController();
  const stateSystem = createStateSystem(config, { log, clock, requestLog: requestLogSink(deps.db, log), signal: stopping.signal });
  const worker = startStateSystemWorker({
    db: deps.db, stateSystem, log, clock, syncEveryMs: config.STATE_SYSTEM_SYNC_MINUTES * 60_000,
    ...(deps.syncAtStart === undefined ? {} : { syncAtStart: deps.syncAtStart }),
  });
  const app = stateSystemRoutes({ db: deps.db, worker, clock, log, stateSystem });
  const stop = () => {
    stopping.abort();
    return worker.stop();
  };
  return { config, stateSystem, worker, route: { path: "/statesystem", app }, stop };
}

/** The state system as a hub module, from its slice of the configuration. */
export function stateSystemModule(config: StateSystemConfig, opts: { syncAtStart?: boolean; onStarted?(ss: StateSystemModule): void } = {}): HubModule {
  return {
    name: "statesystem",
    provides: ["stateSystem"],
    start(ctx) {
      const ss = startStateSystemModule({ config, db: ctx.db, log: ctx.log, clock: ctx.clock, ...(opts.syncAtStart === undefined ? {} : { syncAtStart: opts.syncAtStart }) });
      opts.onStarted?.(ss);
      return {
        routes: [ss.route], nav: [{ href: "/statesystem", label: "State system" }],
        provides: { stateSystem: { system: ss.stateSystem, worker: ss.worker } }, stop: ss.stop,
      };
    },
  };
}
