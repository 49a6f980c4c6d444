/**
 * One site's state-system worker inside the hub (each site has its own, with its state system's
 * licence, credentials and rate limit): sends queued writes (a short loop, nudged on every
 * enqueue) and runs the scheduled sync; the dashboard asks it for a sync now and its progress.
 *
 *   enqueue(write) ──▶ ss_submissions (pending) ──▶ queue loop ──▶ StateSystem.submit
 *   schedule / syncNow() ──▶ runSync ──progress──▶ events ("progress") ──▶ dashboard SSE
 */
import { EventEmitter } from "node:events";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { systemClock, type Clock } from "#hub/clock.js";
import type { StateSystem, StateWrite } from "./port.js";
import { enqueueWrite } from "./store/queue.js";
import { runQueueOnce, type QueueClaims, type QueuePass } from "./submitter.js";
import { runSync, type SyncProgress, type SyncReport } from "./sync.js";
import type { Database } from "#hub/store/database.js";

export interface StateSystemWorkerDeps {
  db: Kysely<Database>;
  /** The site whose writes this worker sends and whose records it syncs. */
  site: string;
  stateSystem: StateSystem;
  log: Logger;
  clock?: Clock;
  /** Between scheduled syncs, ms; 0 turns the schedule off. Default 15 min. */
  syncEveryMs?: number;
  /** Between queue passes when nothing nudges the loop, ms. Default 2 s. */
  queueEveryMs?: number;
  /** Run one sync at start. Default true. */
  syncAtStart?: boolean;
  /** Claim-once across hub processes sharing a PostgreSQL ledger. */
  claims?: QueueClaims | undefined;
}

export interface StateSystemWorker {
  /** The site this worker serves. */
  readonly site: string;
  /** Records a write for the site's state system (pending) and wakes the queue; resolves with its queue id. */
  enqueue(write: StateWrite, opts?: { requestedBy?: string }): Promise<string>;
  /** Starts a sync unless one is running; resolves when it ends. */
  syncNow(): Promise<SyncReport>;
  /** The current (or last) sync's progress. */
  progress(): SyncProgress;
  /** Emits "progress" with a SyncProgress after every stored batch. */
  readonly events: EventEmitter<{ progress: [SyncProgress] }>;
  /** One queue pass now (tests, CLI). */
  flush(): Promise<QueuePass>;
  /** Wakes the queue after someone queued a write directly in the store. */
  nudge(): void;
  stop(): Promise<void>;
}

/** A worker's progress before its first sync: nothing running, nothing done. */
export const IDLE_SYNC: SyncProgress = {
  running: false,
  entity: null,
  done: 0,
  total: 0,
  records: 0,
  startedAt: null,
  finishedAt: null,
  error: null,
};

export function startStateSystemWorker(deps: StateSystemWorkerDeps): StateSystemWorker {
  const clock = deps.clock ?? systemClock;
  const log = deps.log.child({ mod: "statesystem", site: deps.site });
  const events = new EventEmitter<{ progress: [SyncProgress] }>();
  let progress = IDLE_SYNC;
  let current: Promise<SyncReport> | null = null;
  let queueRun: Promise<QueuePass> | null = null;
  let stopped = false;
  const stopping = new AbortController();
  const timers: NodeJS.Timeout[] = [];

  const flush = (): Promise<QueuePass> => {
    queueRun ??= runQueueOnce({
      db: deps.db,
      site: deps.site,
      stateSystem: deps.stateSystem,
      clock,
      log,
      claims: deps.claims,
    })
      .catch((err) => {
        log.error({ err, code: "DB_UNAVAILABLE" }, "state system queue pass failed");
        return { confirmed: 0, failed: 0, waiting: 0, unreachable: false };
      })
      .finally(() => (queueRun = null));
    return queueRun;
  };
  const syncNow = (): Promise<SyncReport> => {
    current ??= runSync(
      { db: deps.db, site: deps.site, stateSystem: deps.stateSystem, clock, log, signal: stopping.signal },
      {
        onProgress: (p) => {
          progress = p;
          events.emit("progress", p);
        },
      },
    )
      .catch((err) => {
        log.error({ err }, "state system sync stopped");
        return { ok: false, entities: [] };
      })
      .finally(() => (current = null));
    return current;
  };

  const queueEvery = deps.queueEveryMs ?? 2_000;
  timers.push(setInterval(() => void (stopped || flush()), queueEvery));
  const syncEvery = deps.syncEveryMs ?? 15 * 60_000;
  if (syncEvery > 0) timers.push(setInterval(() => void (stopped || syncNow()), syncEvery));
  if (deps.syncAtStart ?? true) void syncNow();
  void flush();

  return {
    site: deps.site,
    events,
    progress: () => ({ ...progress }),
    syncNow,
    flush,
    nudge: () => void flush(),
    async enqueue(write, opts = {}) {
      const id = await enqueueWrite(deps.db, deps.site, write, { at: new Date(clock.now()), ...opts });
      void flush();
      return id;
    },
    async stop() {
      stopped = true;
      stopping.abort();
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([current, queueRun]);
    },
  };
}
