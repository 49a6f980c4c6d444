/**
 * One `split` event applied at its site: new packages made from a bulk one. Checked again on the
 * hub (the source, fresh tags, quantities that add up, the difference's reason), then in one
 * transaction: each new package enters the ledger and the source gives up what went into them
 * (source kind "split"), a difference beyond the scale's tolerance becomes its own adjustment
 * with the reason the kiosk asked for (kind "waste" or "split"), and the state system's package
 * creation — and the difference's adjustment — are queued. A split the hub cannot record is kept
 * as refused, with the reason and an audit entry, and changes nothing.
 */
import type { Package } from "#contract/domain.js";
import type { StationEvent } from "#contract/messages.js";
import { appendAudit } from "#hub/ledger/audit.js";
import { findPackage } from "#hub/ledger/catalog.js";
import { doorSessionAt } from "#hub/ledger/events.js";
import { recordPackageChanges, type PackageChange } from "#hub/ledger/package-state.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import { localDate, nudgeQueue, queueInTransaction, reasonRefusal, type VaultOpsDeps } from "#hub/waste/context.js";
import type { SplitRecordsTable } from "./tables.js";

type SplitEvent = StationEvent<"split">;

/** Quantities closer than this are equal (floating-point noise), in the package's unit. */
const EPSILON = 1e-6;

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const total = (e: SplitEvent) => round(e.payload.packages.reduce((s, p) => s + p.quantity, 0));

/** Why the split cannot be recorded as sent, or null. */
async function refusalOf(db: Db, site: string, e: SplitEvent, src: Package | undefined): Promise<string | null> {
  const p = e.payload;
  if (!src) return `source package ${p.source} is not in this site's ledger`;
  if (src.status !== "active") return `source package ${p.source} is ${src.status}, not active`;
  if (src.unit !== p.unit) return `source package ${p.source} is counted in ${src.unit}, the split in ${p.unit}`;
  if (!e.employeeId) return "nobody was signed in at the station: a split needs the employee who made it";
  const labels = p.packages.map((x) => x.label);
  if (new Set(labels).size !== labels.length) return "a tag is used for two new packages";
  if (labels.includes(p.source)) return `the source's own tag ${p.source} cannot be a new package`;
  for (const label of labels)
    if (await findPackage(db, site, label)) return `tag ${label} is already a package at this site`;
  const diff = p.difference?.quantity ?? 0;
  const left = round(p.sourceBefore - p.sourceRemaining);
  // Within the scale's tolerance the station sends no difference: the crumbs stay on the source's books.
  if (p.difference && Math.abs(left - (total(e) + diff)) > EPSILON)
    return `the split does not add up: ${left} ${p.unit} left the source, the new packages and the difference hold ${round(total(e) + diff)}`;
  if (src.quantity - total(e) - diff < -EPSILON)
    return `${round(total(e) + diff)} ${p.unit} is more than source ${p.source} holds (${src.quantity} ${src.unit})`;
  return p.difference ? reasonRefusal(db, site, p.difference.reason, p.difference.note) : null;
}

/** The ledger changes of a split: the new packages, the source giving them up, the difference. */
function changesOf(e: SplitEvent, src: Package, date: string, doorSessionId: string | null): PackageChange[] {
  const p = e.payload;
  const by = { actor: e.employeeId!, employeeId: e.employeeId!, stationId: e.stationId, doorSessionId };
  const source = { kind: "split" as const, ref: p.splitId };
  const made: PackageChange[] = p.packages.map((n) => ({
    label: n.label,
    to: {
      itemId: src.itemId,
      quantity: n.quantity,
      unit: src.unit,
      location: src.location,
      status: "active",
      labState: src.labState,
      packagedDate: date,
      ...(src.expirationDate ? { expirationDate: src.expirationDate } : {}),
      ...(src.batch ? { batch: src.batch } : {}),
    },
    at: e.at,
    why: "split.created",
    by,
    source,
    audit: { action: "split.package.created", detail: { splitId: p.splitId, from: p.source, method: n.method } },
  }));
  const taken: PackageChange = {
    label: p.source,
    to: { quantity: round(src.quantity - total(e)) },
    at: e.at,
    why: "split.source",
    by,
    source,
    adjustment: { reason: "Split into new packages", note: `into ${p.packages.map((n) => n.label).join(", ")}` },
    audit: { action: "split.source.taken", detail: { splitId: p.splitId, packages: p.packages.length } },
  };
  if (!p.difference) return [...made, taken];
  const d = p.difference;
  const difference: PackageChange = {
    label: p.source,
    to: { quantity: round(src.quantity - total(e) - d.quantity) },
    at: e.at,
    why: "split.difference",
    by,
    source: { kind: d.kind === "waste" ? "waste" : "split", ref: p.splitId },
    adjustment: { reason: d.reason, note: d.note },
    audit: { action: "split.difference", detail: { splitId: p.splitId, kind: d.kind, quantity: d.quantity } },
  };
  return [...made, taken, difference];
}

