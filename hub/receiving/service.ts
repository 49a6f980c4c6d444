/**
 * Receiving inside the hub: applies the stations' receive events, offers the open manifests, reads
 * lab results of incoming packages, and runs the outcome watch after each state-system sync.
 *
 *   stored receive events ─▶ applyReceiveEvent ─▶ catalog upsert to the stations
 *                                              └─ manifest closed ─▶ pass()
 *   sync finished / timer / start ─▶ pass(): lab results ─▶ offer (if changed) ─▶ outcome watch
 *                                            ─▶ rejected packages kept in quarantine
 *   station online ─▶ offer.sendTo(station)
 *
 * Everything runs on one promise chain, so passes and events never interleave their writes.
 */
import { eventSchemas, type StationEvent } from "#contract/messages.js";
import type { AnyStationEvent } from "#contract/validate.js";
import type { Clock } from "#hub/clock.js";
import type { StationSync } from "#hub/ingest/station-sync.js";
import type { Log } from "#hub/log.js";
import { listStations } from "#hub/ledger/stations.js";
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
  stationSync: Pick<StationSync, "publishCatalogChange">;
  publish(topic: string, payload: string): Promise<void>;
  /** Lab results of incoming packages; absent while no state system is configured. */
  labSource?: () => LabSource | undefined;
  /** Facility time zone (IANA) of the state system's local times. */
  timeZone: string;
  documentUrl(fileId: string): string;
  /** Decided at the vault and still Shipped in the state system past this is flagged, ms. */
  stillShippedAfterMs: number;
}

export interface ReceivingService {
  /** Queues newly stored events; receive events among them are applied in order. */
  eventsStored(events: readonly AnyStationEvent[]): void;
  /** Applies receive events stored but never applied (a hub stopped in between); returns how many. */
  catchUp(): Promise<number>;
  /** Lab results, offer and outcome watch, after the work queued before it. */
  pass(): Promise<void>;
  stationOnline(stationId: string): void;
  /** Resolves when everything queued so far is done (tests, shutdown). */
  settled(): Promise<void>;
  readonly offer: Offer;
}

export function createReceivingService(deps: ReceivingServiceDeps): ReceivingService {
  const db = deps.db;
  const log = deps.log;
  const iso = () => new Date(deps.clock.now()).toISOString();
  const offer = createOffer({
    db, log, clock: deps.clock, publish: deps.publish, timeZone: deps.timeZone, documentUrl: deps.documentUrl,
    onlineStations: async () => (await listStations(deps.db)).filter((s) => s.online).map((s) => s.id),
  });
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (what: string, work: () => Promise<void>): Promise<void> => {
    chain = chain.then(work).catch((err: Error) => log.error({ err: err.message, code: "RECEIVING_FAILED", what }, "receiving step failed; retried on the next pass"));
    return chain;
  };

  async function apply(event: StationEvent<"receive">): Promise<boolean> {
    const result = await applyReceiveEvent(db, event, iso());
    if (!result.applied) return false;
    if (result.delta.packages.length > 0 || result.delta.items.length > 0) {
      await deps.stationSync.publishCatalogChange(result.delta).catch((err: Error) =>
        log.warn({ err: err.message, code: "MQTT_PUBLISH" }, "catalog upsert after a receiving decision not sent; stations get it with their next full sync"));
    }
    log.info({ manifestNumber: event.payload.manifestNumber, action: event.payload.action, stationId: event.stationId }, "receiving decision recorded");
    return result.closed;
  }

  /** Set when applying a stored event failed: the next pass looks for unapplied events. */
  let behind = false;

  async function catchUpStored(): Promise<number> {
    let n = 0;
    for (const row of await unappliedReceiveEvents(db)) {
      const parsed = eventSchemas.receive.safeParse({
        id: row.id, type: row.type, stationId: row.station_id, siteId: row.site_id, at: row.at,
        ...(row.employee_id ? { employeeId: row.employee_id } : {}), payload: JSON.parse(row.payload) as unknown,
      });
      if (!parsed.success) {
        log.error({ eventId: row.id, reason: parsed.error.message, code: "MESSAGE_INVALID" }, "stored receive event does not read as the contract says; left unapplied");
        continue;
      }
      await apply(parsed.data);
      n++;
    }
    behind = false;
    return n;
  }

  async function runPass(): Promise<void> {
    if (behind) await catchUpStored();
    const source = deps.labSource?.();
    if (source) await fetchIncomingLabResults({ db, source, clock: deps.clock, log });
    await offer.refresh();
    const watched = await watchOutcomes(db, { nowMs: deps.clock.now(), graceMs: deps.stillShippedAfterMs });
    if (watched.flagged > 0 || watched.cleared > 0) log.warn({ ...watched }, "receiving outcome watch: flags changed");
    const held = await holdRejectedInQuarantine(db, iso());
    if (held.length > 0) {
      log.warn({ labels: held.map((p) => p.label), code: "QUARANTINE_KEPT" }, "packages rejected at the vault kept in quarantine although the state system shows them active");
      await deps.stationSync.publishCatalogChange({ packages: held }).catch((err: Error) =>
        log.warn({ err: err.message, code: "MQTT_PUBLISH" }, "catalog upsert of packages kept in quarantine not sent; stations get it with their next full sync"));
    }
  }

  return {
    offer,
    eventsStored(events) {
      const receives = events.filter((e): e is StationEvent<"receive"> => e.type === "receive");
      if (receives.length === 0) return;
      void enqueue("apply receive events", async () => {
        let closed = false;
        try {
          for (const e of receives) closed = (await apply(e)) || closed;
        } catch (err) {
          behind = true;
          throw err;
        }
        if (closed) await runPass();
      });
    },
    async catchUp() {
      let n = 0;
      await enqueue("catch up receive events", async () => void (n = await catchUpStored()));
      return n;
    },
    pass: () => enqueue("pass", runPass),
    stationOnline(stationId) {
      void enqueue("offer to a station", () => offer.sendTo(stationId));
    },
    settled: () => chain,
  };
}
