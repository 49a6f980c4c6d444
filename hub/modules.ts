import type { Hono } from "hono";
import type { Kysely } from "kysely";
import type { AnyStationEvent } from "#contract/validate.js";
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
  /** QoS 1 publish of a hub → station message; the caller builds it from the contract and validates it. */
  publish(topic: string, payload: string): Promise<void>;
  /** Calls `listener` with each batch of newly stored station events (duplicates left out), in arrival order. */
  onEventsStored(listener: (events: readonly AnyStationEvent[]) => void): void;
  /** Calls `listener` when a station came online or restarted, after it was sent its employees and catalog. */
  onStationOnline(listener: (stationId: string) => void): void;
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