function recordRow(
  site: string,
  e: SplitEvent,
  before: number,
  over: Partial<SplitRecordsTable>,
  now: string,
): SplitRecordsTable {
  const p = e.payload;
  return {
    site_id: site,
    id: p.splitId,
    event_id: e.id,
    source: p.source,
    unit: p.unit,
    source_before: before,
    source_remaining: p.sourceRemaining,
    packages: JSON.stringify(p.packages),
    difference: p.difference ? JSON.stringify(p.difference) : null,
    employee_id: e.employeeId ?? null,
    station_id: e.stationId,
    door_session_id: p.doorSessionId ?? null,
    at: e.at,
    state: "recorded",
    refusal: null,
    create_submission_id: null,
    difference_submission_id: null,
    recorded_at: now,
    ...over,
  };
}

/** Applies one split event at `site` once; what came of it. */
export async function applySplit(
  deps: VaultOpsDeps,
  site: string,
  e: SplitEvent,
): Promise<"recorded" | "refused" | "known"> {
  const { db } = deps;
  const p = e.payload;
  const known = await db
    .selectFrom("split_records")
    .select("id")
    .where("site_id", "=", site)
    .where("id", "=", p.splitId)
    .executeTakeFirst();
  if (known) return "known";
  const now = new Date(deps.clock.now()).toISOString();
  const found = await findPackage(db, site, p.source);
  const refusal = await refusalOf(db, site, e, found?.pkg);
  const doorSessionId = p.doorSessionId ?? (await doorSessionAt(db, e.stationId, e.at));
  const before = found?.pkg.quantity ?? p.sourceBefore;
  if (refusal) {
    await inTransaction(db, async (trx) => {
      await trx
        .insertInto("split_records")
        .values(recordRow(site, e, before, { state: "refused", refusal, door_session_id: doorSessionId }, now))
        .execute();
      await appendAudit(trx, {
        actor: e.employeeId ?? e.stationId,
        action: "split.refused",
        subject: `package ${p.source}`,
        at: e.at,
        detail: { site, splitId: p.splitId, refusal },
      });
    });
    deps.log.warn({ site, splitId: p.splitId, source: p.source, refusal }, "package split refused");
    return "refused";
  }
  const src = found!.pkg;
  const date = localDate(deps, site, e.at);
  const changed = await inTransaction(db, async (trx) => {
    const recorded = await recordPackageChanges(trx, site, changesOf(e, src, date, doorSessionId), { recordedAt: now });
    const create = await queueInTransaction(
      deps,
      trx,
      site,
      {
        kind: "package-create",
        label: p.source,
        itemName: found!.item?.name ?? src.itemId,
        location: src.location,
        date,
        packages: p.packages.map((n) => ({ label: n.label, quantity: n.quantity, unit: src.unit })),
        ...(src.expirationDate ? { expirationDate: src.expirationDate } : {}),
      },
      e.employeeId!,
    );
    const d = p.difference;
    const diff = d
      ? await queueInTransaction(
          deps,
          trx,
          site,
          {
            kind: "adjustment",
            label: p.source,
            quantity: -d.quantity,
            unit: src.unit,
            reason: d.reason,
            date,
            ...(d.note ? { note: d.note } : {}),
          },
          e.employeeId!,
        )
      : null;
    await trx
      .insertInto("split_records")
      .values(
        recordRow(
          site,
          e,
          before,
          { door_session_id: doorSessionId, create_submission_id: create, difference_submission_id: diff },
          now,
        ),
      )
      .execute();
    return recorded;
  });
  nudgeQueue(deps, site);
  const final = new Map(changed.map((c) => [c.label, c.after]));
  await deps.ledger
    .publishCatalogChange({ site, packages: [...final.values()] })
    .catch((err: unknown) => deps.log.warn({ err, site }, "split packages not sent to the stations"));
  return "recorded";
}
