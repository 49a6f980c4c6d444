/**
 * One state-system rate limit per facility across every hub process on a PostgreSQL ledger.
 * Each GET is a row in `chain_rate_requests`, counted from its start until `windowMs` after its
 * answer (the in-process RateLimiter's rule, hub/statesystem/metrc/rate-limiter.ts); a new GET
 * starts only while fewer than `perWindow` rows are counted. A per-facility advisory lock makes
 * the count and the insert one step; times come from the database's clock.
 */
import { sql, type Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { Clock } from "#hub/clock.js";
import type { Log } from "#hub/log.js";
import type { RateLimits, SharedRateLimit } from "#hub/statesystem/metrc/rate-limiter.js";
import type { Database } from "#hub/store/database.js";

/** A GET whose answer never comes (its process died) stops counting after this long, ms. */
const ABANDONED_MS = 120_000;
/** Longest single wait before counting again, ms. */
const MAX_WAIT_MS = 200;

const NOW_MS = sql<string>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

type Try = { id: string } | { waitMs: number };

async function tryStart(db: Kysely<Database>, key: string, limits: RateLimits): Promise<Try> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`vaultline.rate:${key}`}))`.execute(trx);
    const now = Number((await sql<{ now: string }>`SELECT ${NOW_MS} AS now`.execute(trx)).rows[0]!.now);
    await trx.deleteFrom("chain_rate_requests").where("rate_key", "=", key).where("held_until_ms", "<=", now).execute();
    const held = await trx
      .selectFrom("chain_rate_requests")
      .select("held_until_ms")
      .where("rate_key", "=", key)
      .orderBy("held_until_ms")
      .execute();
    if (held.length < limits.perWindow) {
      const id = uuidv7();
      await trx
        .insertInto("chain_rate_requests")
        .values({ id, rate_key: key, held_until_ms: now + ABANDONED_MS })
        .execute();
      return { id };
    }
    return { waitMs: Math.max(5, Number(held[0]!.held_until_ms) - now) };
  });
}

/** The shared limit of facility `key` (e.g. `metrc:<licence>`). */
export function pgSharedRateLimit(deps: {
  db: Kysely<Database>;
  key: string;
  limits: RateLimits;
  clock: Clock;
  log: Log;
}): SharedRateLimit {
  const { db, key, limits, clock, log } = deps;
  return {
    async acquire(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const r = await tryStart(db, key, limits);
        if ("id" in r) {
          return () => {
            void db
              .updateTable("chain_rate_requests")
              .set({ held_until_ms: sql`${NOW_MS} + ${limits.windowMs}` })
              .where("id", "=", r.id)
              .execute()
              .catch((err: Error) => log.warn({ err: err.message, key }, "shared rate limit: answer not recorded"));
          };
        }
        await clock.sleep(Math.min(r.waitMs, MAX_WAIT_MS), signal);
      }
    },
  };
}
