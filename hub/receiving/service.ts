/**
 * Receiving inside the hub, for every site it serves: applies the stations' receive events to
 * their site, offers each site's open manifests to that site's stations, reads lab results of
 * incoming packages from the site's state system, and runs the outcome watch after each sync.
 *
 *   stored receive events ─▶ the envelope's site ─▶ applyReceiveEvent ─▶ catalog upsert to the site's stations
 *                                                                     └─ manifest closed ─▶ pass(site)
 *   sync finished / timer / start ─▶ pass(site): lab results ─▶ offer (if changed) ─▶ outcome watch
 *                                                ─▶ rejected packages kept in quarantine
 *   station online ─▶ its site's offer.sendTo(station)
 *
 * Everything runs on one promise chain, so passes and events never interleave their writes.
 */
import { eventSchemas, type StationEvent } from "#contract/messages.js";
import type { AnyStationEvent } from "#contract/validate.js";
import type { Clock } from "#hub/clock.js";
import type { StationSync } from "#hub/ingest/station-sync.js";
import type { Log } from "#hub/log.js";
import { listStationsOfSites, stationSiteId } from "#hub/ledger/stations.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Kysely } from "kysely";
import { applyReceiveEvent, unappliedReceiveEvents } from "./decisions.js";
import { fetchIncomingLabResults, type LabSource } from "./lab-fetch.js";
import { createOffer, type Offer } from "./offer.js";
import { watchOutcomes } from "./outcome.js";
import { holdRejectedInQuarantine } from "./quarantine-hold.js";
import type { Database } from "#hub/store/database.js";

export interface ReceivingServiceDeps {
  db: Kysely<Database>;
  log: Log;
  clock: Pick<Clock, "now">;
  /** The sites served, each with the time zone of its state system's local times. */
  sites: SiteDirectory;
  stationSync: Pick<StationSync, "publishCatalogChange">;
  publish(topic: string, payload: string): Promise<void>;
  /** Lab results of a site's incoming packages; absent while no state system is configured for it. */
  labSource?: (site: string) => LabSource | undefined;
  /** Where a COA document of `site` opens for a kiosk. */
  documentUrl(fileId: string, site: string): string;
  /** Decided at the vault and still Shipped in the state system past this is flagged, ms. */
  stillShippedAfterMs: number;
}

export interface ReceivingService {
  /** Queues newly stored events; receive events among them are applied in order, each to its station's site. */
  eventsStored(events: readonly AnyStationEvent[]): void;
  /** Applies receive events stored but never applied (a hub stopped in between); returns how many. */
  catchUp(): Promise<number>;
  /** Lab results, offer and outcome watch of `site` (every site when left out), after the work queued before it. */
  pass(site?: string): Promise<void>;
  stationOnline(stationId: string): void;
  /** Resolves when everything queued so far is done (tests, shutdown). */
  settled(): Promise<void>;
  /** The default site's offer. */
  readonly offer: Offer;
  /** Each site's offer. */
  offerOf(site: string): Offer | undefined;
}

