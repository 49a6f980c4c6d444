import type { Kysely } from "kysely";
import type { Clock } from "#hub/clock.js";
import type { Log } from "#hub/log.js";
import { METRC_GET_LIMITS, type SharedRateLimit } from "#hub/statesystem/metrc/rate-limiter.js";
import type { QueueClaims } from "#hub/statesystem/submitter.js";
import type { Database } from "#hub/store/database.js";
import { pgQueueClaims } from "./queue-claims.js";
import { pgSharedRateLimit } from "./shared-rate-limit.js";

/** What the state-system module shares with other hub processes on one PostgreSQL ledger. */
export interface ChainStateSystemParts {
  claims: QueueClaims;
  sharedLimit(key: string): SharedRateLimit;
}

/** Claims under this process's name (host pid and a random part) and each facility's shared limit. */
export function chainStateSystemParts(deps: { db: Kysely<Database>; clock: Clock; log: Log }): ChainStateSystemParts {
  const worker = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  return {
    claims: pgQueueClaims(deps.db, worker),
    sharedLimit: (key) => pgSharedRateLimit({ ...deps, key, limits: METRC_GET_LIMITS }),
  };
}
