/**
 * Restock inside the hub, for every site it serves:
 *
 *   stored restock events ─▶ request (kiosk ask) ─▶ restock_requests
 *                          ├ pick ─▶ applyPick: ledger move vault → floor ─▶ catalog upsert to the site's stations
 *                          └ completed ─▶ request closed
 *   then pass(site): low-stock check ─▶ location changes queued to the state system ─▶ `restock` command (if changed)
 *   dashboard ask / cancel, POS import landed, state-system sync, timer ─▶ pass(site)
 *   station online ─▶ its site's open requests sent to it
 *
 * Everything runs on one promise chain, so passes and events never interleave their writes.
 */
import type { Kysely } from "kysely";
import type { Package } from "#contract/domain.js";
import { eventSchemas, type StationEvent } from "#contract/messages.js";
import type { AnyStationEvent } from "#contract/validate.js";
import type { Clock } from "#hub/clock.js";
import type { StationSync } from "#hub/ingest/station-sync.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import { listStationsOfSites, stationSiteId } from "#hub/ledger/stations.js";
import type { Log } from "#hub/log.js";
import type { SiteStateSystem } from "#hub/modules.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Database } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import { raiseLowStock } from "./low-stock.js";
import { createRestockOffer } from "./offer.js";
import type { FloorPlaces } from "./pick-list.js";
import { applyPick, queueLocationMoves } from "./picks.js";
import {
  closeRequest,
  insertRequest,
  openRequests,
  type AskRefusal,
  type NewRequest,
  type OpenRequest,
} from "./requests.js";

export interface RestockServiceDeps {
  db: Kysely<Database>;
  log: Log;
  clock: Pick<Clock, "now">;
  sites: SiteDirectory;
  places: FloorPlaces;
  stationSync: Pick<StationSync, "publishCatalogChange">;
  publish(topic: string, payload: string): Promise<void>;
  /** The site's state system; absent while none is configured (location changes wait, logged). */
  stateSystem?: ((site: string) => SiteStateSystem | undefined) | undefined;
}

export interface RestockService {
  eventsStored(events: readonly AnyStationEvent[]): void;
  /** Applies restock events stored but never applied (a hub stopped in between); returns how many. */
  catchUp(): Promise<number>;
  /** A request from the dashboard (or a test); refused with the reason when an item is unknown. */
  ask(site: string, r: Omit<NewRequest, "at">): Promise<{ ok: true; id: string } | AskRefusal>;
  cancel(site: string, id: string, by: string): Promise<boolean>;
  /** Low-stock check, queued location changes and the stations' list for `site` (every site when left out). */
  pass(site?: string): Promise<void>;
  stationOnline(stationId: string): void;
  open(site: string): Promise<OpenRequest[]>;
  settled(): Promise<void>;
}

type RestockEvent = StationEvent<"restock">;

/** Events that never move a package. */
const QUIET = new Set(["scan", "weight", "door", "print", "restock"]);