export function createReceivingService(deps: ReceivingServiceDeps): ReceivingService {
  const { db, log, sites } = deps;
  const iso = () => new Date(deps.clock.now()).toISOString();
  const offers = new Map<string, Offer>(
    sites.list.map((s) => [
      s.id,
      createOffer({
        db,
        site: s.id,
        log,
        clock: deps.clock,
        publish: deps.publish,
        timeZone: s.timeZone,
        documentUrl: (fileId) => deps.documentUrl(fileId, s.id),
        onlineStations: async () =>
          (await listStationsOfSites(db, sites, [s.id])).filter((x) => x.online).map((x) => x.id),
      }),
    ]),
  );
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (what: string, work: () => Promise<void>): Promise<void> => {
    chain = chain
      .then(work)
      .catch((err: Error) =>
        log.error(
          { err: err.message, code: "RECEIVING_FAILED", what },
          "receiving step failed; retried on the next pass",
        ),
      );
    return chain;
  };
  const publishChange = (change: Parameters<StationSync["publishCatalogChange"]>[0], what: string) =>
    deps.stationSync
      .publishCatalogChange(change)
      .catch((err: Error) =>
        log.warn(
          { err: err.message, code: "MQTT_PUBLISH", site: change.site },
          `catalog upsert ${what} not sent; stations get it with their next full sync`,
        ),
      );

  /** Applies one event to its station's site; returns the site when it closed a manifest. */
  async function apply(event: StationEvent<"receive">): Promise<string | undefined> {
    const site = sites.siteOf(event.siteId)?.id;
    if (!site) {
      log.error(
        { eventId: event.id, siteId: event.siteId, code: "MESSAGE_INVALID" },
        "receive event of a site this hub does not serve; left unapplied",
      );
      return undefined;
    }
    const result = await applyReceiveEvent(db, site, event, iso());
    if (!result.applied) return undefined;
    if (result.delta.packages.length > 0 || result.delta.items.length > 0)
      await publishChange({ site, ...result.delta }, "after a receiving decision");
    log.info(
      { site, manifestNumber: event.payload.manifestNumber, action: event.payload.action, stationId: event.stationId },
      "receiving decision recorded",
    );
    return result.closed ? site : undefined;
  }

  /** Set when applying a stored event failed: the next pass looks for unapplied events. */
  let behind = false;

  async function catchUpStored(): Promise<number> {
    let n = 0;
    for (const row of await unappliedReceiveEvents(db)) {
      const parsed = eventSchemas.receive.safeParse({
        id: row.id,
        type: row.type,
        stationId: row.station_id,
        siteId: row.site_id,
        at: row.at,
        ...(row.employee_id ? { employeeId: row.employee_id } : {}),
        payload: JSON.parse(row.payload) as unknown,
      });
      if (!parsed.success) {
        log.error(
          { eventId: row.id, reason: parsed.error.message, code: "MESSAGE_INVALID" },
          "stored receive event does not read as the contract says; left unapplied",
        );
        continue;
      }
      await apply(parsed.data);
      n++;
    }
    behind = false;
    return n;
  }

  async function runPass(site: string): Promise<void> {
    if (behind) await catchUpStored();
    const source = deps.labSource?.(site);
    if (source) await fetchIncomingLabResults({ db, site, source, clock: deps.clock, log });
    await offers.get(site)?.refresh();
    const watched = await watchOutcomes(db, site, { nowMs: deps.clock.now(), graceMs: deps.stillShippedAfterMs });
    if (watched.flagged > 0 || watched.cleared > 0)
      log.warn({ site, ...watched }, "receiving outcome watch: flags changed");
    const held = await holdRejectedInQuarantine(db, site, iso());
    if (held.length > 0) {
      log.warn(
        { site, labels: held.map((p) => p.label), code: "QUARANTINE_KEPT" },
        "packages rejected at the vault kept in quarantine although the state system shows them active",
      );
      await publishChange({ site, packages: held }, "of packages kept in quarantine");
    }
  }

  const passes = (site?: string) => async () => {
    for (const s of site === undefined ? sites.ids() : [site]) await runPass(s);
  };

  return {
    offer: offers.get(sites.default.id)!,
    offerOf: (site) => offers.get(site),
    eventsStored(events) {
      const receives = events.filter((e): e is StationEvent<"receive"> => e.type === "receive");
      if (receives.length === 0) return;
      void enqueue("apply receive events", async () => {
        const closed = new Set<string>();
        try {
          for (const e of receives) {
            const site = await apply(e);
            if (site) closed.add(site);
          }
        } catch (err) {
          behind = true;
          throw err;
        }
        for (const site of closed) await runPass(site);
      });
    },
    async catchUp() {
      let n = 0;
      await enqueue("catch up receive events", async () => void (n = await catchUpStored()));
      return n;
    },
    pass: (site) => enqueue("pass", passes(site)),
    stationOnline(stationId) {
      void enqueue("offer to a station", async () => {
        const site = sites.siteOf((await stationSiteId(db, stationId)) ?? "");
        if (site) await offers.get(site.id)?.sendTo(stationId);
      });
    },
    settled: () => chain,
  };
}
