import { sql, type Kysely } from "kysely";
import type { Clock } from "../clock.js";
import type { IngestFailure } from "../ingest/ingest.js";
import type { Database } from "../store/database.js";

export interface HubHealthDeps {
  /** The ledger handle. */
  db: Kysely<Database>;
  /** A ping slower than this counts as unhealthy, ms (the watchdog interval is 15 000 ms). */
  timeoutMs?: number;
  /** Extra loop checks, e.g. heartbeats.healthy from createHeartbeats. */
  loops?: () => boolean;
  /** The ingest's current run of storage failures (`ingest.stats().failing`). */
  ingestFailing?: () => IngestFailure | null;
  /** How long the ingest may keep failing before the hub counts as unhealthy, ms (default 60 000). */
  ingestGraceMs?: number;
  /** For the grace period; the system clock by default. */
  clock?: Pick<Clock, "now">;
}

/**
 * The hub's healthy() for createWatchdog: the ledger answers `select 1` in time, every
 * registered loop has beaten, and the ingest has not failed to store for longer than its grace.
 * A ledger that answers reads but refuses writes (a PostgreSQL failover that left the pool on a
 * read-only standby) is fixed by the restart the withheld pings cause; a short blip is not worth
 * one. A broker that is down is not a failure (the client reconnects by itself; a restart would
 * not bring the broker back), so it is left out on purpose.
 */
export function createHubHealthCheck(deps: HubHealthDeps): () => Promise<boolean> {
  const timeoutMs = deps.timeoutMs ?? 5_000;
  const graceMs = deps.ingestGraceMs ?? 60_000;
  const now = () => (deps.clock ?? { now: () => Date.now() }).now();
  return async () => {
    if (deps.loops && !deps.loops()) return false;
    const failing = deps.ingestFailing?.();
    if (failing && now() - Date.parse(failing.since) > graceMs) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ping = sql`select 1 as one`.execute(deps.db).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
