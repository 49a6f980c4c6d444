import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Kysely } from "kysely";
import { startEmbeddedBroker, type BrokerHooks, type EmbeddedBroker } from "./bus/broker.js";
import { httpsServeOptions, listenMqttTls, tlsFilesFromEnv, type TlsFiles } from "./ops/tls.js";
import { connectHubClient, type HubClient } from "./bus/hub-client.js";
import { systemClock, type Clock } from "./clock.js";
import type { HubConfig } from "./config.js";
import { HubError } from "./errors.js";
import type { AnyStationEvent } from "#contract/validate.js";
import { createIngest, type Ingest } from "./ingest/ingest.js";
import { createPresence, type Presence } from "./ingest/presence.js";
import { createStationSync, type StationSync } from "./ingest/station-sync.js";
import { createLog, type Log } from "./log.js";
import { migrateLedger } from "./store/migrate.js";
import { openLedger, type Ledger } from "./store/open.js";
import type { Database } from "./store/database.js";
import { createApp, type WebDeps } from "./web/app.js";
import { LiveFeed } from "./web/live.js";
import { startChainProcess } from "./chain/wire.js";
import type { LiveRelay } from "./chain/live-relay.js";
import { openModules, orderModules, startModules } from "./module-runner.js";
import type { HubModule, HubModuleContext } from "./modules.js";
import { SiteDirectory } from "./sites/directory.js";
import { warnOfUnservedSites } from "./sites/unserved.js";

/** A started hub, for tests, the demo and the benchmark. */
export interface RunningHub {
  app: ReturnType<typeof createApp>;
  /** Dashboard URL (http://127.0.0.1:port). */
  url: string;
  /** HTTP port actually listened on. */
  port: number;
  /** The MQTT URL stations should use (the embedded broker's, or MQTT_URL). */
  mqttUrl: string;
  db: Kysely<Database>;
  /** The sites the hub serves. */
  sites: SiteDirectory;
  ingest: Ingest;
  /** Hub → station catalog upserts, for modules that change packages. */
  stationSync: StationSync;
  stop(): Promise<void>;
}

/** Optional parts of startHub, for tests, the demo and the login and state-system modules. */
export interface StartOptions {
  log?: Log;
  clock?: Clock;
  /** Broker access hooks (logins, ACLs) for the embedded broker. */
  broker?: BrokerHooks;
  /** Login middleware and more route modules for the web app. */
  web?: Pick<WebDeps, "auth" | "extraRoutes" | "nav">;
  /** Runs after migrations, before the broker starts (e.g. seeding an empty demo ledger). */
  beforeStart?(db: Kysely<Database>): Promise<void>;
  /** Parts with their own tables, routes and workers, ordered by what they provide and need (modules.ts). */
  modules?: HubModule[];
}

const STATION_CLIENT = /^station-(.+)$/;

function listenHttp(
  fetch: (req: Request) => Response | Promise<Response>,
  port: number,
  tls: TlsFiles | undefined,
): Promise<ServerType> {
  const server = serve({ fetch, port, hostname: "0.0.0.0", ...(tls ? httpsServeOptions(tls) : {}) });
  return new Promise((resolve, reject) => {
    server.once("listening", () => resolve(server));
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "EADDRINUSE"
          ? new HubError(`HTTP port ${port} is already in use: set HUB_PORT to a free port`, "PORT_IN_USE")
          : err,
      ),
    );
  });
}

async function openBus(
  cfg: HubConfig,
  log: Log,
  hooks: BrokerHooks | undefined,
  cleanup: (() => Promise<void>)[],
): Promise<{ url: string; embedded?: EmbeddedBroker }> {
  if (cfg.MQTT_URL) return { url: cfg.MQTT_URL };
  const embedded = await startEmbeddedBroker({ port: cfg.MQTT_PORT, log, ...(hooks ? { hooks } : {}) });
  cleanup.push(() => embedded.close());
  const tls = tlsFilesFromEnv({ HUB_TLS_CERT: cfg.HUB_TLS_CERT, HUB_TLS_KEY: cfg.HUB_TLS_KEY });
  if (tls) {
    // Stations reach the embedded broker over TLS; the plain port then serves the hub's own client.
    const secure = await listenMqttTls({ broker: embedded.broker, files: tls, port: cfg.MQTT_TLS_PORT });
    cleanup.push(() => secure.close());
    log.info({ port: secure.port }, "MQTT over TLS listening");
  }
  return { url: embedded.url, embedded };
}

