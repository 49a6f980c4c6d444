/**
 * The soak's accounting, pure. A scan is "sent" when it was posted, "acked" when the station
 * answered 201 (it is in the outbox, fsynced), "landed" when its event id is in the hub's
 * ledger. Lost is what was acked and never landed; a duplicate is a code stored under more than
 * one event id. A scan whose answer never came (the station died mid-request) may land or not:
 * it is counted as unanswered, never as lost.
 */

/** One posted scan and what became of it. */
export interface SentScan {
  code: string;
  /** Drill running when it was posted. */
  drill: string;
  outcome: "acked" | "refused" | "unanswered";
  /** The recorded event id, from the 201 answer. */
  eventId?: string;
  /** Why it was refused or unanswered: the HTTP status, or the connection error's code. */
  why?: string;
}

/** One row of the ledger's events for the soak's station. */
export interface LandedEvent {
  id: string;
  code: string;
}

/** Counts for one drill (or the total). */
export interface ScanCounts {
  drill: string;
  sent: number;
  acked: number;
  refused: number;
  unanswered: number;
  landed: number;
  duplicates: number;
  lost: number;
}

function zero(drill: string): ScanCounts {
  return { drill, sent: 0, acked: 0, refused: 0, unanswered: 0, landed: 0, duplicates: 0, lost: 0 };
}

/** Per drill, in the order drills first appear, then the total. Also lists the lost codes. */
export function tallyScans(
  sent: readonly SentScan[],
  landed: readonly LandedEvent[],
): { rows: ScanCounts[]; total: ScanCounts; lostCodes: string[] } {
  const ids = new Set(landed.map((e) => e.id));
  const perCode = new Map<string, number>();
  for (const e of landed) perCode.set(e.code, (perCode.get(e.code) ?? 0) + 1);
  const rows = new Map<string, ScanCounts>();
  const total = zero("total");
  const lostCodes: string[] = [];
  for (const s of sent) {
    const row = rows.get(s.drill) ?? zero(s.drill);
    rows.set(s.drill, row);
    const copies = perCode.get(s.code) ?? 0;
    const lost = s.outcome === "acked" && (s.eventId === undefined || !ids.has(s.eventId));
    if (lost) lostCodes.push(s.code);
    for (const r of [row, total]) {
      r.sent++;
      r[s.outcome]++;
      if (copies > 0) r.landed++;
      if (copies > 1) r.duplicates += copies - 1;
      if (lost) r.lost++;
    }
  }
  return { rows: [...rows.values()], total, lostCodes };
}

/** How often each refusal or non-answer reason came, most frequent first ("500 ×12"). */
export function reasons(sent: readonly SentScan[]): string[] {
  const counts = new Map<string, number>();
  for (const s of sent)
    if (s.outcome !== "acked")
      counts.set(`${s.outcome} ${s.why ?? "?"}`, (counts.get(`${s.outcome} ${s.why ?? "?"}`) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`);
}

/** State-system writes queued by the soak and what METRC holds of them. */
export interface WriteCounts {
  sent: number;
  /** Confirmed by the hub's submission queue. */
  acked: number;
  /** Present in METRC (the simulator's facility state). */
  landed: number;
  /** Extra copies in METRC. */
  duplicates: number;
  /** Refused with a reason for a person (the dashboard's failed writes); not lost, not landed. */
  refused: number;
  /** Neither in METRC nor refused: confirmed without landing, or never delivered. */
  lost: number;
}

/** Tallies writes by their unique note: `states` from the hub's queue, `copies` in METRC. */
export function tallyWrites(
  notes: readonly string[],
  states: ReadonlyMap<string, string>,
  copies: ReadonlyMap<string, number>,
): WriteCounts {
  const c: WriteCounts = { sent: notes.length, acked: 0, landed: 0, duplicates: 0, refused: 0, lost: 0 };
  for (const n of notes) {
    const state = states.get(n);
    const inMetrc = copies.get(n) ?? 0;
    if (state === "confirmed") c.acked++;
    if (inMetrc > 0) c.landed++;
    if (inMetrc > 1) c.duplicates += inMetrc - 1;
    if (inMetrc === 0 && state === "failed") c.refused++;
    else if (inMetrc === 0) c.lost++;
  }
  return c;
}

/** A fixed-width table, one line per row. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return cells
    .map((r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  "))
    .join("\n");
}
