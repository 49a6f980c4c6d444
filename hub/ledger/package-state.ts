/**
 * The one writer of package state. Receiving, the state-system sync, the quarantine hold and the
 * stations' catalog changes all come through here; nothing else in the hub writes the `packages`
 * table (hub/boundaries.test.ts holds that).
 *
 *   changes ─▶ stored packages ─▶ planChange (package-change.ts) ─▶ one transaction:
 *              audit entry per change ─▶ movement (location/status) ─▶ adjustment (quantity) ─▶ packages row
 */
import type { Package } from "#contract/domain.js";
import { newId } from "#contract/ids.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import { appendAuditBatchIn, type NewAuditEntry } from "./audit.js";
import { packageFromRow, packageRow } from "./catalog.js";
import { doorSessionAt } from "./events.js";
import {
  changesSomething,
  defaultAction,
  describeChange,
  planChange,
  type PackageChange,
  type PlannedChange,
} from "./package-change.js";
import type { AdjustmentsTable, MovementsTable } from "./tables.js";

export type { ChangedBy, PackageChange } from "./package-change.js";

/** What one change did. */
export interface RecordedChange {
  label: string;
  /** The package before (null: it entered the ledger with this change) and after. */
  before: Package | null;
  after: Package;
  movementId: string | null;
  adjustmentId: string | null;
  /** The audit entry written for it; null when nothing changed and no entry was asked for. */
  auditSeq: number | null;
}

const CHUNK = 300;

async function storedPackages(db: Db, site: string, labels: readonly string[]): Promise<Map<string, Package>> {
  const out = new Map<string, Package>();
  const unique = [...new Set(labels)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom("packages")
      .selectAll()
      .where("site_id", "=", site)
      .where("label", "in", unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.label, packageFromRow(r));
  }
  return out;
}

/** Plans every change in order; a later change of the same label builds on the earlier one. */
function planAll(changes: readonly PackageChange[], stored: Map<string, Package>): PlannedChange[] {
  const current = new Map(stored);
  return changes.map((c) => {
    const plan = planChange(c, current.get(c.label) ?? null);
    current.set(c.label, plan.after);
    return plan;
  });
}

/** The audit entry of one change; its detail names the site, as a label is a package only within one. */
function auditEntryFor(site: string, p: PlannedChange): NewAuditEntry | undefined {
  const c = p.change;
  if (!c.audit && !changesSomething(p)) return undefined;
  return {
    at: c.at,
    actor: c.by.actor,
    action: c.audit?.action ?? defaultAction(p),
    subject: c.audit?.subject ?? `package ${c.label}`,
    detail: { ...c.audit?.detail, site, change: describeChange(p) },
  };
}

function movementRow(
  site: string,
  p: PlannedChange,
  auditSeq: number,
  doorSessionId: string | null,
  recordedAt: string,
): MovementsTable {
  const c = p.change;
  return {
    id: newId(),
    label: c.label,
    at: c.at,
    from_location: p.before?.location ?? null,
    from_status: p.before?.status ?? null,
    to_location: p.after.location,
    to_status: p.after.status,
    quantity: p.after.quantity,
    unit: p.after.unit,
    reason: c.why,
    actor: c.by.actor,
    employee_id: c.by.employeeId ?? null,
    station_id: c.by.stationId ?? null,
    site_id: site,
    door_session_id: doorSessionId,
    source_kind: c.source?.kind ?? null,
    source_ref: c.source?.ref ?? null,
    audit_seq: auditSeq,
    recorded_at: recordedAt,
  };
}

function adjustmentRow(site: string, p: PlannedChange, auditSeq: number, recordedAt: string): AdjustmentsTable {
  const c = p.change;
  return {
    id: newId(),
    label: c.label,
    at: c.at,
    quantity_before: p.before!.quantity,
    quantity_after: p.after.quantity,
    unit: p.after.unit,
    reason: c.adjustment!.reason,
    note: c.adjustment!.note ?? null,
    actor: c.by.actor,
    employee_id: c.by.employeeId ?? null,
    station_id: c.by.stationId ?? null,
    site_id: site,
    source_kind: c.source?.kind ?? null,
    source_ref: c.source?.ref ?? null,
    audit_seq: auditSeq,
    recorded_at: recordedAt,
  };
}

