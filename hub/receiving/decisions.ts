/**
 * Station `receive` events → receiving tables, packages and the audit trail, one event per
 * transaction, each event applied once.
 *
 *   receive event ─▶ receiving_applied_events (skip if there) ─▶ receiving_manifests
 *                    ├─ line / completed: receiving_lines (newer decision wins) ─▶ ledger: package, movement,
 *                    │                    adjustment and the decision's audit entry
 *                    ├─ rejected-manifest: status rejected + reason ─▶ every shipped package to quarantine ─▶ audit entry
 *                    └─ scan-removed: audit entry (a mistaken scan taken back at the vault; no package changes)
 *   after commit: the changed packages go to the stations as a catalog upsert
 */
import type { Transaction } from "kysely";
import type { StationEvent } from "#contract/messages.js";
import type { LineDecision } from "#contract/receiving.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import { inTransaction } from "#hub/store/transaction.js";
import type { ReceivingLinesTable } from "./tables.js";
import { transferViews } from "./manifests.js";
import { applyToPackages, type CatalogDelta } from "./vault-packages.js";
import type { Database, Db } from "#hub/store/database.js";

type Trx = Transaction<Database>;
type ReceiveEvent = StationEvent<"receive">;

/** What applying one event did. */
export interface Applied {
  /** False when the event had been applied before (a replay). */
  applied: boolean;
  delta: CatalogDelta;
  /** The manifest was completed or refused: it leaves the stations' open list. */
  closed: boolean;
}

const AUDIT_ACTION: Record<LineDecision["decision"], string> = {
  accept: "receiving.line.accepted",
  "accept-corrected": "receiving.line.accepted-corrected",
  reject: "receiving.line.rejected",
};

function lineRow(
  site: string,
  e: ReceiveEvent,
  receivingId: string,
  manifestNumber: string,
  l: LineDecision,
): ReceivingLinesTable {
  return {
    site_id: site,
    manifest_number: manifestNumber,
    label: l.label,
    receiving_id: receivingId,
    decision: l.decision,
    received_quantity: l.receivedQuantity,
    unit: l.unit,
    reason: l.reason ?? null,
    note: l.note ?? null,
    gross_grams: l.grossGrams ?? null,
    net_grams: l.netGrams ?? null,
    location: l.location,
    unexpected: l.unexpected ? 1 : 0,
    station_id: e.stationId,
    employee_id: e.employeeId ?? null,
    event_id: e.id,
    decided_at: e.at,
  };
}

const SAME_FIELDS = [
  "decision",
  "received_quantity",
  "unit",
  "reason",
  "note",
  "gross_grams",
  "net_grams",
  "location",
  "unexpected",
] as const;

/** Records one line decision unless a newer one is stored; audits it when it changed anything. */
async function recordLine(
  trx: Trx,
  site: string,
  e: ReceiveEvent,
  receivingId: string,
  manifestNumber: string,
  l: LineDecision,
  delta: CatalogDelta,
): Promise<void> {
  const row = lineRow(site, e, receivingId, manifestNumber, l);
  const prev = await trx
    .selectFrom("receiving_lines")
    .selectAll()
    .where("site_id", "=", site)
    .where("manifest_number", "=", manifestNumber)
    .where("label", "=", l.label)
    .executeTakeFirst();
  if (prev && prev.decided_at > row.decided_at) return;
  if (prev && SAME_FIELDS.every((k) => String(prev[k]) === String(row[k]))) return;
  await trx
    .insertInto("receiving_lines")
    .values(row)
    .onConflict((oc) => oc.columns(["site_id", "manifest_number", "label"]).doUpdateSet(row))
    .execute();
  await applyToPackages(trx, site, manifestNumber, l, e, delta, {
    audit: {
      action: AUDIT_ACTION[l.decision],
      detail: {
        manifestNumber,
        receivingId,
        stationId: e.stationId,
        eventId: e.id,
        decision: l.decision,
        receivedQuantity: l.receivedQuantity,
        unit: l.unit,
        reason: l.reason,
        note: l.note,
        grossGrams: l.grossGrams,
        netGrams: l.netGrams,
        location: l.location,
        unexpected: l.unexpected ?? false,
        ...(prev ? { replaces: { decision: prev.decision, receivedQuantity: Number(prev.received_quantity) } } : {}),
      },
    },
  });
}

/** The manifest's row: created by its first event, its status moved by completed / rejected-manifest. */
async function touchManifest(
  trx: Trx,
  site: string,
  e: ReceiveEvent,
  status: "in-progress" | "completed" | "rejected",
  reason: string | null,
): Promise<boolean> {
  const p = e.payload;
  const prev = await trx
    .selectFrom("receiving_manifests")
    .selectAll()
    .where("site_id", "=", site)
    .where("manifest_number", "=", p.manifestNumber)
    .executeTakeFirst();
  if (!prev) {
    await trx
      .insertInto("receiving_manifests")
      .values({
        site_id: site,
        manifest_number: p.manifestNumber,
        receiving_id: p.receivingId,
        status,
        station_id: e.stationId,
        employee_id: e.employeeId ?? null,
        started_at: e.at,
        completed_at: status === "in-progress" ? null : e.at,
        reject_reason: reason,
        updated_at: e.at,
      })
      .execute();
    return status !== "in-progress";
  }
  if (status === "in-progress" || prev.status !== "in-progress") return false;
  await trx
    .updateTable("receiving_manifests")
    .set({
      status,
      completed_at: e.at,
      reject_reason: reason,
      receiving_id: p.receivingId,
      updated_at: e.at,
      ...(e.employeeId ? { employee_id: e.employeeId } : {}),
    })
    .where("site_id", "=", site)
    .where("manifest_number", "=", p.manifestNumber)
    .execute();
  return true;
}

