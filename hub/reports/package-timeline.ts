/**
 * Where each package of a site was, in what status and with how much, over time: the ledger's
 * movements (location, status, quantity after) and adjustments (quantity after), merged in time
 * order per package. FIFO checks ask it what an older package was doing when a newer one sold.
 */
import type { Db } from "#hub/store/database.js";

export interface PackageState {
  at: string;
  location: string;
  status: string;
  quantity: number;
}

/** A movement that put a package on the sales floor (a restock pick, or another move there). */
export interface FloorMove {
  id: string;
  label: string;
  at: string;
  reason: string;
  sourceKind: string | null;
  sourceRef: string | null;
  employeeId: string | null;
  from: string | null;
}

/** The sales floor, by name (the demo's and METRC's usual "Sales Floor"). */
export const isFloor = (location: string) => /floor/i.test(location);

/** In the vault: neither on the floor nor in quarantine. */
export const isVault = (location: string) => !isFloor(location) && !/quarantine/i.test(location);

export interface Timelines {
  /** The package's state at `at` (ISO), or undefined before it entered the ledger. */
  stateAt(label: string, at: string): PackageState | undefined;
  /** The newest move of `label` onto the floor at or before `at`. */
  floorMoveBefore(label: string, at: string): FloorMove | undefined;
}

/** Builds the timelines of every package of `site` from the ledger, up to `until` (ISO, exclusive). */
export async function packageTimelines(db: Db, site: string, until: string): Promise<Timelines> {
  const [moves, adjustments] = await Promise.all([
    db
      .selectFrom("movements")
      .select([
        "id",
        "label",
        "at",
        "from_location",
        "to_location",
        "to_status",
        "quantity",
        "reason",
        "source_kind",
        "source_ref",
        "employee_id",
      ])
      .where("site_id", "=", site)
      .where("at", "<", until)
      .orderBy("at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("adjustments")
      .select(["label", "at", "quantity_after", "id"])
      .where("site_id", "=", site)
      .where("at", "<", until)
      .orderBy("at")
      .orderBy("id")
      .execute(),
  ]);
  const states = new Map<string, PackageState[]>();
  const floor = new Map<string, FloorMove[]>();
  const events = [
    ...moves.map((m) => ({ kind: "move" as const, label: m.label, at: m.at, m })),
    ...adjustments.map((a) => ({
      kind: "adjust" as const,
      label: a.label,
      at: a.at,
      quantity: Number(a.quantity_after),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  for (const e of events) {
    const list = states.get(e.label) ?? [];
    const last = list[list.length - 1];
    if (e.kind === "move") {
      list.push({ at: e.at, location: e.m.to_location, status: e.m.to_status, quantity: Number(e.m.quantity) });
      if (isFloor(e.m.to_location) && !(e.m.from_location && isFloor(e.m.from_location))) {
        const f = floor.get(e.label) ?? [];
        f.push({
          id: e.m.id,
          label: e.label,
          at: e.at,
          reason: e.m.reason,
          sourceKind: e.m.source_kind,
          sourceRef: e.m.source_ref,
          employeeId: e.m.employee_id,
          from: e.m.from_location,
        });
        floor.set(e.label, f);
      }
    } else if (last) list.push({ ...last, at: e.at, quantity: e.quantity });
    states.set(e.label, list);
  }
  return {
    stateAt: (label, at) => lastAtOrBefore(states.get(label), at),
    floorMoveBefore: (label, at) => lastAtOrBefore(floor.get(label), at),
  };
}

/** The last entry of a time-ordered list at or before `at` (binary search). */
function lastAtOrBefore<T extends { at: string }>(list: readonly T[] | undefined, at: string): T | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.at <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : undefined;
}
