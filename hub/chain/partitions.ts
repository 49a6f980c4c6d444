/**
 * Stations shared out between a chain's hub processes by PostgreSQL advisory locks. Each process
 * holds one member lock (so every process can count the live ones) and a fair share of the
 * partition locks, on a connection of its own: when a process dies its session ends, its locks
 * go, and the others take its partitions on their next round. A process holding more than its
 * share gives the extras back, so a process that starts later gets work.
 *
 *   round (every `everyMs`): members = live member locks
 *     share = ceil(partitions / members) ──▶ unlock extras │ try-lock free ones up to share
 */
import pg from "pg";
import type { Log } from "#hub/log.js";

/** The partition a station belongs to (FNV-1a of its id). */
export function partitionOf(stationId: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < stationId.length; i++) {
    h ^= stationId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % partitions;
}

export interface Partitions {
  /** Partitions this process holds now. */
  owned(): ReadonlySet<number>;
  /** One round now (the timer runs them too); resolves when done. */
  round(): Promise<void>;
  stop(): Promise<void>;
}

export interface PartitionsDeps {
  dbUrl: string;
  /** The ledger's schema: processes of one ledger share locks, other ledgers on the server do not. */
  scope: string;
  partitions: number;
  log: Log;
  everyMs?: number;
  /** Called after a round that changed what this process holds. */
  onChange(owned: ReadonlySet<number>): void;
}

const MAX_MEMBERS = 256;

/** Starts taking partitions; the first round has run when this resolves. */
export async function startPartitions(deps: PartitionsDeps): Promise<Partitions> {
  const log = deps.log.child({ mod: "chain-partitions" });
  const owned = new Set<number>();
  let client: pg.Client | undefined;
  let keys: { members: number; parts: number } | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const lost = (why: string) => {
    log.warn({ why, held: owned.size }, "lock connection lost; holding no stations until it is back");
    client = undefined;
    if (owned.size > 0) {
      owned.clear();
      deps.onChange(owned);
    }
  };
  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: deps.dbUrl, connectionTimeoutMillis: 5_000 });
    c.on("error", (err) => lost(err.message));
    await c.connect();
    const r = await c.query<{ m: number; p: number }>("SELECT hashtext($1) AS m, hashtext($2) AS p", [
      `vaultline.chain.members:${deps.scope}`,
      `vaultline.chain.partitions:${deps.scope}`,
    ]);
    keys = { members: r.rows[0]!.m, parts: r.rows[0]!.p };
    for (let slot = 0; slot < MAX_MEMBERS; slot++) {
      const got = await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [keys.members, slot]);
      if (got.rows[0]!.ok) return c;
    }
    throw new Error(`more than ${MAX_MEMBERS} hub processes on one ledger`);
  };
  const tryLock = async (c: pg.Client, p: number) =>
    (await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [keys!.parts, p])).rows[0]!.ok;

  const once = async () => {
    if (stopped) return;
    client ??= await connect();
    const c = client;
    const live = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::int::oid
         AND objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [keys!.members],
    );
    const share = Math.ceil(deps.partitions / Math.max(1, Number(live.rows[0]!.n)));
    const before = [...owned].sort().join();
    for (const p of [...owned].sort((a, b) => b - a)) {
      if (owned.size <= share) break;
      await c.query("SELECT pg_advisory_unlock($1, $2)", [keys!.parts, p]);
      owned.delete(p);
    }
    for (let p = 0; p < deps.partitions && owned.size < share; p++) {
      if (!owned.has(p) && (await tryLock(c, p))) owned.add(p);
    }
    if ([...owned].sort().join() !== before) {
      log.info({ partitions: [...owned].sort((a, b) => a - b), share }, "stations' partitions held");
      deps.onChange(owned);
    }
  };
  const round = () => {
    running = running.then(once).catch((err: Error) => {
      log.warn({ err: err.message }, "partition round failed");
      if (client) {
        void client.end().catch(() => undefined);
        lost(err.message);
      }
    });
    return running;
  };
  await round();
  const timer = setInterval(() => void round(), deps.everyMs ?? 1_000);
  timer.unref();
  return {
    owned: () => owned,
    round,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await client?.end().catch(() => undefined);
    },
  };
}
