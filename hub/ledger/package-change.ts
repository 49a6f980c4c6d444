/**
 * What a change does to one package, worked out without I/O: the package after it, whether it
 * moves (location or status), whether its quantity changes (an adjustment, which needs the state
 * system's reason), which other facts change, and the audit entry's words for it.
 */
import type { Package } from "#contract/domain.js";
import { HubError } from "#hub/errors.js";
import type { SourceKind } from "./tables.js";

/** Who made a change (as the audit entry names them) and from where. */
export interface ChangedBy {
  /** The audit actor: an employee id, a station id, `statesystem` or `system`. */
  actor: string;
  employeeId?: string | null;
  stationId?: string | null;
  /** The vault door session; looked up from the station's door events when a station is named and this is left out. */
  doorSessionId?: string | null;
}

/** The manifest, count, sync or catalog change a change came from. */
export interface ChangeSource {
  kind: SourceKind;
  /** Manifest number, count id. */
  ref?: string | null;
}

/** One change to one package, as a module asks the ledger for it. */
export interface PackageChange {
  label: string;
  /** What the package is to be: every field for a package the ledger does not hold yet, else the ones that change. */
  to: Partial<Omit<Package, "label">>;
  /** When it happened, ISO-8601 (the station's time for a decision at the vault). */
  at: string;
  /** Why its location or status changes, in the ledger's words (`receiving.accepted`, `statesystem.status`…). */
  why: string;
  by: ChangedBy;
  source?: ChangeSource;
  /** The state system's adjustment reason and a note: required when the quantity of a package the ledger holds changes. */
  adjustment?: { reason: string; note?: string | undefined };
  /** The stored status stays when it is one of these (a sync never lifts the vault's own quarantine). */
  keepStatus?: readonly Package["status"][];
  /** The audit entry recording the act (always written); without one the ledger writes its own when anything changed. */
  audit?: { action: string; subject?: string; detail?: Record<string, unknown> };
}

/** The outcome of one change, before anything is written. */
export interface PlannedChange {
  change: PackageChange;
  before: Package | null;
  after: Package;
  moves: boolean;
  adjusts: boolean;
  /** Other facts that changed: field → [before, after]. */
  facts: Record<string, [unknown, unknown]>;
}

const REQUIRED = ["itemId", "quantity", "unit", "location", "status", "labState", "packagedDate"] as const;
const FACTS = ["itemId", "unit", "labState", "packagedDate", "expirationDate", "batch"] as const;

/** Quantities closer than this are the same (floating-point noise, not a change), in the package's unit. */
const SAME_QUANTITY = 1e-9;

function added(c: PackageChange): Package {
  const missing = REQUIRED.filter((k) => c.to[k] === undefined);
  if (missing.length > 0) {
    throw new HubError(
      `package ${c.label} is not in the ledger; adding it needs ${missing.join(", ")}`,
      "LEDGER_REFUSED",
      { context: { label: c.label, missing } },
    );
  }
  return { ...(c.to as Omit<Package, "label">), label: c.label };
}

/** Works out one change over the stored package (null: the ledger does not hold it). */
export function planChange(c: PackageChange, before: Package | null): PlannedChange {
  if (!before) return { change: c, before, after: added(c), moves: true, adjusts: false, facts: {} };
  const given = Object.fromEntries(Object.entries(c.to).filter(([, v]) => v !== undefined)) as Partial<Package>;
  const after: Package = { ...before, ...given, label: c.label };
  if (c.keepStatus?.includes(before.status)) after.status = before.status;
  const adjusts = Math.abs(after.quantity - before.quantity) > SAME_QUANTITY;
  if (adjusts && !c.adjustment?.reason) {
    throw new HubError(
      `package ${c.label}: quantity ${before.quantity} → ${after.quantity} ${after.unit} needs the state system's adjustment reason`,
      "LEDGER_REFUSED",
      { context: { label: c.label, before: before.quantity, after: after.quantity } },
    );
  }
  const facts: PlannedChange["facts"] = {};
  for (const k of FACTS) if (before[k] !== after[k]) facts[k] = [before[k] ?? null, after[k] ?? null];
  return {
    change: c,
    before,
    after,
    moves: after.location !== before.location || after.status !== before.status,
    adjusts,
    facts,
  };
}

/** True when the change alters anything the ledger holds. */
export function changesSomething(p: PlannedChange): boolean {
  return p.moves || p.adjusts || Object.keys(p.facts).length > 0;
}

/** The audit entry's detail about the change itself: why, from what, to what. */
export function describeChange(p: PlannedChange): Record<string, unknown> {
  const state = (pkg: Package) => ({
    location: pkg.location,
    status: pkg.status,
    quantity: pkg.quantity,
    unit: pkg.unit,
  });
  return {
    why: p.change.why,
    ...(p.change.source ? { source: { kind: p.change.source.kind, ref: p.change.source.ref ?? null } } : {}),
    from: p.before ? state(p.before) : null,
    to: state(p.after),
    ...(p.adjusts
      ? { adjustment: { reason: p.change.adjustment!.reason, note: p.change.adjustment!.note ?? null } }
      : {}),
    ...(Object.keys(p.facts).length > 0 ? { facts: p.facts } : {}),
  };
}

/** The ledger's own audit action for a change nobody named: added, moved, adjusted or updated. */
export function defaultAction(p: PlannedChange): string {
  if (!p.before) return "package.added";
  if (p.moves) return "package.moved";
  if (p.adjusts) return "package.adjusted";
  return "package.updated";
}
