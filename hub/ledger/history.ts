/**
 * A package's whole history, oldest first, as `GET /api/packages/:label` and the package page
 * show it: what the stations recorded about the tag (events), and every change to its state
 * (movements and adjustments), with the employees' names.
 *
 *   events (label, at) ──┐
 *   movements (label, at) ┼─▶ merged by time ─▶ employee names (employees)
 *   adjustments (label, at)┘
 */
import type { Db } from "#hub/store/database.js";
import { packageHistory, type HistoryEntry } from "./events.js";
import type { SourceKind } from "./tables.js";

/** What every history entry carries (an event's fields, as before movements and adjustments joined). */
interface EntryBase extends Omit<HistoryEntry, "stationId" | "siteId"> {
  /** Null for changes made by the state-system sync or the hub itself. */
  stationId: string | null;
  siteId: string | null;
  /** The employee's name as the ledger knows it; null when no employee or an unknown one. */
  employeeName: string | null;
}

/** The manifest or count (or sync, catalog change) a change came from. */
export interface HistorySource {
  kind: SourceKind;
  ref: string | null;
}

export type PackageHistoryEntry =
  | (EntryBase & { kind: "event" })
  | (EntryBase & {
      kind: "movement";
      type: "movement";
      from: { location: string; status: string } | null;
      to: { location: string; status: string };
      reason: string;
      /** The package's quantity after the move, in `unit`. */
      quantity: number;
      unit: string;
      doorSessionId: string | null;
      source: HistorySource | null;
      auditSeq: number;
    })
  | (EntryBase & {
      kind: "adjustment";
      type: "adjustment";
      quantityBefore: number;
      quantityAfter: number;
      /** quantityAfter − quantityBefore, in `unit`. */
      delta: number;
      unit: string;
      reason: string;
      note: string | null;
      source: HistorySource | null;
      auditSeq: number;
    });

/** Same time: the station's record first, then the change it caused, then its quantity. */
const KIND_ORDER = { event: 0, movement: 1, adjustment: 2 } as const;

function sourceOf(kind: SourceKind | null, ref: string | null): HistorySource | null {
  return kind ? { kind, ref } : null;
}

async function changesOf(db: Db, site: string, label: string): Promise<PackageHistoryEntry[]> {
  const moves = await db
    .selectFrom("movements")
    .selectAll()
    .where("site_id", "=", site)
    .where("label", "=", label)
    .orderBy("at")
    .orderBy("id")
    .execute();
  const adjusts = await db
    .selectFrom("adjustments")
    .selectAll()
    .where("site_id", "=", site)
    .where("label", "=", label)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return [
    ...moves.map((m): PackageHistoryEntry => {
      const from = m.from_location === null ? null : { location: m.from_location, status: m.from_status ?? "" };
      const detail = {
        from,
        to: { location: m.to_location, status: m.to_status },
        reason: m.reason,
        quantity: Number(m.quantity),
        unit: m.unit,
        doorSessionId: m.door_session_id,
        source: sourceOf(m.source_kind, m.source_ref),
        auditSeq: Number(m.audit_seq),
      };
      return {
        kind: "movement",
        type: "movement",
        id: m.id,
        at: m.at,
        employeeName: null,
        stationId: m.station_id,
        siteId: m.site_id,
        employeeId: m.employee_id,
        payload: detail,
        receivedAt: m.recorded_at,
        ...detail,
      };
    }),
    ...adjusts.map((a): PackageHistoryEntry => {
      const detail = {
        quantityBefore: Number(a.quantity_before),
        quantityAfter: Number(a.quantity_after),
        delta: Number(a.quantity_after) - Number(a.quantity_before),
        unit: a.unit,
        reason: a.reason,
        note: a.note,
        source: sourceOf(a.source_kind, a.source_ref),
        auditSeq: Number(a.audit_seq),
      };
      return {
        kind: "adjustment",
        type: "adjustment",
        id: a.id,
        at: a.at,
        employeeName: null,
        stationId: a.station_id,
        siteId: a.site_id,
        employeeId: a.employee_id,
        payload: detail,
        receivedAt: a.recorded_at,
        ...detail,
      };
    }),
  ];
}

/** Names of the employees in `entries`, by id. */
async function employeeNames(db: Db, entries: readonly PackageHistoryEntry[]): Promise<Map<string, string>> {
  const ids = [...new Set(entries.flatMap((e) => (e.employeeId ? [e.employeeId] : [])))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("employees").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Every event, movement and adjustment of one METRC tag at `site`, oldest first. Events carry the
 * site the station's envelope named: `envelopeSite` keeps only those (a hub with a sites list,
 * SiteDirectory.envelopeFilter); left out, every station's events of the tag count.
 */
export async function fullPackageHistory(
  db: Db,
  site: string,
  label: string,
  opts: { envelopeSite?: string | undefined } = {},
): Promise<PackageHistoryEntry[]> {
  const events = (await packageHistory(db, label, opts.envelopeSite)).map((e): PackageHistoryEntry => ({
    ...e,
    kind: "event",
    employeeName: null,
  }));
  const changes = await changesOf(db, site, label);
  const all =
    changes.length === 0
      ? events
      : [...events, ...changes].sort((a, b) =>
          a.at < b.at
            ? -1
            : a.at > b.at
              ? 1
              : KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
  const names = await employeeNames(db, all);
  return all.map((e) => ({ ...e, employeeName: (e.employeeId && names.get(e.employeeId)) || null }));
}
