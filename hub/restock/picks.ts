/**
 * One restock pick, as the station reports it: the package moves from its vault shelf to the sales
 * floor through the ledger (a movement `why` "restock.pick", source the request, with its audit
 * entry) and the pick is kept with the request, in one transaction. The location change for the
 * state system is queued after it commits (queueLocationMoves), so a hub stopped in between queues
 * it on its next pass.
 */
import type { Package } from "#contract/domain.js";
import type { StationEvent } from "#contract/messages.js";
import { localDate } from "#contract/facility-time.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import type { LocationMoveWrite } from "#hub/statesystem/port.js";
import { requestRow } from "./requests.js";

type PickPayload = Extract<StationEvent<"restock">["payload"], { action: "pick" }>;

/** What became of a reported pick. */
export type PickOutcome = { ok: true; moved: Package } | { ok: false; reason: string };

/** Why the pick may not move the package, or undefined when it may. */
function refusal(pkg: Package | undefined, p: PickPayload, floor: string): string | undefined {
  if (!pkg) return `package ${p.label} is not in this store's ledger`;
  if (pkg.itemId !== p.itemId) return `package ${p.label} holds ${pkg.itemId}, not ${p.itemId}`;
  if (pkg.status !== "active") return `package ${p.label} is ${pkg.status}: it may not go to the floor`;
  if (pkg.location === floor) return `package ${p.label} is on the floor already`;
  return undefined;
}

/** Records one pick event of `site`; a pick the ledger refuses is kept out (and said why). */
export async function applyPick(
  db: Db,
  site: string,
  event: StationEvent<"restock"> & { payload: PickPayload },
  floor: string,
  recordedAt: string,
): Promise<PickOutcome> {
  const p = event.payload;
  return inTransaction(db, async (trx) => {
    const req = await requestRow(trx, site, p.requestId);
    if (!req) return { ok: false, reason: `restock request ${p.requestId} is unknown` };
    const row = await trx
      .selectFrom("packages")
      .select(["label", "item_id", "status", "location"])
      .where("site_id", "=", site)
      .where("label", "=", p.label)
      .executeTakeFirst();
    const pkg = row
      ? ({ label: row.label, itemId: row.item_id, status: row.status, location: row.location } as Package)
      : undefined;
    const refused = refusal(pkg, p, floor);
    if (refused) return { ok: false, reason: refused };
    const [done] = await recordPackageChanges(
      trx,
      site,
      [
        {
          label: p.label,
          at: event.at,
          why: "restock.pick",
          to: { location: p.toLocation },
          by: {
            actor: event.employeeId ?? event.stationId,
            employeeId: event.employeeId ?? null,
            stationId: event.stationId,
          },
          source: { kind: "restock", ref: p.requestId },
          audit: {
            action: "restock.picked",
            detail: {
              requestId: p.requestId,
              fromLocation: pkg!.location,
              toLocation: p.toLocation,
              ...(p.override ? { override: p.override } : {}),
            },
          },
        },
      ],
      { recordedAt },
    );
    await trx
      .insertInto("restock_picks")
      .values({
        site_id: site,
        request_id: p.requestId,
        label: p.label,
        item_id: p.itemId,
        from_location: pkg!.location,
        to_location: p.toLocation,
        quantity: done!.after.quantity,
        unit: done!.after.unit,
        expected_label: p.override?.expectedLabel ?? null,
        override_reason: p.override?.reason ?? null,
        employee_id: event.employeeId ?? null,
        station_id: event.stationId,
        event_id: event.id,
        picked_at: event.at,
        submission_id: null,
      })
      .onConflict((oc) => oc.columns(["site_id", "request_id", "label"]).doNothing())
      .execute();
    return { ok: true, moved: done!.after };
  });
}

/** A queued write and who asked for it. */
export type Enqueue = (write: LocationMoveWrite, requestedBy: string) => Promise<string>;

/**
 * Queues the state system's location change of every pick of `site` not queued yet (oldest first),
 * and notes each submission id; returns how many were queued.
 */
export async function queueLocationMoves(db: Db, site: string, timeZone: string, enqueue: Enqueue): Promise<number> {
  const waiting = await db
    .selectFrom("restock_picks")
    .select(["request_id", "label", "to_location", "picked_at", "employee_id", "station_id"])
    .where("site_id", "=", site)
    .where("submission_id", "is", null)
    .orderBy("picked_at")
    .execute();
  for (const w of waiting) {
    const write: LocationMoveWrite = {
      kind: "location-move",
      label: w.label,
      location: w.to_location,
      date: localDate(w.picked_at, timeZone),
    };
    const id = await enqueue(write, w.employee_id ?? w.station_id ?? "system");
    await db
      .updateTable("restock_picks")
      .set({ submission_id: id })
      .where("site_id", "=", site)
      .where("request_id", "=", w.request_id)
      .where("label", "=", w.label)
      .execute();
  }
  return waiting.length;
}