/**
 * A manifest refused whole goes back to the shipper as shipped: every package on it is held in
 * quarantine at its shipped quantity (a corrected count typed at the vault, even a mistyped 5000,
 * does not follow it back), packages accepted before the refusal included. Returns the labels of
 * those that had been accepted.
 */
async function holdRefused(
  trx: Trx,
  site: string,
  e: ReceiveEvent,
  manifestNumber: string,
  delta: CatalogDelta,
): Promise<string[]> {
  const view = (await transferViews(trx, site, { manifestNumbers: [manifestNumber] }))[0];
  const shipped = new Map((view?.packages ?? []).map((p) => [p.label, p]));
  const lines = await trx
    .selectFrom("receiving_lines")
    .selectAll()
    .where("site_id", "=", site)
    .where("manifest_number", "=", manifestNumber)
    .where("unexpected", "=", 0)
    .execute();
  for (const l of lines) {
    const as = shipped.get(l.label);
    await applyToPackages(
      trx,
      site,
      manifestNumber,
      {
        label: l.label,
        decision: "reject",
        receivedQuantity: as?.shippedQuantity ?? Number(l.received_quantity),
        unit: (as?.shippedUnit ?? l.unit) as LineDecision["unit"],
        location: "Quarantine",
      },
      e,
      delta,
      { why: "receiving.manifest-refused" },
    );
  }
  return lines.filter((l) => l.decision !== "reject").map((l) => l.label);
}

async function applyInTransaction(trx: Trx, site: string, e: ReceiveEvent, appliedAt: string): Promise<Applied> {
  const delta: CatalogDelta = { items: [], packages: [] };
  const fresh = await trx
    .insertInto("receiving_applied_events")
    .values({ event_id: e.id, applied_at: appliedAt })
    .onConflict((oc) => oc.column("event_id").doNothing())
    .returning("event_id")
    .execute();
  if (fresh.length === 0) return { applied: false, delta, closed: false };
  const p = e.payload;
  if (p.action === "line") {
    await touchManifest(trx, site, e, "in-progress", null);
    await recordLine(trx, site, e, p.receivingId, p.manifestNumber, p.line, delta);
    return { applied: true, delta, closed: false };
  }
  if (p.action === "scan-removed") {
    await touchManifest(trx, site, e, "in-progress", null);
    await appendAuditIn(trx, {
      at: e.at,
      actor: e.employeeId ?? e.stationId,
      action: "receiving.scan.removed",
      subject: `package ${p.label}`,
      detail: {
        site,
        manifestNumber: p.manifestNumber,
        receivingId: p.receivingId,
        stationId: e.stationId,
        eventId: e.id,
        scans: p.scans,
      },
    });
    return { applied: true, delta, closed: false };
  }
  if (p.action === "completed") {
    await touchManifest(trx, site, e, "in-progress", null);
    for (const l of p.lines) await recordLine(trx, site, e, p.receivingId, p.manifestNumber, l, delta);
  }
  const status = p.action === "completed" ? "completed" : "rejected";
  const closed = await touchManifest(trx, site, e, status, p.action === "rejected-manifest" ? p.reason : null);
  const held =
    closed && p.action === "rejected-manifest" ? await holdRefused(trx, site, e, p.manifestNumber, delta) : [];
  if (closed) {
    const lines = p.action === "completed" ? p.lines : [];
    await appendAuditIn(trx, {
      at: e.at,
      actor: e.employeeId ?? e.stationId,
      action: p.action === "completed" ? "receiving.manifest.completed" : "receiving.manifest.rejected",
      subject: `manifest ${p.manifestNumber}`,
      detail: {
        site,
        receivingId: p.receivingId,
        stationId: e.stationId,
        eventId: e.id,
        ...(p.action === "rejected-manifest"
          ? { reason: p.reason, heldInQuarantine: held }
          : {
              accepted: lines.filter((l) => l.decision !== "reject").length,
              rejected: lines.filter((l) => l.decision === "reject").length,
            }),
      },
    });
  }
  return { applied: true, delta, closed };
}

/**
 * Applies one receive event of a station at `site` (once: a replay returns applied false and
 * changes nothing). The manifest, its lines and its packages are `site`'s.
 */
export async function applyReceiveEvent(db: Db, site: string, e: ReceiveEvent, appliedAt: string): Promise<Applied> {
  return inTransaction(db, (trx) => applyInTransaction(trx, site, e, appliedAt));
}

/** Stored receive events not applied yet (a hub stopped between storing and applying), oldest first. */
export async function unappliedReceiveEvents(
  db: Db,
  limit = 1_000,
): Promise<
  Array<{
    id: string;
    type: string;
    station_id: string;
    site_id: string;
    at: string;
    employee_id: string | null;
    payload: string;
  }>
> {
  return db
    .selectFrom("events as e")
    .leftJoin("receiving_applied_events as a", "a.event_id", "e.id")
    .select(["e.id", "e.type", "e.station_id", "e.site_id", "e.at", "e.employee_id", "e.payload"])
    .where("e.type", "=", "receive")
    .where("a.event_id", "is", null)
    .orderBy("e.id")
    .limit(limit)
    .execute();
}
