/**
 * Quarantine inside the hub: the stations' quarantine events (hold at the kiosk, a release asked
 * at the kiosk) and the dashboard's steps (hold, ask, approve or deny) go through holds.ts, one
 * at a time on one chain; after each, the changed package reaches the site's stations (catalog
 * upsert) and the location changes go to the site's submission queue.
 *
 *   stored quarantine events ─▶ holdPackage / askRelease ─┐
 *   dashboard /quarantine ─▶ holdPackage / askRelease / decideRelease ─┴▶ catalog upsert ─▶ queueStateWrites
 */
import type { Kysely } from "kysely";
import type { Package } from "#contract/domain.js";
import type { StationEvent } from "#contract/messages.js";
import type { AnyStationEvent } from "#contract/validate.js";
import type { Clock } from "#hub/clock.js";
import type { StationSync } from "#hub/ingest/station-sync.js";
import { appendAudit } from "#hub/ledger/audit.js";
import type { Log } from "#hub/log.js";
import type { SiteStateSystem } from "#hub/modules.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Database } from "#hub/store/database.js";
import {
  askRelease,
  decideRelease,
  holdPackage,
  queueStateWrites,
  type Decision,
  type Done,
  type HoldInput,
  type Refused,
} from "./holds.js";

export interface QuarantineServiceDeps {
  db: Kysely<Database>;
  log: Log;
  clock: Pick<Clock, "now">;
  sites: SiteDirectory;
  stationSync: Pick<StationSync, "publishCatalogChange">;
  stateSystem?: ((site: string) => SiteStateSystem | undefined) | undefined;
}

export interface QuarantineService {
  eventsStored(events: readonly AnyStationEvent[]): void;
  hold(site: string, h: Omit<HoldInput, "at" | "timeZone">): Promise<Done | Refused>;
  askRelease(
    site: string,
    r: { label: string; by: string; note: string },
  ): Promise<{ ok: true; holdId: string } | Refused>;
  decide(site: string, d: Omit<Decision, "at" | "timeZone">): Promise<Done | Refused>;
  /** Queues the location changes not queued yet, for every site. */
  pass(): Promise<void>;
  settled(): Promise<void>;
}

type QuarantineEvent = StationEvent<"quarantine">;

export function createQuarantineService(deps: QuarantineServiceDeps): QuarantineService {
  const { db, log, sites } = deps;
  const iso = () => new Date(deps.clock.now()).toISOString();
  const zone = (site: string) => sites.get(site)?.timeZone ?? sites.default.timeZone;
  let chain: Promise<unknown> = Promise.resolve();
  function run<T>(what: string, work: () => Promise<T>): Promise<T> {
    const next = chain.then(work);
    chain = next.catch((err: Error) =>
      log.error({ err: err.message, code: "QUARANTINE_FAILED", what }, "quarantine step failed"),
    );
    return next;
  }

  async function after(site: string, pkg: Package): Promise<void> {
    await deps.stationSync
      .publishCatalogChange({ site, packages: [pkg] })
      .catch((err: Error) =>
        log.warn({ err: err.message, code: "MQTT_PUBLISH", site }, "quarantine catalog upsert not sent"),
      );
    await queueWrites(site);
  }

  async function queueWrites(site: string): Promise<void> {
    const worker = deps.stateSystem?.(site)?.worker;
    if (!worker) return;
    const n = await queueStateWrites(db, site, (w, by) => worker.enqueue(w, { requestedBy: by }));
    if (n > 0) log.info({ site, queued: n }, "quarantine location changes queued to the state system");
  }

  /** Applies one station event once (quarantine_applied_events); a refusal is an audit entry, for someone to look at. */
  async function apply(e: QuarantineEvent): Promise<void> {
    const site = sites.siteOf(e.siteId)?.id;
    if (!site) return;
    const r = await db
      .insertInto("quarantine_applied_events")
      .values({ event_id: e.id, applied_at: iso() })
      .onConflict((oc) => oc.column("event_id").doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return;
    const by = e.employeeId ?? e.stationId;
    const p = e.payload;
    const out =
      p.action === "hold"
        ? await holdPackage(db, site, {
            holdId: p.holdId,
            label: p.label,
            reason: p.reason,
            note: p.note,
            location: p.location,
            by,
            employeeId: e.employeeId ?? null,
            stationId: e.stationId,
            at: e.at,
            timeZone: zone(site),
          })
        : await askRelease(db, site, { label: p.label, by, note: p.note, at: e.at });
    if (!out.ok) {
      log.warn(
        { site, label: p.label, reason: out.reason, code: "QUARANTINE_REFUSED" },
        `kiosk quarantine ${p.action} refused`,
      );
      await appendAudit(db, {
        at: e.at,
        actor: by,
        action: `quarantine.${p.action}.refused`,
        subject: `package ${p.label}`,
        detail: { site, stationId: e.stationId, reason: out.reason },
      });
    } else if (p.action === "hold") await after(site, (out as Done).pkg);
  }

  return {
    eventsStored(events) {
      const mine = events.filter((e): e is QuarantineEvent => e.type === "quarantine");
      if (mine.length > 0)
        void run("apply quarantine events", async () => {
          for (const e of mine) await apply(e);
        });
    },
    hold: (site, h) =>
      run("hold", async () => {
        const out = await holdPackage(db, site, { ...h, at: iso(), timeZone: zone(site) });
        if (out.ok) await after(site, out.pkg);
        return out;
      }),
    askRelease: (site, r) => run("ask release", () => askRelease(db, site, { ...r, at: iso() })),
    decide: (site, d) =>
      run("decide release", async () => {
        const out = await decideRelease(db, site, { ...d, at: iso(), timeZone: zone(site) });
        if (out.ok && d.approve) await after(site, out.pkg);
        return out;
      }),
    pass: () =>
      run("pass", async () => {
        for (const s of sites.ids()) await queueWrites(s);
      }),
    settled: () => chain.then(() => undefined),
  };
}
