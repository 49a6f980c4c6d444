/**
 * Incremental sync from the state system into the hub's store, one checkpoint per entity.
 *
 *   for each entity: checkpoint ──▶ StateSystem read (24 h windows, oldest first) ──▶ upsert
 *                    └─ the checkpoint moves only after a whole window is stored
 *
 * A first run reads active lists whole and looks back `lookbackDays` for inactive packages
 * and receipts. An unreachable state system ends the run; the next run starts from the
 * checkpoints, so nothing is skipped.
 */
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { applyToCatalog } from "./catalog-bridge.js";
import type { Clock } from "#hub/clock.js";
import { HubError, isRecoverable } from "#hub/errors.js";
import type { IncomingTransfer, ReadWindow, StateSystem, SyncBatch } from "./port.js";
import * as rec from "./store/state-records.js";
import type { Database } from "#hub/store/database.js";

export const SYNC_ENTITIES = [
  "adjustment-reasons",
  "locations",
  "items",
  "packages:active",
  "packages:on-hold",
  "packages:inactive",
  "transfers",
  "lab-results",
  "receipts:active",
  "receipts:inactive",
] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];

export interface SyncDeps {
  db: Kysely<Database>;
  /** The site synced: what `stateSystem` (its licence) holds is stored under it, with its own checkpoints. */
  site: string;
  stateSystem: StateSystem;
  clock: Clock;
  log: Logger;
  /** Packages whose lab results are fetched per run (one request each). */
  labBatch?: number;
  /** How far back a first run reads inactive packages and receipts, days. */
  lookbackDays?: number;
  /** Stops the run between pages (hub shutting down); what was stored stays, checkpoints too. */
  signal?: AbortSignal;
}

