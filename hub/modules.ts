import type { Hono, MiddlewareHandler } from "hono";
import type { Kysely } from "kysely";
import type { AnyStationEvent } from "#contract/validate.js";
import type { BrokerHooks } from "./bus/broker.js";
import type { Clock } from "./clock.js";
import type { StationSync } from "./ingest/station-sync.js";
import type { Log } from "./log.js";
import type { SiteDirectory } from "./sites/directory.js";
import type { StateSystem } from "./statesystem/port.js";
import type { StateSystemWorker } from "./statesystem/worker.js";
import type { Database } from "./store/database.js";
import type { NavLink } from "./web/views/layout.js";

/**
 * What hub modules provide each other, by name. The hub itself provides `ledger`; a module that
 * provides something new adds its name here (the POS link, when hub/pos provides one).
 */
export interface HubServices {
  /**
   * The ledger: package state is written by its recordPackageChanges (hub/ledger/package-state.ts),
   * called inside the module's own transaction; once that commits, changed packages reach their
   * site's stations through this.
   */
  ledger: Pick<StationSync, "publishCatalogChange">;
  /** Each site's state system and its worker (queue and scheduled sync), from hub/statesystem. */
  stateSystem: { forSite(siteId: string): SiteStateSystem | undefined };
  /** Physical counts (hub/counts): the vault's counted figures, the arbiter of reconciliation. */
  counts: CountsService;
  /** Variance investigations (hub/investigations): reconciliation and counts open their differences here. */
  investigations: InvestigationsService;
}

/** The last approved physical figure of one package. */
export interface PhysicalFigure {
  label: string;
  /** Counted quantity, in `unit`. */
  quantity: number;
  unit: string;
  /** When it was counted, ISO-8601. */
  countedAt: string;
  countId: string;
}

/** The newest approved full count (every package of the site), whose found labels decide `not-in-vault`. */
export interface FullCount {
  countId: string;
  countedAt: string;
  /** Every label the count found (expected or not). */
  labels: readonly string[];
}

/** One business day's cycle-count results at a site, for the end-of-day report. */
export interface CountDaySummary {
  sessions: number;
  linesCounted: number;
  /** Lines whose approved figure differed from the ledger beyond tolerance. */
  linesOutOfTolerance: number;
  /** Inventory record accuracy: lines within tolerance ÷ lines counted (1 when nothing was counted). */
  accuracy: number;
}

/** One approved count line, for accuracy and shrinkage over time. */
export interface CountAccuracyRow {
  countId: string;
  /** Facility-local YYYY-MM-DD. */
  businessDay: string;
  label: string;
  itemId: string;
  category: string;
  /** Employee who counted it (the recount's, when recounted). */
  employeeId: string;
  expected: number;
  counted: number;
  unit: string;
  withinTolerance: boolean;
}

export interface CountsService {
  /** The last approved figure of each package counted at `site` at or before `asOf` (ISO instant), and the newest full count then. */
  physicalAsOf(site: string, asOf: string): Promise<{ figures: PhysicalFigure[]; lastFullCount: FullCount | null }>;
  daySummary(site: string, businessDay: string): Promise<CountDaySummary>;
  /** Approved lines counted on business days `from`..`to` (inclusive, facility-local YYYY-MM-DD). */
  accuracyRows(site: string, from: string, to: string): Promise<CountAccuracyRow[]>;
}

/**
 * The discrepancy classes of the reconciliation issue (exact strings), plus a count's own difference, in the order a
 * run lists them (sales first, then on-hand, receiving, then sales while unsellable).
 */
export const VARIANCE_CLASSES = [
  "sold-not-reported",
  "reported-not-sold",
  "quantity-mismatch",
  "unit-mismatch",
  "unknown-tag",
  "not-in-vault",
  "not-in-state",
  "physical-short",
  "physical-over",
  "receiving-mismatch",
  "sold-while-unsellable",
] as const;

/** One of VARIANCE_CLASSES. */
export type VarianceClass = (typeof VARIANCE_CLASSES)[number];

