/**
 * The vault door on the dashboard, read from what the ledger already stores: door sessions from
 * the stations' door events (so they survive a hub restart), held-open alarms with who was signed
 * in, and actions a station recorded while no door session was open (closed-door actions).
 */
import { doorSessionAt } from "#hub/ledger/events.js";
import type { Db } from "#hub/store/database.js";

/** One vault door session: opened, closed (or still open), who, and whether it raised the alarm. */
export interface DoorSessionRow {
  site: string;
  stationId: string;
  doorId: string;
  doorSessionId: string;
  openedAt: string | null;
  closedAt: string | null;
  /** Who was signed in when it opened (null: nobody). */
  openedBy: string | null;
  heldOpenAlarm: { at: string; signedIn: string | null } | null;
}

/** A movement or adjustment a station recorded with no door session open. */
export interface ClosedDoorAction {
  site: string;
  kind: "movement" | "adjustment";
  id: string;
  at: string;
  label: string;
  stationId: string;
  employee: string | null;
  /** In the ledger's words: the movement's reason, or the adjustment's reason and change. */
  what: string;
  sourceKind: string | null;
}

interface DoorPayload {
  doorId: string;
  open: boolean;
  doorSessionId: string;
  heldOpenAlarm?: boolean;
}

async function names(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom("employees").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The newest door sessions of `sites`, newest first, built from the stored door events. */
export async function doorSessions(db: Db, sites: readonly string[], limit = 50): Promise<DoorSessionRow[]> {
  if (sites.length === 0) return [];
  const rows = await db
    .selectFrom("events")
    .selectAll()
    .where("type", "=", "door")
    .where("site_id", "in", sites)
    .orderBy("at", "desc")
    .limit(limit * 3)
    .execute();
  const who = await names(
    db,
    rows.map((r) => r.employee_id),
  );
  const byId = new Map<string, DoorSessionRow>();
  for (const r of [...rows].reverse()) {
    const p = JSON.parse(r.payload) as DoorPayload;
    const s = byId.get(p.doorSessionId) ?? {
      site: r.site_id,
      stationId: r.station_id,
      doorId: p.doorId,
      doorSessionId: p.doorSessionId,
      openedAt: null,
      closedAt: null,
      openedBy: null,
      heldOpenAlarm: null,
    };
    const name = r.employee_id ? (who.get(r.employee_id) ?? r.employee_id) : null;
    if (p.heldOpenAlarm && p.open) s.heldOpenAlarm = { at: r.at, signedIn: name };
    else if (p.open) {
      s.openedAt = r.at;
      s.openedBy = name;
    } else s.closedAt = r.at;
    byId.set(p.doorSessionId, s);
  }
  return [...byId.values()]
    .sort((a, b) => (b.openedAt ?? b.closedAt ?? "").localeCompare(a.openedAt ?? a.closedAt ?? ""))
    .slice(0, limit);
}

/**
 * Movements and adjustments stations recorded with no door session open, newest first. A
 * movement carries its door session; an adjustment's is looked up from the station's door events
 * at its time (the newest `scan` adjustments are checked, at most `limit` × 4).
 */
export async function closedDoorActions(db: Db, sites: readonly string[], limit = 100): Promise<ClosedDoorAction[]> {
  if (sites.length === 0) return [];
  const moves = await db
    .selectFrom("movements")
    .selectAll()
    .where("site_id", "in", sites)
    .where("station_id", "is not", null)
    .where("door_session_id", "is", null)
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
  const adjustments = await db
    .selectFrom("adjustments")
    .selectAll()
    .where("site_id", "in", sites)
    .where("station_id", "is not", null)
    .orderBy("at", "desc")
    .limit(limit * 4)
    .execute();
  const closed = [];
  for (const a of adjustments) if ((await doorSessionAt(db, a.station_id!, a.at)) === null) closed.push(a);
  const who = await names(db, [...moves.map((m) => m.employee_id), ...closed.map((a) => a.employee_id)]);
  const out: ClosedDoorAction[] = [
    ...moves.map((m) => ({
      site: m.site_id,
      kind: "movement" as const,
      id: m.id,
      at: m.at,
      label: m.label,
      stationId: m.station_id!,
      employee: m.employee_id ? (who.get(m.employee_id) ?? m.employee_id) : null,
      what: `${m.reason}: ${m.from_location ?? "—"} → ${m.to_location}`,
      sourceKind: m.source_kind,
    })),
    ...closed.map((a) => ({
      site: a.site_id,
      kind: "adjustment" as const,
      id: a.id,
      at: a.at,
      label: a.label,
      stationId: a.station_id!,
      employee: a.employee_id ? (who.get(a.employee_id) ?? a.employee_id) : null,
      what: `${a.reason}: ${Number(a.quantity_before)} → ${Number(a.quantity_after)} ${a.unit}`,
      sourceKind: a.source_kind,
    })),
  ];
  return out.sort((x, y) => y.at.localeCompare(x.at)).slice(0, limit);
}
