import { Transaction } from "kysely";
import type { Database, Db } from "./database.js";

const ATTEMPTS = 5;

/** Runs `work` (a whole transaction), retrying it when it fails, up to `attempts` times. */
export async function withRetry<T>(work: () => Promise<T>, attempts = ATTEMPTS): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}

/**
 * Runs `work` inside the caller's transaction when `db` is one (it then commits or rolls back
 * with the caller's), else in a transaction of its own, retried whole when it fails: two writers
 * racing for the same audit seq meet the primary key, and the loser goes again on top of the
 * winner.
 */
export async function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db instanceof Transaction) return work(db);
  return withRetry(() => db.transaction().execute(work));
}
