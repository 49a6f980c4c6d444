import type { Hono } from "hono";
import type { Kysely } from "kysely";
import type { Clock } from "./clock.js";
import type { StationSync } from "./ingest/station-sync.js";
import type { Log } from "./log.js";
import type { Database } from "./store/database.js";
import type { NavLink } from "./web/views/layout.js";

/** What a hub module gets when it starts: the migrated ledger and the link to the stations. */
export interface HubModuleContext {
  db: Kysely<Database>;
  log: Log;
  clock: Clock;
  /** Catalog changes to the stations (the broker link is up when modules start). */
  stationSync: StationSync;
}

/** What a started module adds to the hub. */
export interface StartedModule {
  /** Route modules mounted in the web app (behind the login middleware when there is one). */
  routes?: { path: string; app: Hono<any> }[];
  /** Links in the dashboard header. */
  nav?: NavLink[];
  /** Called when the hub stops, before the broker link and the ledger close. */
  stop?(): Promise<void>;
}

/**
 * A part of the hub that needs the ledger to build its routes or workers (the state system, for
 * one). startHub starts modules in order once the broker link is up, before the web app is built.
 */
export interface HubModule {
  name: string;
  start(ctx: HubModuleContext): Promise<StartedModule> | StartedModule;
}
