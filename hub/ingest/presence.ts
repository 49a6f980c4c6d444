import type { Kysely } from "kysely";
import type { StationStatus } from "#contract/messages.js";
import type { Clock } from "../clock.js";
import type { Log } from "../log.js";
import { markSilentStationsOffline, recordStationStatus, refreshLastSeen } from "../ledger/stations.js";
import type { Database } from "../store/database.js";
import type { StationSync } from "./station-sync.js";

/** What presence needs; `staleMs` in milliseconds. */
export interface PresenceDeps {
  db: Kysely<Database>;
  log: Log;
  clock: Pick<Clock, "now">;
  sync: Pick<StationSync, "sendFull">;
  /** A station not heard from for this long is marked offline, ms. */
  staleMs: number;
  /** Station ids whose MQTT connection is open now (embedded broker only): counted as heard. */
  liveStationIds?(): string[];
  /** Something about the stations changed (for the dashboard). */
  onChange(): void;
}

/** Station online/offline tracking. */
export interface Presence {
  /** Takes a validated station status (retained message or last will). */
  handleStatus(status: StationStatus): void;
  /** Marks silent stations offline now; returns their ids. */
  sweep(): Promise<string[]>;
  /** Resolves when every status handed in so far is stored (tests, shutdown). */
  settled(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Stations online/offline. A killed station's last will (online: false) arrives within 1.5× its
 * keep-alive (MQTT 3.1.1 §3.1.2.10); a station that is merely silent is marked offline after
 * `staleMs`. A station coming online — or restarted, seen by a new startedAt, or first seen by
 * this hub process — gets the employees and catalog commands.
 */
export function createPresence(deps: PresenceDeps): Presence {
  const log = deps.log.child({ mod: "presence" });
  const synced = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let sweeping: Promise<unknown> = Promise.resolve();
  const iso = (ms: number) => new Date(ms).toISOString();

  async function store(status: StationStatus): Promise<void> {
    const change = await recordStationStatus(deps.db, status, iso(deps.clock.now()));
    deps.onChange();
    const id = status.stationId;
    if (!status.payload.online) {
      synced.delete(id);
      log.info({ stationId: id }, "station offline");
      return;
    }
    const restarted = status.payload.startedAt !== undefined && status.payload.startedAt !== change.previousStartedAt;
    if (!change.wasOnline || restarted || !synced.has(id)) {
      synced.add(id);
      log.info({ stationId: id, restarted }, "station online");
      try {
        await deps.sync.sendFull(id);
      } catch (err) {
        // Not sent: try again with the station's next status.
        synced.delete(id);
        throw err;
      }
    }
  }

  async function sweep(): Promise<string[]> {
    const now = deps.clock.now();
    const live = deps.liveStationIds?.();
    if (live && live.length > 0) await refreshLastSeen(deps.db, live, iso(now));
    const ids = await markSilentStationsOffline(deps.db, iso(now - deps.staleMs));
    if (ids.length > 0) {
      for (const id of ids) synced.delete(id);
      log.warn({ stations: ids, staleMs: deps.staleMs }, "stations silent, marked offline");
      deps.onChange();
    }
    return ids;
  }

  return {
    handleStatus(status) {
      // After stop the ledger is closing; the station's status is retained and read at next start.
      if (stopped) return;
      chain = chain
        .then(() => store(status))
        .catch((err: Error) =>
          log.error({ err: err.message, stationId: status.stationId }, "station status not stored"),
        );
    },
    sweep,
    settled: () => chain,
    start() {
      const every = Math.max(1_000, Math.min(10_000, Math.floor(deps.staleMs / 4)));
      timer = setInterval(() => {
        sweeping = sweep().catch((err: Error) => log.error({ err: err.message }, "presence sweep failed"));
      }, every);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await Promise.all([chain, sweeping]);
    },
  };
}
