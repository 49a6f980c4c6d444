/**
 * A package's whole timeline, as the case page and the package page show it: the ledger's history
 * (station events, movements, adjustments), both sources of sales (the POS's lines and the state
 * system's receipts), the state system's record of its receiving, every request sent to the state
 * system about it, the investigations opened on it — oldest first, each with the vault door session
 * open on its station at the time (its opening and closing). Pure: timeline-reads.ts gathers the rows.
 *
 *   history ─┐  pos sales ─┐  state receipts ─┐  requests ─┐  transfers ─┐  cases ─┐
 *            └─────────────┴──────────────────┴────────────┴─────────────┴────────┴─▶ sorted ─▶ + door sessions
 */
import type { PackageHistoryEntry } from "#hub/ledger/history.js";
import { entryKind, summarize } from "#hub/web/views/parts/history-words.js";

export type TimelineKind =
  | "receiving"
  | "move"
  | "scan"
  | "count"
  | "station"
  | "sale-pos"
  | "sale-state"
  | "adjustment"
  | "state-request"
  | "investigation";

/** Which record an entry comes from. */
export type TimelineSource = "station" | "ledger" | "pos" | "state-system" | "investigations";

/** A vault door session on one station: from the door's opening to its closing (null while open or unknown). */
export interface DoorSession {
  id: string;
  stationId: string;
  doorId: string | null;
  openedAt: string | null;
  closedAt: string | null;
  heldOpenAlarm: boolean;
}

export interface TimelineEntry {
  /** Unique within the timeline: the record's own id, prefixed by its source. */
  id: string;
  /** ISO-8601 UTC instant. */
  at: string;
  kind: TimelineKind;
  source: TimelineSource;
  /** What happened, in words. */
  what: string;
  /** The employee (name when the ledger knows it), or null. */
  who: string | null;
  stationId: string | null;
  /** The case of an investigation entry, the receipt of a sale, the request of a state-system request. */
  ref: string | null;
  /** The door session open on the entry's station at the time, when there was one. */
  doorSession: DoorSession | null;
}

/** A door event as the ledger stores it. */
export interface DoorEventRow {
  stationId: string;
  at: string;
  payload: { doorId?: string; open?: boolean; doorSessionId?: string; heldOpenAlarm?: boolean };
}

/** Door events paired into sessions by their session id, in time order. */
export function doorSessions(events: readonly DoorEventRow[]): DoorSession[] {
  const byId = new Map<string, DoorSession>();
  for (const e of [...events].sort((a, b) => a.at.localeCompare(b.at))) {
    const id = e.payload.doorSessionId;
    if (!id) continue;
    const s = byId.get(id) ?? {
      id,
      stationId: e.stationId,
      doorId: e.payload.doorId ?? null,
      openedAt: null,
      closedAt: null,
      heldOpenAlarm: false,
    };
    if (e.payload.open === true && s.openedAt === null) s.openedAt = e.at;
    if (e.payload.open === false) s.closedAt = e.at;
    if (e.payload.heldOpenAlarm) s.heldOpenAlarm = true;
    byId.set(id, s);
  }
  return [...byId.values()];
}

/** The session an entry happened in: the one it names, else the one open on its station at its time. */
export function sessionAround(
  sessions: readonly DoorSession[],
  stationId: string | null,
  at: string,
  named?: string | null,
): DoorSession | null {
  if (named) return sessions.find((s) => s.id === named) ?? null;
  if (!stationId) return null;
  return (
    sessions.find(
      (s) =>
        s.stationId === stationId &&
        s.openedAt !== null &&
        s.openedAt <= at &&
        (s.closedAt === null || at <= s.closedAt),
    ) ?? null
  );
}

function kindOfHistory(h: PackageHistoryEntry): TimelineKind {
  if (h.kind === "movement")
    return h.source?.kind === "manifest" ? "receiving" : h.source?.kind === "count" ? "count" : "move";
  if (h.kind === "adjustment") return h.source?.kind === "count" ? "count" : "adjustment";
  if (h.type === "receive") return "receiving";
  if (h.type === "scan") return "scan";
  if (h.type === "count") return "count";
  return "station";
}

/** The door session a history entry names itself (a scan's payload, a movement's column). */
function namedSession(h: PackageHistoryEntry): string | null {
  if (h.kind === "movement") return h.doorSessionId;
  const p = h.payload as { doorSessionId?: unknown } | null;
  return h.kind === "event" && typeof p?.doorSessionId === "string" ? p.doorSessionId : null;
}

/** The ledger's history as timeline entries, with the door sessions around them. */
export function historyEntries(
  history: readonly PackageHistoryEntry[],
  sessions: readonly DoorSession[],
): TimelineEntry[] {
  return history.map((h) => ({
    id: `${h.kind}:${h.id}`,
    at: h.at,
    kind: kindOfHistory(h),
    source: h.kind === "event" ? "station" : "ledger",
    what: `${entryKind(h)}: ${summarize(h)}`,
    who: h.employeeName ?? h.employeeId ?? null,
    stationId: h.stationId,
    ref: h.kind === "event" ? null : (h.source?.ref ?? null),
    doorSession: sessionAround(sessions, h.stationId, h.at, namedSession(h)),
  }));
}

/** Same instant: the station's record, then what the ledger made of it, then the rest. */
const SOURCE_ORDER: Record<TimelineSource, number> = {
  station: 0,
  ledger: 1,
  pos: 2,
  "state-system": 3,
  investigations: 4,
};

/** Every entry, oldest first. */
export function assembleTimeline(parts: readonly (readonly TimelineEntry[])[]): TimelineEntry[] {
  return parts
    .flat()
    .sort((a, b) =>
      a.at < b.at ? -1 : a.at > b.at ? 1 : SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || a.id.localeCompare(b.id),
    );
}