export function createRestockService(deps: RestockServiceDeps): RestockService {
  const { db, log, sites, places } = deps;
  const iso = () => new Date(deps.clock.now()).toISOString();
  const offers = new Map(
    sites.ids().map((s) => [s, createRestockOffer({ publish: deps.publish, now: deps.clock.now })]),
  );
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (what: string, work: () => Promise<void>): Promise<void> => {
    chain = chain
      .then(work)
      .catch((err: Error) => log.error({ err: err.message, code: "RESTOCK_FAILED", what }, "restock step failed"));
    return chain;
  };
  const onlineOf = async (site: string) =>
    (await listStationsOfSites(db, sites, [site])).filter((s) => s.online).map((s) => s.id);

  async function apply(event: RestockEvent): Promise<string | undefined> {
    const site = sites.siteOf(event.siteId)?.id;
    if (!site) {
      log.error(
        { eventId: event.id, siteId: event.siteId, code: "MESSAGE_INVALID" },
        "restock event of an unserved site",
      );
      return undefined;
    }
    const fresh = await inTransaction(db, async (trx) => {
      const r = await trx
        .insertInto("restock_applied_events")
        .values({ event_id: event.id, applied_at: iso() })
        .onConflict((oc) => oc.column("event_id").doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await applyIn(trx, site, event);
      return true;
    });
    return fresh ? site : undefined;
  }

  async function applyIn(trx: Parameters<typeof appendAuditIn>[0], site: string, event: RestockEvent): Promise<void> {
    const p = event.payload;
    const actor = event.employeeId ?? event.stationId;
    const audit = (action: string, detail: Record<string, unknown>) =>
      appendAuditIn(trx, {
        at: event.at,
        actor,
        action,
        subject: `restock ${p.requestId}`,
        detail: { site, stationId: event.stationId, ...detail },
      });
    if (p.action === "request") {
      const r = await insertRequest(trx, site, {
        id: p.requestId,
        origin: "kiosk",
        by: actor,
        at: event.at,
        stationId: event.stationId,
        note: p.note ?? null,
        lines: p.lines,
      });
      await audit(
        r.ok ? "restock.requested" : "restock.request.refused",
        r.ok ? { origin: "kiosk", lines: p.lines } : { reason: r.reason, lines: p.lines },
      );
      if (!r.ok)
        log.warn(
          { site, requestId: p.requestId, reason: r.reason, code: "RESTOCK_REFUSED" },
          "kiosk restock request refused",
        );
    } else if (p.action === "pick") {
      const out = await applyPick(trx, site, { ...event, payload: p }, places.floorLocation, iso());
      if (out.ok) pendingUpserts.push({ site, pkg: out.moved });
      else {
        // The package left the shelf at the vault; the ledger could not follow: someone must look.
        await audit("restock.pick.refused", { label: p.label, reason: out.reason });
        log.warn(
          { site, label: p.label, reason: out.reason, code: "RESTOCK_REFUSED" },
          "restock pick refused by the ledger",
        );
      }
    } else {
      const closed = await closeRequest(trx, site, p.requestId, "completed", actor, event.at);
      await audit("restock.completed", { picked: p.picked, closed, ...(p.note ? { note: p.note } : {}) });
    }
  }

  const pendingUpserts: Array<{ site: string; pkg: Package }> = [];
  async function publishUpserts(): Promise<void> {
    const bySite = new Map<string, Package[]>();
    for (const u of pendingUpserts.splice(0)) bySite.set(u.site, [...(bySite.get(u.site) ?? []), u.pkg]);
    for (const [site, packages] of bySite)
      await deps.stationSync
        .publishCatalogChange({ site, packages })
        .catch((err: Error) =>
          log.warn({ err: err.message, code: "MQTT_PUBLISH", site }, "restock catalog upsert not sent"),
        );
  }

  async function runPass(site: string): Promise<void> {
    const raised = await raiseLowStock(db, site, places.floorLocation, iso());
    if (raised.length > 0) log.info({ site, requests: raised }, "low floor stock: restock requested");
    const worker = deps.stateSystem?.(site)?.worker;
    if (worker) {
      const queued = await queueLocationMoves(db, site, sites.get(site)?.timeZone ?? sites.default.timeZone, (w, by) =>
        worker.enqueue(w, { requestedBy: by }),
      );
      if (queued > 0) log.info({ site, queued }, "restock location changes queued to the state system");
    }
    const requests = (await openRequests(db, site, places)).map((o) => o.request);
    await offers.get(site)?.refresh(await onlineOf(site), requests);
  }

  const passes = (site?: string) => async () => {
    for (const s of site === undefined ? sites.ids() : [site]) await runPass(s);
  };

  async function catchUpStored(): Promise<number> {
    const rows = await db
      .selectFrom("events")
      .leftJoin("restock_applied_events as a", "a.event_id", "events.id")
      .selectAll("events")
      .where("events.type", "=", "restock")
      .where("a.event_id", "is", null)
      .orderBy("events.id")
      .execute();
    const touched = new Set<string>();
    for (const row of rows) {
      const parsed = eventSchemas.restock.safeParse({
        id: row.id,
        type: row.type,
        stationId: row.station_id,
        siteId: row.site_id,
        at: row.at,
        ...(row.employee_id ? { employeeId: row.employee_id } : {}),
        payload: JSON.parse(row.payload) as unknown,
      });
      if (!parsed.success) continue;
      const site = await apply(parsed.data);
      if (site) touched.add(site);
    }
    await publishUpserts();
    for (const s of touched) await runPass(s);
    return rows.length;
  }

  return {
    eventsStored(events) {
      const mine = events.filter((e): e is RestockEvent => e.type === "restock");
      // Other events that may move packages (receiving, quarantine, counts…): the floor is checked again.
      const moved = new Set(events.filter((e) => !QUIET.has(e.type)).flatMap((e) => sites.siteOf(e.siteId)?.id ?? []));
      if (mine.length === 0) {
        for (const s of moved) void enqueue("pass after moves", passes(s));
        return;
      }
      void enqueue("apply restock events", async () => {
        const touched = new Set<string>();
        for (const e of mine) {
          const site = await apply(e);
          if (site) touched.add(site);
        }
        await publishUpserts();
        for (const s of touched) await runPass(s);
      });
    },
    async catchUp() {
      let n = 0;
      await enqueue("catch up restock events", async () => void (n = await catchUpStored()));
      return n;
    },
    async ask(site, r) {
      let out: { ok: true; id: string } | AskRefusal = { ok: false, reason: "not written" };
      await enqueue("ask", async () => {
        const at = iso();
        const done = await inTransaction(db, async (trx) => {
          const w = await insertRequest(trx, site, { ...r, at });
          if (w.ok)
            await appendAuditIn(trx, {
              at,
              actor: r.by,
              action: "restock.requested",
              subject: `restock ${r.id}`,
              detail: { site, origin: r.origin, lines: r.lines },
            });
          return w;
        });
        out = done.ok ? { ok: true, id: r.id } : done;
        if (done.ok) await runPass(site);
      });
      return out;
    },
    async cancel(site, id, by) {
      let ok = false;
      await enqueue("cancel", async () => {
        const at = iso();
        ok = await inTransaction(db, async (trx) => {
          const closed = await closeRequest(trx, site, id, "cancelled", by, at);
          if (closed)
            await appendAuditIn(trx, {
              at,
              actor: by,
              action: "restock.cancelled",
              subject: `restock ${id}`,
              detail: { site },
            });
          return closed;
        });
        if (ok) await runPass(site);
      });
      return ok;
    },
    pass: (site) => enqueue("pass", passes(site)),
    stationOnline(stationId) {
      void enqueue("send to a station", async () => {
        const site = sites.siteOf((await stationSiteId(db, stationId)) ?? "")?.id;
        if (!site) return;
        await offers.get(site)?.sendTo(
          stationId,
          (await openRequests(db, site, places)).map((o) => o.request),
        );
      });
    },
    open: (site) => openRequests(db, site, places),
    settled: () => chain,
  };
}