interface Services {
  live: LiveFeed;
  stationSync: StationSync;
  presence: Presence;
  ingest: Ingest;
  /** What modules get besides the ledger: publish, stored events and stations coming online. */
  hooks: Pick<HubModuleContext, "publish" | "onEventsStored" | "onStationOnline">;
  /** Hands the services the broker link once it is up (they publish acks and commands over it). */
  attach(client: HubClient): void;
  /** A chain's live relay: stored batches and station changes go to the other hub processes too. */
  relayTo(relay: LiveRelay): void;
}

/** Calls each listener; one that throws is logged and does not stop the others or the caller. */
function notify<T>(listeners: ((v: T) => void)[], value: T, log: Log): void {
  for (const l of listeners) {
    try {
      l(value);
    } catch (err) {
      log.error({ err: (err as Error).message }, "module listener failed");
    }
  }
}

/** Ingest, presence, station commands and the live feed, wired to each other. */
function createServices(
  cfg: HubConfig,
  db: Kysely<Database>,
  sites: SiteDirectory,
  log: Log,
  clock: Clock,
  embedded: EmbeddedBroker | undefined,
): Services {
  let client: HubClient | undefined;
  let relay: LiveRelay | undefined;
  const publish = async (topic: string, payload: string) => {
    if (!client) throw new HubError("broker link not ready", "MQTT_PUBLISH");
    await client.publish(topic, payload);
  };
  const live = new LiveFeed({ db, log, sites });
  const stationSync = createStationSync({ db, sites, publish, log, clock });
  const stored: ((events: readonly AnyStationEvent[]) => void)[] = [];
  const online: ((stationId: string) => void)[] = [];
  const sync = {
    sendFull: async (stationId: string) => {
      await stationSync.sendFull(stationId);
      notify(online, stationId, log);
    },
  };
  const presence = createPresence({
    db,
    log,
    clock,
    sync,
    staleMs: cfg.HUB_STATION_STALE_MS,
    onChange: () => {
      live.stationsChanged();
      relay?.stationsChanged();
    },
    ...(embedded ? { liveStationIds: () => liveStations(embedded) } : {}),
  });
  const ingest = createIngest({
    db,
    sites,
    publish,
    log,
    clock,
    batchSize: cfg.HUB_INGEST_BATCH,
    flushMs: cfg.HUB_INGEST_FLUSH_MS,
    eventAudit: cfg.HUB_INGEST_AUDIT,
    onStatus: (s) => presence.handleStatus(s),
    onStored: (events) => {
      live.stored(events);
      relay?.stored(events);
      notify(stored, events, log);
    },
  });
  const hooks = {
    publish,
    onEventsStored: (l: (typeof stored)[number]) => void stored.push(l),
    onStationOnline: (l: (typeof online)[number]) => void online.push(l),
  };
  return {
    live,
    stationSync,
    presence,
    ingest,
    hooks,
    attach: (c) => void (client = c),
    relayTo: (r) => void (relay = r),
  };
}

/**
 * Starts the hub: ledger (migrated), broker (embedded unless MQTT_URL), ingest, station presence
 * and commands, and the web app. Port 0 for HUB_PORT or MQTT_PORT picks free ports.
 */
