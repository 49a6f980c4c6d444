/**
 * Claim-once for the submission queue when several hub processes share one PostgreSQL ledger.
 * A pass claims open rows with `FOR UPDATE SKIP LOCKED` (rows another process is claiming this
 * instant are skipped, not waited for) and records the claim with a lease; the `ON CONFLICT … WHERE`
 * refuses a row whose live claim another process committed meanwhile. A process that dies leaves
 * its claims to expire: its `sent` rows are then checked against the state system before any
 * resend, as after a restart.
 */
import { sql, type Kysely } from "kysely";
import type { QueueClaims } from "#hub/statesystem/submitter.js";
import type { Database } from "#hub/store/database.js";

/** How long a claim holds, ms: longer than a pass over one claim batch takes. */
const LEASE_MS = 120_000;

const NOW_MS = sql<string>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** Claims for `worker` (one per hub process) on `db`'s queue. */
export function pgQueueClaims(db: Kysely<Database>, worker: string): QueueClaims {
  return {
    async claim(site, limit) {
      const r = await sql<{ submission_id: string }>`
        WITH picked AS (
          SELECT s.id FROM ss_submissions s
          WHERE s.site_id = ${site} AND s.state IN ('pending', 'sent')
            AND NOT EXISTS (
              SELECT 1 FROM chain_claims c
              WHERE c.submission_id = s.id AND c.until_ms > ${NOW_MS} AND c.worker <> ${worker})
          ORDER BY s.id
          LIMIT ${limit}
          FOR UPDATE OF s SKIP LOCKED)
        INSERT INTO chain_claims (submission_id, worker, until_ms)
        SELECT id, ${worker}, ${NOW_MS} + ${LEASE_MS} FROM picked
        ON CONFLICT (submission_id) DO UPDATE SET worker = excluded.worker, until_ms = excluded.until_ms
          WHERE chain_claims.until_ms <= ${NOW_MS} OR chain_claims.worker = excluded.worker
        RETURNING submission_id`.execute(db);
      return new Set(r.rows.map((row) => row.submission_id));
    },
    async release(ids) {
      const list = [...ids];
      if (list.length === 0) return;
      await db.deleteFrom("chain_claims").where("worker", "=", worker).where("submission_id", "in", list).execute();
    },
  };
}
