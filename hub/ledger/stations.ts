import type { Kysely, Transaction } from "kysely";
import type { StationStatus } from "#contract/messages.js";
import type { SiteDirectory } from "../sites/directory.js";
import type { Database } from "../store/database.js";
import { appendAuditBatchIn, type NewAuditEntry } from "./audit.js";

type Db = Kysely<Database> | Transaction<Database>;

/** A station as the dashboard and GET /api/stations show it. */
export interface StationView {
  id: string;
  siteId: string;
  online: boolean;
  /** Last time anything was heard from it (ISO-8601). */
  lastSeen: string;
  /** The payload of its last retained status (devices, outbox depth, who is signed in). */
  status: Partial<StationStatus["payload"]>;
}

/** What recordStationStatus found before writing: lets the caller see an offline → online change. */
export interface StatusChange {
  wasOnline: boolean;
  /** startedAt of the previous status; a new value means the station restarted. */
  previousStartedAt: string | undefined;
}

function parseStatus(text: string): Partial<StationStatus["payload"]> {
  try {
    return JSON.parse(text) as Partial<StationStatus["payload"]>;
  } catch {
    return {};
  }
}

/** The site a station's envelopes last named, or undefined for a station never heard from. */
export async function stationSiteId(db: Db, stationId: string): Promise<string | undefined> {
  const row = await db.selectFrom("stations").select("site_id").where("id", "=", stationId).executeTakeFirst();
  return row?.site_id;
}

/**
 * The kiosk sign-ins and sign-outs a status reports (its `signedIn` differs from the last one's), as
 * audit entries at the station's time. A station gone offline (its last will) ends the sign-in the
 * hub knew of; an online status that leaves `signedIn` out says nothing about it.
 */
function kioskSignIns(status: StationStatus, before: Partial<StationStatus["payload"]>): NewAuditEntry[] {
  const signedIn = status.payload.signedIn;
  const offline = !status.payload.online;
  if (signedIn === undefined && !offline) return [];
  const was = before.signedIn?.employeeId ?? null;
  const now = offline ? null : (signedIn?.employeeId ?? null);
  if (was === now) return [];
  const at = status.at;
  const subject = status.stationId;
  const ended = offline ? { reason: "station went offline" } : {};
  return [
    ...(was ? [{ actor: was, action: "kiosk.signed-out", subject, at, detail: ended }] : []),
    ...(now ? [{ actor: now, action: "kiosk.signed-in", subject, at, detail: { name: signedIn?.name } }] : []),
  ];
}

/** Stores a station's retained status (or last will) and the kiosk sign-ins it reports; `heardAt` is ISO-8601. */
export async function recordStationStatus(
  db: Kysely<Database>,
  status: StationStatus,
  heardAt: string,
): Promise<StatusChange> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("stations")
      .select(["online", "status"])
      .where("id", "=", status.stationId)
      .executeTakeFirst();
    const row = {
      id: status.stationId,
      site_id: status.siteId,
      online: status.payload.online ? 1 : 0,
      last_seen: heardAt,
      status: JSON.stringify(status.payload),
    };
    await trx
      .insertInto("stations")
      .values(row)
      .onConflict((oc) =>
        oc
          .column("id")
          .doUpdateSet({ site_id: row.site_id, online: row.online, last_seen: row.last_seen, status: row.status }),
      )
      .execute();
    await appendAuditBatchIn(trx, kioskSignIns(status, before ? parseStatus(before.status) : {}));
    return {
      wasOnline: before ? Number(before.online) === 1 : false,
      previousStartedAt: before ? parseStatus(before.status).startedAt : undefined,
    };
  });
}

/**
 * Notes that events arrived from these stations: they are online and were heard at `heardAt`
 * (ISO-8601). Safe against replays: the broker delivers a station's messages in the order it
 * published them and the ingest stores events before the status that follows them, so a last
 * will always lands after the events that preceded it.
 */
export async function touchStations(db: Db, seen: ReadonlyMap<string, string>, heardAt: string): Promise<void> {
  for (const [stationId, siteId] of seen) {
    await db
      .insertInto("stations")
      .values({ id: stationId, site_id: siteId, online: 1, last_seen: heardAt, status: "{}" })
      .onConflict((oc) => oc.column("id").doUpdateSet({ last_seen: heardAt, online: 1 }))
      .execute();
  }
}

/** Moves last_seen of stations already known (those with an open MQTT connection); `heardAt` is ISO-8601. */
export async function refreshLastSeen(db: Db, stationIds: readonly string[], heardAt: string): Promise<void> {
  if (stationIds.length === 0) return;
  await db
    .updateTable("stations")
    .set({ last_seen: heardAt })
    .where("id", "in", [...stationIds])
    .where("online", "=", 1)
    .execute();
}

/** Marks offline every online station not heard from since `before` (ISO-8601); returns their ids. */
export async function markSilentStationsOffline(db: Db, before: string): Promise<string[]> {
  const rows = await db
    .selectFrom("stations")
    .select("id")
    .where("online", "=", 1)
    .where("last_seen", "<", before)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  await db.updateTable("stations").set({ online: 0 }).where("id", "in", ids).where("last_seen", "<", before).execute();
  return ids;
}

/**
 * All stations, by id; only those whose envelopes name one of `sites` when it is given (a hub
 * with a sites list: SiteDirectory.envelopeFilter).
 */
export async function listStations(db: Db, sites?: readonly string[]): Promise<StationView[]> {
  if (sites && sites.length === 0) return [];
  let q = db.selectFrom("stations").selectAll();
  if (sites) q = q.where("site_id", "in", [...sites]);
  const rows = await q.orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    online: Number(r.online) === 1,
    lastSeen: r.last_seen,
    status: parseStatus(r.status),
  }));
}

/**
 * The stations of the served sites `siteIds`: those whose envelopes name one of them on a hub
 * with a sites list; on a hub serving its one site by default, every station (or none when
 * `siteIds` leaves that site out).
 */
export async function listStationsOfSites(
  db: Db,
  sites: Pick<SiteDirectory, "envelopeFilter">,
  siteIds: readonly string[],
): Promise<StationView[]> {
  if (siteIds.length === 0) return [];
  const filters = siteIds.map((id) => sites.envelopeFilter(id));
  if (filters.some((f) => f === undefined)) return listStations(db);
  return listStations(db, filters as string[]);
}