export async function startHub(cfg: HubConfig, opts: StartOptions = {}): Promise<RunningHub> {
  const log = opts.log ?? createLog(cfg.LOG_LEVEL);
  const clock = opts.clock ?? systemClock;
  // A module whose needs nobody provides stops the start here, before anything opens.
  const modules = orderModules(opts.modules ?? [], ["ledger"]);
  const sites = new SiteDirectory(cfg.sites, cfg.sitesConfigured);
  const ledger: Ledger = openLedger({
    dbUrl: cfg.HUB_DB_URL,
    dataDir: cfg.HUB_DATA_DIR,
    ...(cfg.HUB_DB_SCHEMA ? { pgSchema: cfg.HUB_DB_SCHEMA } : {}),
  });
  // Unwound in reverse: the HTTP server, the intake (last batch stored and acked), the modules
  // (which get that batch), the live feed, the broker link, the broker, and the ledger last.
  const cleanup: (() => Promise<void>)[] = [() => ledger.close()];
  const unwind = async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
  };
  try {
    await migrateLedger(ledger.db, { pgSchema: ledger.pgSchema, defaultSiteId: sites.default.id }).catch(
      (err: unknown) => {
        if (err instanceof HubError && err.code === "DB_UNAVAILABLE") {
          throw new HubError(`${err.message} (${ledger.where}): check HUB_DB_URL`, "DB_UNAVAILABLE", { cause: err });
        }
        throw err;
      },
    );
    await opts.beforeStart?.(ledger.db);
    const { db } = ledger;
    await warnOfUnservedSites(db, sites, log);
    const opened = await openModules(modules, { db, log, clock, sites });
    if ((opened.broker && opts.broker) || (opened.guard && opts.web?.auth)) {
      throw new HubError(
        "broker hooks or the web guard given both by a module and in startHub's options",
        "CONFIG_INVALID",
      );
    }
    // Listen first, answering 503 until the app is built: a busy HUB_PORT fails at once, before
    // the broker, the state system and the other modules start.
    const tls = tlsFilesFromEnv({ HUB_TLS_CERT: cfg.HUB_TLS_CERT, HUB_TLS_KEY: cfg.HUB_TLS_KEY });
    let handle = (_req: Request): Response | Promise<Response> =>
      new Response("Vaultline hub is starting", { status: 503, headers: { "retry-after": "2" } });
    const server = await listenHttp((req) => handle(req), cfg.HUB_PORT, tls);
    const closeHttp = () => closeServer(server);
    cleanup.push(closeHttp);
    const bus = await openBus(cfg, log, opened.broker ?? opts.broker, cleanup);
    const svc = createServices(cfg, db, sites, log, clock, bus.embedded);
    // HUB_CHAIN=1: one of several hub processes on this ledger (hub/chain/README.md).
    const chain = cfg.HUB_CHAIN ? await startChainProcess(cfg, { db, live: svc.live, log }) : undefined;
    if (chain) cleanup.push(() => chain.stop());
    const ingestMessage = (topic: string, payload: Buffer) => svc.ingest.handle(topic, payload);
    // The door panel survives a restart: it starts from the door events the ledger stored.
    await svc.live.restoreDoors();
    const client = await connectHubClient({
      url: bus.url,
      clientId: cfg.HUB_MQTT_CLIENT_ID,
      username: cfg.MQTT_USERNAME,
      password: cfg.MQTT_PASSWORD,
      log,
      ...chain?.client,
      onMessage: (topic, payload) =>
        chain ? chain.share.route(topic, payload, ingestMessage) : ingestMessage(topic, payload),
    });
    svc.attach(client);
    if (chain) {
      svc.relayTo(chain.relay);
      await chain.share.attach(client);
    }
    const stopIntake = onlyOnce(async () => {
      await svc.ingest.close();
      await svc.presence.stop();
    });
    // Here for a start that fails while modules start; on stop it runs before them (below).
    cleanup.push(
      () => client.close(),
      () => svc.live.settled(),
      stopIntake,
    );
    svc.presence.start();
    const added = await startModules(
      modules,
      { db, log, clock, sites, stationSync: svc.stationSync, ...svc.hooks },
      { ledger: svc.stationSync },
      cleanup,
    );
    // The last batch is stored and handed to the modules (receiving applies it) before they stop:
    // stopping them first left their work to run on a closed ledger.
    cleanup.push(stopIntake);
    const app = createApp({
      db,
      dialect: ledger.dialect,
      log,
      clock,
      sites,
      live: svc.live,
      apiToken: cfg.HUB_API_TOKEN,
      timeZone: cfg.FACILITY_TIME_ZONE,
      broker: () => ({ connected: client.connected(), url: bus.url, embedded: bus.embedded !== undefined }),
      ingestStats: () => svc.ingest.stats(),
      ...opts.web,
      ...(opened.guard ? { auth: opened.guard } : {}),
      extraRoutes: [...(opts.web?.extraRoutes ?? []), ...added.routes],
      nav: [...(opts.web?.nav ?? []), ...added.nav],
    });
    handle = app.fetch;
    // On stop the HTTP server closes first, before the parts its routes use.
    cleanup.splice(cleanup.indexOf(closeHttp), 1);
    cleanup.push(closeHttp);
    const port = (server.address() as AddressInfo).port;
    const url = `${tls ? "https" : "http"}://127.0.0.1:${port}`;
    log.info({ url, mqtt: bus.url, ledger: ledger.where }, "hub started");
    return {
      app,
      url,
      port,
      mqttUrl: bus.url,
      db,
      sites,
      ingest: svc.ingest,
      stationSync: svc.stationSync,
      stop: unwind,
    };
  } catch (err) {
    await unwind();
    throw err;
  }
}

/** Station ids of station clients (`station-<id>`) connected to the embedded broker now. */
function liveStations(broker: EmbeddedBroker): string[] {
  return broker.clientIds().flatMap((id) => {
    const m = STATION_CLIENT.exec(id);
    return m?.[1] ? [m[1]] : [];
  });
}

/** `fn` run at most once; later calls get the first call's promise. */
function onlyOnce(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

async function closeServer(server: ServerType): Promise<void> {
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  server.close();
  await once(server, "close").catch(() => undefined);
}