/** The door session of a station's move: given, or the one open on that station when it happened. */
async function doorSessionOf(db: Db, p: PlannedChange): Promise<string | null> {
  const by = p.change.by;
  if (by.doorSessionId !== undefined) return by.doorSessionId;
  return by.stationId ? doorSessionAt(db, by.stationId, p.change.at) : null;
}

/** Writes the packages rows: new ones inserted, changed ones updated, each once with its final state. */
async function writePackages(
  db: Db,
  site: string,
  plans: readonly PlannedChange[],
  stored: Map<string, Package>,
): Promise<void> {
  const final = new Map<string, PlannedChange>();
  for (const p of plans) if (changesSomething(p)) final.set(p.change.label, p);
  const fresh = [...final.values()]
    .filter((p) => !stored.has(p.change.label))
    .map((p) => packageRow(site, p.after, p.change.at));
  for (let i = 0; i < fresh.length; i += CHUNK)
    await db
      .insertInto("packages")
      .values(fresh.slice(i, i + CHUNK))
      .execute();
  for (const p of final.values()) {
    if (!stored.has(p.change.label)) continue;
    const { label, site_id, ...row } = packageRow(site, p.after, p.change.at);
    await db.updateTable("packages").set(row).where("site_id", "=", site_id).where("label", "=", label).execute();
  }
}

/**
 * Records changes to packages of `site` (a label names a package within one site): for each, its audit entry, a movement when the location or status
 * changes, an adjustment when the quantity does (refused with LEDGER_REFUSED without the state
 * system's reason; nothing is then written), and the packages row — all in `db`'s transaction
 * when it is one, else in one of its own. A change that changes nothing writes nothing unless it
 * names its audit entry. A movement and an adjustment made by one change share its audit entry.
 */
export async function recordPackageChanges(
  db: Db,
  site: string,
  changes: readonly PackageChange[],
  opts: { recordedAt?: string } = {},
): Promise<RecordedChange[]> {
  if (changes.length === 0) return [];
  return inTransaction(db, async (trx) => {
    const recordedAt = opts.recordedAt ?? new Date().toISOString();
    const stored = await storedPackages(
      trx,
      site,
      changes.map((c) => c.label),
    );
    const plans = planAll(changes, stored);
    const wanted = plans.map((p) => auditEntryFor(site, p));
    const written = await appendAuditBatchIn(
      trx,
      wanted.filter((e): e is NewAuditEntry => e !== undefined),
    );
    const movements: MovementsTable[] = [];
    const adjustments: AdjustmentsTable[] = [];
    let next = 0;
    const recorded: RecordedChange[] = [];
    for (const [i, p] of plans.entries()) {
      const seq = wanted[i] ? written[next++]!.seq : null;
      const movement =
        p.moves && seq !== null ? movementRow(site, p, seq, await doorSessionOf(trx, p), recordedAt) : null;
      const adjustment = p.adjusts && seq !== null ? adjustmentRow(site, p, seq, recordedAt) : null;
      if (movement) movements.push(movement);
      if (adjustment) adjustments.push(adjustment);
      recorded.push({
        label: p.change.label,
        before: p.before,
        after: p.after,
        movementId: movement?.id ?? null,
        adjustmentId: adjustment?.id ?? null,
        auditSeq: seq,
      });
    }
    for (let i = 0; i < movements.length; i += CHUNK)
      await trx
        .insertInto("movements")
        .values(movements.slice(i, i + CHUNK))
        .execute();
    for (let i = 0; i < adjustments.length; i += CHUNK)
      await trx
        .insertInto("adjustments")
        .values(adjustments.slice(i, i + CHUNK))
        .execute();
    await writePackages(trx, site, plans, stored);
    return recorded;
  });
}
