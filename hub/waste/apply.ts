/**
 * One `waste` event applied at its site: checked again on the hub (the package, the quantity,
 * the reason and what the state requires with it, the witness), then in one transaction the
 * ledger's adjustment (source kind "waste", with its audit entry), the waste record and the
 * queued AdjustmentWrite. A waste the hub cannot record is kept as refused, with the reason and
 * an audit entry, and changes nothing.
 */
import type { StationEvent } from "#contract/messages.js";
import type { WastePayload } from "#contract/vault-ops.js";
import { appendAudit } from "#hub/ledger/audit.js";
import { findPackage } from "#hub/ledger/catalog.js";
import { doorSessionAt } from "#hub/ledger/events.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import {
  activeEmployeeName,
  localDate,
  nudgeQueue,
  queueInTransaction,
  reasonRefusal,
  siteReasons,
  type VaultOpsDeps,
} from "./context.js";
import type { WasteRecordsTable } from "./tables.js";

type WasteEvent = StationEvent<"waste">;

/** Why the waste cannot be recorded as sent, or null. */
async function refusalOf(
  db: Db,
  site: string,
  e: WasteEvent,
  held: number | null,
  unit: string | null,
): Promise<string | null> {
  const p = e.payload;
  if (held === null) return `package ${p.label} is not in this site's ledger`;
  if (unit !== p.unit) return `package ${p.label} is counted in ${unit}, the waste in ${p.unit}`;
  if (p.quantity > held + 1e-9)
    return `${p.quantity} ${p.unit} is more than package ${p.label} holds (${held} ${unit})`;
  if (!e.employeeId) return "nobody was signed in at the station: a waste needs the employee who made it";
  if (p.witnessId === e.employeeId) return "the witness is the employee who wasted it: a second employee must witness";
  if (!(await activeEmployeeName(db, p.witnessId))) return `witness ${p.witnessId} is not an active employee`;
  const reason = await reasonRefusal(db, site, p.reason, p.note);
  if (reason) return reason;
  const needsWeight = (await siteReasons(db, site)).find(
    (r) => r.name.toLowerCase() === p.reason.toLowerCase(),
  )?.requiresWasteWeight;
  if (needsWeight && (!p.wasteMethod || !(p.weighing.netGrams > 0)))
    return `the state needs the waste's weight and method with the reason "${p.reason}"`;
  return null;
}

/** The note the state system gets: the person's note, then the waste weight, method and witness. */
export function stateNote(p: WastePayload, witnessName: string): string {
  const parts = [
    p.note?.trim(),
    `Waste weight ${p.weighing.netGrams.toFixed(2)} g`,
    p.wasteMethod ? `method ${p.wasteMethod}` : undefined,
    `witnessed by ${witnessName}`,
  ].filter((x): x is string => Boolean(x));
  return parts.join("; ").slice(0, 500);
}

function recordRow(site: string, e: WasteEvent, over: Partial<WasteRecordsTable>, at: string): WasteRecordsTable {
  const p = e.payload;
  return {
    site_id: site,
    id: p.wasteId,
    event_id: e.id,
    label: p.label,
    item_id: null,
    quantity: p.quantity,
    unit: p.unit,
    gross_grams: p.weighing.grossGrams,
    tare_grams: p.weighing.tareGrams,
    net_grams: p.weighing.netGrams,
    reason: p.reason,
    note: p.note ?? null,
    waste_method: p.wasteMethod ?? null,
    employee_id: e.employeeId ?? null,
    witness_id: p.witnessId,
    station_id: e.stationId,
    door_session_id: p.doorSessionId ?? null,
    at: e.at,
    state: "recorded",
    refusal: null,
    adjustment_id: null,
    submission_id: null,
    recorded_at: at,
    ...over,
  };
}

/** Applies one waste event at `site` once; what came of it. */
export async function applyWaste(
  deps: VaultOpsDeps,
  site: string,
  e: WasteEvent,
): Promise<"recorded" | "refused" | "known"> {
  const { db } = deps;
  const p = e.payload;
  const known = await db
    .selectFrom("waste_records")
    .select("id")
    .where("site_id", "=", site)
    .where("id", "=", p.wasteId)
    .executeTakeFirst();
  if (known) return "known";
  const now = new Date(deps.clock.now()).toISOString();
  const found = await findPackage(db, site, p.label);
  const refusal = await refusalOf(db, site, e, found?.pkg.quantity ?? null, found?.pkg.unit ?? null);
  const doorSessionId = p.doorSessionId ?? (await doorSessionAt(db, e.stationId, e.at));
  if (refusal) {
    await inTransaction(db, async (trx) => {
      await trx
        .insertInto("waste_records")
        .values(recordRow(site, e, { state: "refused", refusal, door_session_id: doorSessionId }, now))
        .execute();
      await appendAudit(trx, {
        actor: e.employeeId ?? e.stationId,
        action: "waste.refused",
        subject: `package ${p.label}`,
        at: e.at,
        detail: { site, wasteId: p.wasteId, refusal },
      });
    });
    deps.log.warn({ site, wasteId: p.wasteId, label: p.label, refusal }, "waste refused");
    return "refused";
  }
  const pkg = found!.pkg;
  const witnessName = (await activeEmployeeName(db, p.witnessId)) ?? p.witnessId;
  const note = stateNote(p, witnessName);
  const employeeId = e.employeeId!;
  const after = await inTransaction(db, async (trx) => {
    const [change] = await recordPackageChanges(
      trx,
      site,
      [
        {
          label: p.label,
          to: { quantity: Math.round((pkg.quantity - p.quantity) * 1e6) / 1e6 },
          at: e.at,
          why: "waste",
          by: { actor: employeeId, employeeId, stationId: e.stationId, doorSessionId },
          source: { kind: "waste", ref: p.wasteId },
          adjustment: { reason: p.reason, note },
          audit: {
            action: "waste.recorded",
            detail: {
              wasteId: p.wasteId,
              witnessId: p.witnessId,
              weighing: p.weighing,
              wasteMethod: p.wasteMethod ?? null,
            },
          },
        },
      ],
      { recordedAt: now },
    );
    const submission = await queueInTransaction(
      deps,
      trx,
      site,
      {
        kind: "adjustment",
        label: p.label,
        quantity: -p.quantity,
        unit: p.unit,
        reason: p.reason,
        date: localDate(deps, site, e.at),
        note,
      },
      employeeId,
    );
    await trx
      .insertInto("waste_records")
      .values(
        recordRow(
          site,
          e,
          {
            item_id: pkg.itemId,
            door_session_id: doorSessionId,
            adjustment_id: change?.adjustmentId ?? null,
            submission_id: submission,
          },
          now,
        ),
      )
      .execute();
    return change?.after;
  });
  nudgeQueue(deps, site);
  if (after)
    await deps.ledger
      .publishCatalogChange({ site, packages: [after] })
      .catch((err: unknown) => deps.log.warn({ err, site }, "wasted package not sent to the stations"));
  return "recorded";
}
