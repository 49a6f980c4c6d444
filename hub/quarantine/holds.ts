/**
 * Quarantine holds in the ledger. A hold moves the package to the quarantine shelf with status
 * `quarantine` (unsellable: `GET /api/packages?sellable=true` leaves it out) through the ledger;
 * its release needs a coordinator's ask and a manager's approval (someone other than who asked),
 * and puts it back where it was, active. Each step writes its audit entry in the same transaction,
 * and the location change the state system needs is written with it (quarantine_state_writes),
 * to be queued once it committed.
 */
import type { Package } from "#contract/domain.js";
import { newId } from "#contract/ids.js";
import { localDate } from "#contract/facility-time.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import { packageFromRow } from "#hub/ledger/catalog.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import type { LocationMoveWrite } from "#hub/statesystem/port.js";

/** A step refused: the HTTP status that says why, and the words. */
export type Refused = { ok: false; status: 404 | 409 | 422; reason: string };
export type Done = { ok: true; pkg: Package; holdId: string };

export interface HoldInput {
  holdId?: string | undefined;
  label: string;
  reason: string;
  note?: string | null | undefined;
  location: string;
  /** Employee id (or station id when nobody was signed in). */
  by: string;
  employeeId?: string | null;
  stationId?: string | null;
  at: string;
  timeZone: string;
}

async function openHold(db: Db, site: string, label: string) {
  return db
    .selectFrom("quarantine_holds")
    .selectAll()
    .where("site_id", "=", site)
    .where("label", "=", label)
    .where("status", "!=", "released")
    .executeTakeFirst();
}

async function writeFor(db: Db, site: string, w: LocationMoveWrite, by: string, at: string): Promise<void> {
  await db
    .insertInto("quarantine_state_writes")
    .values({
      id: newId(),
      site_id: site,
      payload: JSON.stringify(w),
      requested_by: by,
      created_at: at,
      submission_id: null,
    })
    .execute();
}

/** True when the vault rejected the package on a manifest (receiving keeps those in quarantine). */
async function rejectedOnManifest(db: Db, site: string, label: string): Promise<boolean> {
  const row = await db
    .selectFrom("receiving_lines as l")
    .innerJoin("receiving_manifests as m", (j) =>
      j.onRef("m.site_id", "=", "l.site_id").onRef("m.manifest_number", "=", "l.manifest_number"),
    )
    .select("l.label")
    .where("l.site_id", "=", site)
    .where("l.label", "=", label)
    .where((eb) => eb.or([eb("l.decision", "=", "reject"), eb("m.status", "=", "rejected")]))
    .executeTakeFirst();
  return row !== undefined;
}

/** Puts a package of `site` in quarantine; refused when unknown, already held, or gone from the vault. */
export async function holdPackage(db: Db, site: string, h: HoldInput): Promise<Done | Refused> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("packages")
      .select(["status", "location"])
      .where("site_id", "=", site)
      .where("label", "=", h.label)
      .executeTakeFirst();
    if (!row) return { ok: false, status: 404, reason: `package ${h.label} is not in this store's ledger` };
    const held = await openHold(trx, site, h.label);
    if (held)
      return {
        ok: false,
        status: 409,
        reason: `package ${h.label} is in quarantine already (${held.reason}, since ${held.held_at})`,
      };
    if (row.status === "finished" || row.status === "inactive")
      return { ok: false, status: 409, reason: `package ${h.label} is ${row.status}: it is no longer in the vault` };
    const holdId = h.holdId ?? newId();
    const [done] = await recordPackageChanges(trx, site, [
      {
        label: h.label,
        at: h.at,
        why: "quarantine.hold",
        to: { status: "quarantine", location: h.location },
        by: { actor: h.by, employeeId: h.employeeId ?? null, stationId: h.stationId ?? null },
        source: { kind: "quarantine", ref: holdId },
        audit: {
          action: "quarantine.held",
          detail: { holdId, reason: h.reason, note: h.note ?? null, fromLocation: row.location },
        },
      },
    ]);
    await trx
      .insertInto("quarantine_holds")
      .values({
        site_id: site,
        id: holdId,
        label: h.label,
        reason: h.reason,
        note: h.note ?? null,
        location: h.location,
        from_location: row.location,
        from_status: row.status === "quarantine" ? "active" : row.status,
        status: "held",
        held_by: h.by,
        held_at: h.at,
        station_id: h.stationId ?? null,
        release_asked_by: null,
        release_asked_at: null,
        release_note: null,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        released_to: null,
        updated_at: h.at,
      })
      .execute();
    if (row.location !== h.location)
      await writeFor(
        trx,
        site,
        { kind: "location-move", label: h.label, location: h.location, date: localDate(h.at, h.timeZone) },
        h.by,
        h.at,
      );
    return { ok: true, pkg: done!.after, holdId };
  });
}

