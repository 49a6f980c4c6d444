/**
 * Station `receive` events → receiving tables, packages and the audit trail, one event per
 * transaction, each event applied once.
 *
 *   receive event ─▶ receiving_applied_events (skip if there) ─▶ receiving_manifests
 *                    ├─ line / completed: receiving_lines (newer decision wins) ─▶ packages ─▶ audit entry
 *                    ├─ rejected-manifest: status rejected + reason ─▶ audit entry
 *                    └─ scan-removed: audit entry (a mistaken scan taken back at the vault; no package changes)
 *   after commit: the changed packages go to the stations as a catalog upsert
 */
import type { Transaction } from "kysely";
import type { StationEvent } from "#contract/messages.js";
import type { LineDecision } from "#contract/receiving.js";
import { appendAuditIn, withRetry } from "#hub/ledger/audit.js";
import type { ReceivingLinesTable, RxDatabase, RxDb } from "./tables.js";
import { transferViews } from "./manifests.js";
import { applyToPackages, type CatalogDelta } from "./vault-packages.js";

type Trx = Transaction<RxDatabase>;
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

function lineRow(e: ReceiveEvent, receivingId: string, manifestNumber: string, l: LineDecision): ReceivingLinesTable {
  return {
    manifest_number: manifestNumber, label: l.label, receiving_id: receivingId, decision: l.decision,
    received_quantity: l.receivedQuantity, unit: l.unit, reason: l.reason ?? null, note: l.note ?? null,
    gross_grams: l.grossGrams ?? null, net_grams: l.netGrams ?? null, location: l.location, unexpected: l.unexpected ? 1 : 0,
    station_id: e.stationId, employee_id: e.employeeId ?? null, event_id: e.id, decided_at: e.at,
  };
}

const SAME_FIELDS = ["decision", "received_quantity", "unit", "reason", "note", "gross_grams", "net_grams", "location", "unexpected"] as const;

/** Records one line decision unless a newer one is stored; audits it when it changed anything. */
async function recordLine(trx: Trx, e: ReceiveEvent, receivingId: string, manifestNumber: string, l: LineDecision, delta: CatalogDelta): Promise<void> {
  const row = lineRow(e, receivingId, manifestNumber, l);
  const prev = await trx.selectFrom("receiving_lines").selectAll().where("manifest_number", "=", manifestNumber).where("label", "=", l.label).executeTakeFirst();
  if (prev && prev.decided_at > row.decided_at) return;
  if (prev && SAME_FIELDS.every((k) => String(prev[k]) === String(row[k]))) return;
  await trx.insertInto("receiving_lines").values(row)
    .onConflict((oc) => oc.columns(["manifest_number", "label"]).doUpdateSet(row))
    .execute();
  await applyToPackages(trx, manifestNumber, l, e.at, delta);
  await appendAuditIn(trx, {
    at: e.at, actor: e.employeeId ?? e.stationId, action: AUDIT_ACTION[l.decision], subject: `package ${l.label}`,
    detail: {
      manifestNumber, receivingId, stationId: e.stationId, eventId: e.id, decision: l.decision, receivedQuantity: l.receivedQuantity,
      unit: l.unit, reason: l.reason, note: l.note, grossGrams: l.grossGrams, netGrams: l.netGrams, location: l.location,
      unexpected: l.unexpected ?? false, ...(prev ? { replaces: { decision: prev.decision, receivedQuantity: Number(prev.received_quantity) } } : {}),
    },
  });
}

/** The manifest's row: created by its first event, its status moved by completed / rejected-manifest. */
async function touchManifest(trx: Trx, e: ReceiveEvent, status: "in-progress" | "completed" | "rejected", reason: string | null): Promise<boolean> {
  const p = e.payload;
  const prev = await trx.selectFrom("receiving_manifests").selectAll().where("manifest_number", "=", p.manifestNumber).executeTakeFirst();
  if (!prev) {
    await trx.insertInto("receiving_manifests").values({
      manifest_number: p.manifestNumber, receiving_id: p.receivingId, status, station_id: e.stationId, employee_id: e.employeeId ?? null,
      started_at: e.at, completed_at: status === "in-progress" ? null : e.at, reject_reason: reason, updated_at: e.at,
    }).execute();
    return status !== "in-progress";
  }
  if (status === "in-progress" || prev.status !== "in-progress") return false;
  await trx.updateTable("receiving_manifests")
    .set({ status, completed_at: e.at, reject_reason: reason, receiving_id: p.receivingId, updated_at: e.at, ...(e.employeeId ? { employee_id: e.employeeId } : {}) })
    .where("manifest_number", "=", p.manifestNumber).execute();
  return true;
}