/** One difference found by a reconciliation run or an approved count, as investigations take it. */
export interface Variance {
  site: string;
  /** Facility-local YYYY-MM-DD the difference belongs to. */
  businessDay: string;
  label: string;
  class: VarianceClass;
  /** Quantities sold that day per the POS and the state system; on-hand per the ledger and the last count. */
  pos: number | null;
  state: number | null;
  ledger: number | null;
  physical: number | null;
  /** The usual fix, in words. */
  fix: string;
  /** What found it: a reconciliation run id or a count id. */
  source: { kind: "reconciliation" | "count"; ref: string };
}

/** One business day's investigations at a site, for the end-of-day report. */
export interface InvestigationDaySummary {
  opened: number;
  resolved: number;
  /** Still open at the end of the day, and how many of those are past their deadline. */
  open: number;
  escalated: number;
}

export interface InvestigationsService {
  /**
   * Opens a case for each variance, or joins the open case of the same package and class (one case per package and
   * class while it is open). Returns each variance's case, in the order given.
   */
  open(variances: readonly Variance[], by: string): Promise<{ caseId: string; joined: boolean }[]>;
  daySummary(site: string, businessDay: string): Promise<InvestigationDaySummary>;
}

/** One site's state system (its licence and credentials) and the worker that syncs and submits for it. */
export interface SiteStateSystem {
  system: StateSystem;
  worker: StateSystemWorker;
}

export type ServiceName = keyof HubServices;

/** The services started so far: `need` one the module declared in `needs`, `use` one it declared in `uses`. */
export interface ServiceRegistry {
  need<K extends ServiceName>(name: K): HubServices[K];
  use<K extends ServiceName>(name: K): HubServices[K] | undefined;
}

/** What a module gets before the broker opens: the migrated database, to answer the broker's and the web's questions. */
export interface HubOpenContext {
  db: Kysely<Database>;
  log: Log;
  clock: Clock;
  /** The sites the hub serves (one, or the configured list), each with its licence and time zone. */
  sites: SiteDirectory;
}

/** What a module hands the hub before the broker opens. At most one module may give each. */
export interface OpenedModule {
  /** Access hooks of the embedded broker (station logins and ACLs). */
  broker?: BrokerHooks;
  /** Mounted on every path before the routes (logins); it lets public paths through itself. */
  guard?: MiddlewareHandler;
}

/** What a hub module gets when it starts: the migrated ledger, the link to the stations, the services it declared. */
export interface HubModuleContext extends HubOpenContext {
  /** Catalog changes to the stations (the broker link is up when modules start). */
  stationSync: StationSync;
  /** QoS 1 publish of a hub → station message; the caller builds it from the contract and validates it. */
  publish(topic: string, payload: string): Promise<void>;
  /** Calls `listener` with each batch of newly stored station events (duplicates left out), in arrival order. */
  onEventsStored(listener: (events: readonly AnyStationEvent[]) => void): void;
  /** Calls `listener` when a station came online or restarted, after it was sent its employees and catalog. */
  onStationOnline(listener: (stationId: string) => void): void;
  services: ServiceRegistry;
}

/** What a started module adds to the hub. */
export interface StartedModule {
  /** Route modules mounted in the web app (behind the login guard when there is one). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module's routes carry their own Env type
  routes?: { path: string; app: Hono<any> }[];
  /** Links in the dashboard header. */
  nav?: NavLink[];
  /** The services named in the module's `provides`, for the modules started after it. */
  provides?: Partial<HubServices>;
  /** Called when the hub stops, before the broker link and the ledger close. */
  stop?(): Promise<void>;
}

/**
 * A part of the hub with its own tables (`hub/<name>/tables.ts`, `migrations/`), routes and
 * workers. It declares what it provides and needs; startHub starts modules in an order that puts
 * each provider before the modules that need or use it, refuses a need nobody provides, and
 * calls `open` (before the broker) and `start` (once the broker link is up, before the web app is built).
 */
export interface HubModule {
  name: string;
  /** Services this module provides once started (StartedModule.provides). */
  provides?: readonly ServiceName[];
  /** Services it cannot start without. */
  needs?: readonly ServiceName[];
  /** Services it uses when some module provides them. */
  uses?: readonly ServiceName[];
  open?(ctx: HubOpenContext): Promise<OpenedModule> | OpenedModule;
  start(ctx: HubModuleContext): Promise<StartedModule> | StartedModule;
}
