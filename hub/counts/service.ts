/**
 * The counts service the module runs: starting counts (from the dashboard, or the day's cycle
 * count by itself), sending each station its open counts, applying the stations' count events in
 * arrival order, approvals, and queueing approved adjustments to the state system.
 *
 *   start ─▶ snapshot + lines ─▶ `count` command ─▶ station counts blind ─▶ count events
 *        ─▶ apply (recount asked? command again) ─▶ review ─▶ approve ─▶ ledger + queue | investigation
 */
import { localDate } from "#contract/facility-time.js";
import type { StationEvent } from "#contract/messages.js";
import type { AnyStationEvent } from "#contract/validate.js";
import type { Clock } from "#hub/clock.js";
import type { Log } from "#hub/log.js";
import type { HubServices, InvestigationsService } from "#hub/modules.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import { applyCountEvent } from "./apply.js";
import { approveCount, type ApproveOutcome, type ApproveRequest } from "./approve.js";
import { sendCounts } from "./command.js";
import type { CountsConfig } from "./config.js";
import { stationsOf, unappliedCountEvents } from "./reads.js";
import { classifySite, startCount, type StartOutcome, type StartRequest } from "./start.js";
import { stationSiteId } from "#hub/ledger/stations.js";

export interface CountsServiceDeps {
  db: Db;
  log: Log;
  clock: Pick<Clock, "now">;
  sites: SiteDirectory;
  cfg: CountsConfig;
  publish(topic: string, payload: string): Promise<void>;
  stateSystem?: HubServices["stateSystem"] | undefined;
  investigations?: () => InvestigationsService | undefined;
}

export interface CountsRunner {
  start(site: string, req: Omit<StartRequest, "businessDay"> & { businessDay?: string }): Promise<StartOutcome>;
  approve(site: string, req: ApproveRequest): Promise<ApproveOutcome>;
  eventsStored(events: readonly AnyStationEvent[]): void;
  stationOnline(stationId: string): void;
  /** The day's cycle count of each site, when the schedule has one and it is not there yet; queued adjustments caught up. */
  pass(): Promise<void>;
  /** Facility-local today at `site`. */
  today(site: string): string;
  settled(): Promise<void>;
}