/**
 * A manifest refused whole goes back to the shipper as shipped: every package on it is held in
 * quarantine at its shipped quantity (a corrected count typed at the vault, even a mistyped 5000,
 * does not follow it back), packages accepted before the refusal included. Returns the labels of
 * those that had been accepted.
 */
async function holdRefused(trx: Trx, manifestNumber: string, at: string, delta: CatalogDelta): Promise<string[]> {
  const view = (await transferViews(trx, { manifestNumbers: [manifestNumber] }))[0];
  const shipped = new Map((view?.packages ?? []).map((p) => [p.label, p]));
  const lines = await trx.selectFrom("receiving_lines").selectAll().where("manifest_number", "=", manifestNumber).where("unexpected", "=", 0).execute();
  for (const l of lines) {
    const as = shipped.get(l.label);
    await applyToPackages(trx, manifestNumber, {
      label: l.label, decision: "reject", receivedQuantity: as?.shippedQuantity ?? Number(l.received_quantity),
      unit: (as?.shippedUnit ?? l.unit) as LineDecision["unit"], location: "Quarantine",
    }, at, delta);
  }
  return lines.filter((l) => l.decision !== "reject").map((l) => l.label);
}

async function applyInTransaction(trx: Trx, e: ReceiveEvent, appliedAt: string): Promise<Applied> {
  const delta: CatalogDelta = { items: [], packages: [] };
  const fresh = await trx.insertInto("receiving_applied_events").values({ event_id: e.id, applied_at: appliedAt })
    .onConflict((oc) => oc.column("event_id").doNothing()).returning("event_id").execute();
  if (fresh.length === 0) return { applied: false, delta, closed: false };
  const p = e.payload;
  if (p.action === "line") {
    await touchManifest(trx, e, "in-progress", null);
    await recordLine(trx, e, p.receivingId, p.manifestNumber, p.line, delta);
    return { applied: true, delta, closed: false };
  }
  if (p.action === "scan-removed") {
    await touchManifest(trx, e, "in-progress", null);
    await appendAuditIn(trx, {
      at: e.at, actor: e.employeeId ?? e.stationId, action: "receiving.scan.removed", subject: `package ${p.label}`,
      detail: { manifestNumber: p.manifestNumber, receivingId: p.receivingId, stationId: e.stationId, eventId: e.id, scans: p.scans },
    });
    return { applied: true, delta, closed: false };
  }
  if (p.action === "completed") {
    await touchManifest(trx, e, "in-progress", null);
    for (const l of p.lines) await recordLine(trx, e, p.receivingId, p.manifestNumber, l, delta);
  }
  const status = p.action === "completed" ? "completed" : "rejected";
  const closed = await touchManifest(trx, e, status, p.action === "rejected-manifest" ? p.reason : null);
  const held = closed && p.action === "rejected-manifest" ? await holdRefused(trx, p.manifestNumber, e.at, delta) : [];
  if (closed) {
    const lines = p.action === "completed" ? p.lines : [];
    await appendAuditIn(trx, {
      at: e.at, actor: e.employeeId ?? e.stationId, action: p.action === "completed" ? "receiving.manifest.completed" : "receiving.manifest.rejected",
      subject: `manifest ${p.manifestNumber}`,
      detail: {
        receivingId: p.receivingId, stationId: e.stationId, eventId: e.id,
        ...(p.action === "rejected-manifest" ? { reason: p.reason, heldInQuarantine: held } : { accepted: lines.filter((l) => l.decision !== "reject").length, rejected: lines.filter((l) => l.decision === "reject").length }),
      },
    });
  }
  return { applied: true, delta, closed };
}

/** Applies one receive event (once: a replay returns applied false and changes nothing). */
export async function applyReceiveEvent(db: RxDb, e: ReceiveEvent, appliedAt: string): Promise<Applied> {
  if (db.isTransaction) return applyInTransaction(db as Trx, e, appliedAt);
  return withRetry(() => (db as Exclude<RxDb, Trx>).transaction().execute((trx) => applyInTransaction(trx, e, appliedAt)));
}

/** Stored receive events not applied yet (a hub stopped between storing and applying), oldest first. */
export async function unappliedReceiveEvents(db: RxDb, limit = 1_000): Promise<Array<{ id: string; type: string; station_id: string; site_id: string; at: string; employee_id: string | null; payload: string }>> {
  return db.selectFrom("events as e")
    .leftJoin("receiving_applied_events as a", "a.event_id", "e.id")
    .select(["e.id", "e.type", "e.station_id", "e.site_id", "e.at", "e.employee_id", "e.payload"])
    .where("e.type", "=", "receive").where("a.event_id", "is", null)
    .orderBy("e.id").limit(limit).execute();
}