export interface SyncProgress {
  running: boolean;
  entity: SyncEntity | null;
  /** Entities finished in this run, of `total`. */
  done: number;
  total: number;
  /** Records stored in this run so far. */
  records: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface SyncReport {
  ok: boolean;
  entities: Array<{ entity: SyncEntity; records: number; error?: string }>;
}

type Store<T> = (records: T[], at: string) => Promise<void>;

/** Runs one sync of `entities` (all by default), reporting progress after every stored batch. */
export async function runSync(
  deps: SyncDeps,
  opts: { entities?: readonly SyncEntity[]; onProgress?: (p: SyncProgress) => void } = {},
): Promise<SyncReport> {
  const entities = opts.entities ?? SYNC_ENTITIES;
  const progress: SyncProgress = {
    running: true,
    entity: null,
    done: 0,
    total: entities.length,
    records: 0,
    startedAt: new Date(deps.clock.now()).toISOString(),
    finishedAt: null,
    error: null,
  };
  const report: SyncReport = { ok: true, entities: [] };
  const emit = () => opts.onProgress?.({ ...progress });
  for (const entity of entities) {
    progress.entity = entity;
    emit();
    const at = new Date(deps.clock.now()).toISOString();
    let records = 0;
    try {
      records = await syncEntity(deps, entity, (n) => {
        progress.records += n;
        emit();
      });
      if (deps.signal?.aborted) throw new Error("stopped: the hub is shutting down");
      report.entities.push({ entity, records });
    } catch (e) {
      const message = e instanceof HubError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
      deps.log.error(
        { entity, code: e instanceof HubError ? e.code : "UPSTREAM_UNAVAILABLE", err: message },
        "state system sync failed",
      );
      await rec.saveCheckpoint(deps.db, deps.site, entity, at, null, message);
      report.ok = false;
      progress.error = `${entity}: ${message}`;
      report.entities.push({ entity, records, error: message });
      if (isRecoverable(e) || !(e instanceof HubError)) break;
    }
    progress.done++;
    emit();
  }
  progress.running = false;
  progress.entity = null;
  progress.finishedAt = new Date(deps.clock.now()).toISOString();
  emit();
  return report;
}

async function syncEntity(deps: SyncDeps, entity: SyncEntity, counted: (n: number) => void): Promise<number> {
  const { db, site } = deps;
  const ss = deps.stateSystem;
  const lookback = new Date(deps.clock.now() - (deps.lookbackDays ?? 30) * 86_400_000);
  switch (entity) {
    case "adjustment-reasons":
      return once(
        await ss.adjustmentReasons(),
        (r) => rec.replaceAdjustmentReasons(db, site, r),
        deps,
        entity,
        counted,
      );
    case "locations":
      return syncLocations(deps, counted);
    case "items":
      return walk(
        deps,
        entity,
        null,
        (w) => ss.items(w),
        (items, a) => rec.upsertStateItems(db, site, items, a),
        counted,
      );
    case "packages:active":
    case "packages:on-hold":
    case "packages:inactive": {
      const status = entity === "packages:active" ? "active" : entity === "packages:on-hold" ? "on-hold" : "inactive";
      // One transaction per page: the state view and the catalog change together or not at all.
      return walk(
        deps,
        entity,
        status === "inactive" ? lookback : null,
        (w) => ss.packages(status, w),
        (pkgs, a) =>
          deps.db.transaction().execute(async (trx) => {
            await rec.upsertStatePackages(trx, site, pkgs, a);
            await applyToCatalog(trx, site, pkgs, a);
          }),
        counted,
      );
    }
    case "transfers":
      return walk(
        deps,
        entity,
        null,
        (w) => ss.incomingTransfers(w),
        (ts) => storeTransfers(deps, ts),
        counted,
      );
    case "lab-results":
      return syncLabResults(deps, counted);
    case "receipts:active":
    case "receipts:inactive": {
      const state = entity === "receipts:active" ? "active" : "inactive";
      return walk(
        deps,
        entity,
        state === "inactive" ? lookback : null,
        (w) => ss.receipts(state, w),
        (rs) => rec.upsertReceipts(db, site, rs),
        counted,
      );
    }
  }
}

async function syncLocations(deps: SyncDeps, counted: (n: number) => void): Promise<number> {
  const { db, site } = deps;
  const at = () => new Date(deps.clock.now()).toISOString();
  let n = 0;
  for await (const b of deps.stateSystem.locations()) {
    await rec.upsertStateLocations(db, site, b.records, at());
    n += b.records.length;
    counted(b.records.length);
  }
  await rec.saveCheckpoint(db, site, "locations", at(), null, null);
  return n;
}

/** A transfer with its deliveries and their packages (the packages' states change on receipt). */
async function storeTransfers(deps: SyncDeps, ts: IncomingTransfer[]): Promise<void> {
  const { db, site } = deps;
  await rec.upsertTransfers(db, site, ts);
  for (const t of ts) {
    const ds = await deps.stateSystem.deliveries(t.stateId);
    await rec.upsertDeliveries(db, site, ds);
    for (const d of ds) await rec.upsertTransferPackages(db, site, await deps.stateSystem.deliveryPackages(d.stateId));
  }
}

async function once<T>(
  records: T[],
  store: (r: T[]) => Promise<void>,
  deps: SyncDeps,
  entity: SyncEntity,
  counted: (n: number) => void,
): Promise<number> {
  await store(records);
  await rec.saveCheckpoint(deps.db, deps.site, entity, new Date(deps.clock.now()).toISOString(), null, null);
  counted(records.length);
  return records.length;
}

/** One lastModified window, ms: how far back a walk restarts when its checkpoint cannot be trusted. */
const RESTART_WINDOW_MS = 24 * 3_600_000;

/**
 * A checkpoint later than the hub's clock was written while the clock ran ahead (it has since
 * been stepped back): walking from it would skip everything the state system records until the
 * clock catches up. The walk restarts one window back instead; records read twice are upserts.
 */
function trustedSince(since: Date | null, until: Date, deps: SyncDeps, entity: SyncEntity): Date | null {
  if (!since || since.getTime() <= until.getTime()) return since;
  deps.log.warn(
    { entity, checkpoint: since.toISOString(), now: until.toISOString() },
    "sync checkpoint is ahead of the clock; reading the last day again",
  );
  return new Date(until.getTime() - RESTART_WINDOW_MS);
}

/** Walks one lastModified-filtered list from its checkpoint (or `firstSince`) to now. */
async function walk<T>(
  deps: SyncDeps,
  entity: SyncEntity,
  firstSince: Date | null,
  read: (w: ReadWindow) => AsyncIterable<SyncBatch<T>>,
  store: Store<T>,
  counted: (n: number) => void,
): Promise<number> {
  const { db, site } = deps;
  const until = new Date(deps.clock.now());
  const since = trustedSince((await rec.getCheckpoint(db, site, entity)) ?? firstSince, until, deps, entity);
  const window: ReadWindow = since ? { since, until } : { until };
  let n = 0;
  for await (const batch of read(window)) {
    if (deps.signal?.aborted) break;
    const at = new Date(deps.clock.now()).toISOString();
    await store(batch.records, at);
    n += batch.records.length;
    counted(batch.records.length);
    if (batch.checkpoint) await rec.saveCheckpoint(db, site, entity, at, batch.checkpoint, null);
  }
  return n;
}

async function syncLabResults(deps: SyncDeps, counted: (n: number) => void): Promise<number> {
  const { db, site } = deps;
  let n = 0;
  for (const p of await rec.packagesNeedingLabResults(db, site, deps.labBatch ?? 100)) {
    const results = await deps.stateSystem.labResults(p.state_id, p.label);
    await rec.upsertLabResults(db, site, results);
    await rec.markLabResultsSynced(db, site, p.label, new Date(deps.clock.now()).toISOString());
    n += results.length;
    counted(results.length);
  }
  await rec.saveCheckpoint(db, site, "lab-results", new Date(deps.clock.now()).toISOString(), null, null);
  return n;
}
