import { sql, type Kysely } from "kysely";

export interface HubHealthDeps {
  /** The ledger handle. */
  db: Kysely<any>;
  /** A ping slower than this counts as unhealthy, ms (the watchdog interval is 15 000 ms). */
  timeoutMs?: number;
  /** Extra loop checks, e.g. heartbeats.healthy from createHeartbeats. */
  loops?: () => boolean;
}

/**
 * The hub's healthy() for createWatchdog: the ledger answers `select 1` in time and every
 * registered loop has beaten. A broker that is down is not a failure (the client reconnects by
 * itself; a restart would not bring the broker back), so it is left out on purpose.
 */
export function createHubHealthCheck(deps: HubHealthDeps): () => Promise<boolean> {
  const timeoutMs = deps.timeoutMs ?? 5_000;
  return async () => {
    if (deps.loops && !deps.loops()) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ping = sql`select 1 as one`.execute(deps.db).then(() => true, () => false);
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