/** The coordinator asks for a package's release; it stays held until a manager approves. */
export async function askRelease(
  db: Db,
  site: string,
  r: { label: string; by: string; note: string; at: string },
): Promise<{ ok: true; holdId: string } | Refused> {
  return inTransaction(db, async (trx) => {
    const held = await openHold(trx, site, r.label);
    if (!held) return { ok: false, status: 404, reason: `package ${r.label} is not in quarantine` };
    if (held.status === "release-asked")
      return {
        ok: false,
        status: 409,
        reason: `its release was asked already, by ${held.release_asked_by}: a manager decides`,
      };
    if (!r.note.trim()) return { ok: false, status: 422, reason: "say why it may be released: the manager reads it" };
    await trx
      .updateTable("quarantine_holds")
      .set({
        status: "release-asked",
        release_asked_by: r.by,
        release_asked_at: r.at,
        release_note: r.note,
        updated_at: r.at,
      })
      .where("site_id", "=", site)
      .where("id", "=", held.id)
      .execute();
    await appendAuditIn(trx, {
      at: r.at,
      actor: r.by,
      action: "quarantine.release.asked",
      subject: `package ${r.label}`,
      detail: { site, holdId: held.id, note: r.note },
    });
    return { ok: true, holdId: held.id };
  });
}

export interface Decision {
  holdId: string;
  /** The manager's employee id. */
  by: string;
  approve: boolean;
  note?: string | undefined;
  /** Where the package goes on release; default where it was before the hold. */
  to?: string | undefined;
  at: string;
  timeZone: string;
}

/** A manager approves (the package goes back, active) or denies (it stays held) a release that was asked for. */
export async function decideRelease(db: Db, site: string, d: Decision): Promise<Done | Refused> {
  return inTransaction(db, async (trx) => {
    const held = await trx
      .selectFrom("quarantine_holds")
      .selectAll()
      .where("site_id", "=", site)
      .where("id", "=", d.holdId)
      .executeTakeFirst();
    if (!held || held.status === "released") return { ok: false, status: 404, reason: "no such hold in quarantine" };
    if (held.status !== "release-asked")
      return {
        ok: false,
        status: 409,
        reason: `nobody asked to release ${held.label}: the coordinator asks first, then a manager approves`,
      };
    if (d.approve && (await rejectedOnManifest(trx, site, held.label)))
      return {
        ok: false,
        status: 409,
        reason: `${held.label} was rejected on a manifest: it goes back to the shipper, not to a shelf`,
      };
    if (held.release_asked_by === d.by)
      return { ok: false, status: 409, reason: "you asked for this release: another manager must approve it" };
    const common = { decided_by: d.by, decided_at: d.at, decision_note: d.note ?? null, updated_at: d.at };
    if (!d.approve) {
      await trx
        .updateTable("quarantine_holds")
        .set({ ...common, status: "held" })
        .where("site_id", "=", site)
        .where("id", "=", held.id)
        .execute();
      await appendAuditIn(trx, {
        at: d.at,
        actor: d.by,
        action: "quarantine.release.denied",
        subject: `package ${held.label}`,
        detail: { site, holdId: held.id, note: d.note ?? null },
      });
      const pkg = await trx
        .selectFrom("packages")
        .selectAll()
        .where("site_id", "=", site)
        .where("label", "=", held.label)
        .executeTakeFirstOrThrow();
      return { ok: true, pkg: packageFromRow(pkg), holdId: held.id };
    }
    const to = d.to?.trim() || held.from_location;
    const [done] = await recordPackageChanges(trx, site, [
      {
        label: held.label,
        at: d.at,
        why: "quarantine.release",
        to: { status: "active", location: to },
        by: { actor: d.by, employeeId: d.by },
        source: { kind: "quarantine", ref: held.id },
        audit: {
          action: "quarantine.released",
          detail: { holdId: held.id, askedBy: held.release_asked_by, approvedBy: d.by, note: d.note ?? null },
        },
      },
    ]);
    await trx
      .updateTable("quarantine_holds")
      .set({ ...common, status: "released", released_to: to })
      .where("site_id", "=", site)
      .where("id", "=", held.id)
      .execute();
    if (held.location !== to)
      await writeFor(
        trx,
        site,
        { kind: "location-move", label: held.label, location: to, date: localDate(d.at, d.timeZone) },
        d.by,
        d.at,
      );
    return { ok: true, pkg: done!.after, holdId: held.id };
  });
}

/** Hands the location changes not queued yet to the submission queue; returns how many. */
export async function queueStateWrites(
  db: Db,
  site: string,
  enqueue: (w: LocationMoveWrite, by: string) => Promise<string>,
): Promise<number> {
  const rows = await db
    .selectFrom("quarantine_state_writes")
    .selectAll()
    .where("site_id", "=", site)
    .where("submission_id", "is", null)
    .orderBy("id")
    .execute();
  for (const r of rows) {
    const id = await enqueue(JSON.parse(r.payload) as LocationMoveWrite, r.requested_by);
    await db.updateTable("quarantine_state_writes").set({ submission_id: id }).where("id", "=", r.id).execute();
  }
  return rows.length;
}