export function createCountsRunner(deps: CountsServiceDeps): CountsRunner {
  const { db, log, sites } = deps;
  const iso = () => new Date(deps.clock.now()).toISOString();
  const today = (site: string) => localDate(deps.clock.now(), sites.get(site)?.timeZone ?? sites.default.timeZone);
  let chain: Promise<unknown> = Promise.resolve();
  /** One thing at a time, in order: events, starts and approvals never interleave. */
  function serial<T>(what: string, work: () => Promise<T>): Promise<T> {
    const run = chain.then(work);
    chain = run.catch((err: Error) => log.error({ err: err.message, code: "COUNT_FAILED", what }, "count step failed"));
    return run;
  }
  const send = (site: string, stationId: string) =>
    sendCounts({ db, log, publish: deps.publish }, site, stationId, iso()).catch((err: Error) =>
      log.warn(
        { err: err.message, site, stationId, code: "MQTT_PUBLISH" },
        "count command not sent; sent again when the station comes online",
      ),
    );

  async function queueAdjustments(site: string): Promise<void> {
    const worker = deps.stateSystem?.forSite(site)?.worker;
    if (!worker) return;
    const waiting = await db
      .selectFrom("count_lines as l")
      .innerJoin("count_sessions as s", (j) => j.onRef("s.site_id", "=", "l.site_id").onRef("s.id", "=", "l.count_id"))
      .innerJoin("adjustments as a", "a.id", "l.adjustment_id")
      .select([
        "l.count_id",
        "l.label",
        "a.quantity_before",
        "a.quantity_after",
        "a.unit",
        "a.reason",
        "a.note",
        "s.business_day",
        "s.approved_by",
      ])
      .where("l.site_id", "=", site)
      .where("l.decision", "=", "adjust")
      .where("l.submission_id", "is", null)
      .execute();
    for (const w of waiting) {
      const quantity = Math.round((Number(w.quantity_after) - Number(w.quantity_before)) * 1e6) / 1e6;
      const id = await worker.enqueue(
        {
          kind: "adjustment",
          label: w.label,
          quantity,
          unit: w.unit,
          reason: w.reason,
          date: w.business_day,
          ...(w.note ? { note: w.note } : {}),
        },
        { requestedBy: w.approved_by ?? "system" },
      );
      await db
        .updateTable("count_lines")
        .set({ submission_id: id })
        .where("site_id", "=", site)
        .where("count_id", "=", w.count_id)
        .where("label", "=", w.label)
        .execute();
    }
  }

  /** Today's scheduled cycle count of `site`, unless it exists or nothing is due. */
  async function startDaily(site: string): Promise<StartOutcome> {
    const out = await startCount(
      { db, site, sites, cfg: deps.cfg, now: iso() },
      { kind: "cycle", businessDay: today(site), by: "system" },
    );
    if (out.ok)
      log.info(
        { site, countId: out.countId, packages: out.lines, stationId: out.stationId },
        "the day's cycle count started",
      );
    return out;
  }

  async function applyAll(events: readonly StationEvent<"count">[]): Promise<void> {
    const resend = new Map<string, string>();
    for (const e of events) {
      const site = sites.siteOf(e.siteId)?.id;
      if (!site) {
        log.error(
          { eventId: e.id, siteId: e.siteId, code: "MESSAGE_INVALID" },
          "count event of a site this hub does not serve",
        );
        continue;
      }
      const out = await applyCountEvent(db, site, e, deps.cfg, iso());
      if (!out.applied) {
        if (out.reason !== "already applied")
          log.warn({ eventId: e.id, site, reason: out.reason }, "count line not applied");
        continue;
      }
      if (out.statusChanged && out.stationId) resend.set(`${site}\u0000${out.stationId}`, site);
    }
    for (const [key, site] of resend) await send(site, key.split("\u0000")[1]!);
  }

  return {
    today,
    start: (site, req) =>
      serial("start a count", async () => {
        const out = await startCount(
          { db, site, sites, cfg: deps.cfg, now: iso() },
          { ...req, businessDay: req.businessDay ?? today(site) },
        );
        if (out.ok) await send(site, out.stationId);
        return out;
      }),
    approve: (site, req) =>
      serial("approve a count", async () => {
        const out = await approveCount({ db, site, investigations: deps.investigations?.(), now: iso() }, req);
        if (out.ok) await queueAdjustments(site);
        return out;
      }),
    eventsStored(events) {
      // Checked against the count schema by the ingest already (contract/validate.ts).
      const counts = events.filter((e): e is StationEvent<"count"> => e.type === "count");
      if (counts.length > 0) void serial("apply count events", () => applyAll(counts));
    },
    stationOnline(stationId) {
      void serial("counts to a station", async () => {
        const site = sites.siteOf((await stationSiteId(db, stationId)) ?? "");
        if (!site) return;
        // The day's cycle count waits for a station to assign it to: the first one online gets it.
        if (deps.cfg.autoSchedule) await startDaily(site.id);
        await send(site.id, stationId);
      });
    },
    pass: () =>
      serial("counts pass", async () => {
        const missed = await unappliedCountEvents(db);
        if (missed.length > 0) await applyAll(missed);
        for (const site of sites.ids()) {
          await queueAdjustments(site);
          await classifySite({ db, site, sites, cfg: deps.cfg, now: iso() }, today(site));
          if (deps.cfg.autoSchedule && (await stationsOf(db, sites, site)).length > 0) {
            const out = await startDaily(site);
            if (out.ok) await send(site, out.stationId);
          }
        }
      }),
    settled: () => chain.then(() => undefined),
  };
}
