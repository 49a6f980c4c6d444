/**
 * The state-system module as the hub starts it: the configured state system (with the request
 * log), the worker (queue + scheduled sync) and the dashboard routes for `/statesystem`.
 *
 *   const ss = startStateSystemModule({ env: process.env, db, log, clock });
 *   webDeps.extraRoutes.push(ss.route);   // dashboard at /statesystem
 *   …on stop: await ss.stop();
 */
import type { Hono } from "hono";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database } from "#hub/store/database.js";
import { systemClock, type Clock } from "./clock.js";
import { loadStateSystemConfig, type StateSystemConfig } from "./config.js";
import { createStateSystem } from "./factory.js";
import type { StateSystem } from "./port.js";
import { requestLogSink } from "./store/request-log.js";
import { ssDb } from "./store/tables.js";
import { stateSystemRoutes } from "./web/routes.js";
import { startStateSystemWorker, type StateSystemWorker } from "./worker.js";

export interface StateSystemModule {
  config: StateSystemConfig;
  stateSystem: StateSystem;
  worker: StateSystemWorker;
  /** Mount with `app.route(route.path, route.app)` or WebDeps.extraRoutes. */
  route: { path: "/statesystem"; app: Hono };
  stop(): Promise<void>;
}

export function startStateSystemModule(deps: {
  env: Record<string, string | undefined>;
  db: Kysely<Database>;
  log: Logger;
  clock?: Clock;
  /** Run one sync right away. Default true. */
  syncAtStart?: boolean;
}): StateSystemModule {
  const clock = deps.clock ?? systemClock;
  const config = loadStateSystemConfig(deps.env);
  const log = deps.log.child({ mod: "statesystem" });
  // Stopping must not wait out a retry's backoff (up to 30 s a step) against an unreachable METRC.
  const stopping = new AbortController();
  const stateSystem = createStateSystem(config, { log, clock, requestLog: requestLogSink(ssDb(deps.db), log), signal: stopping.signal });
  const worker = startStateSystemWorker({
    db: deps.db, stateSystem, log, clock, syncEveryMs: config.STATE_SYSTEM_SYNC_MINUTES * 60_000,
    ...(deps.syncAtStart === undefined ? {} : { syncAtStart: deps.syncAtStart }),
  });
  const app = stateSystemRoutes({ db: deps.db, worker, clock, log, stateSystem, timeZone: config.FACILITY_TIME_ZONE }) as unknown as Hono;
  const stop = () => {
    stopping.abort();
    return worker.stop();
  };
  return { config, stateSystem, worker, route: { path: "/statesystem", app }, stop };
}
