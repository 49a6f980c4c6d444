/**
 * A station's count events, applied to their count: each line's figure, a package found that the
 * list did not name (recorded, never dropped), a recount refused when the employee who counted
 * first does it again, and the round closed once the station sent all of it: lines outside
 * tolerance are asked for a recount, else the count waits for the manager's review.
 *
 *   count event ─▶ line (round 1: first figure; round 2+: the recount, by another employee)
 *               ─▶ expected = snapshot − POS sales since it, up to the count ─▶ within tolerance?
 *               ─▶ round complete? ─▶ recount (round + 1) | review
 */
import type { StationEvent } from "#contract/messages.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import type { CountsConfig } from "./config.js";
import { employeeNames, packagesToCount, salesSince } from "./reads.js";
import { UNCOUNTED } from "./start.js";
import type { CountLinesTable, CountSessionsTable } from "./tables.js";
import { expectedAtCount, tolerancePct, withinTolerance } from "./tolerance.js";

export type ApplyOutcome =
  | { applied: false; reason: string }
  | { applied: true; countId: string; stationId: string | null; statusChanged: boolean };

type Line = CountLinesTable;
type Payload = StationEvent<"count">["payload"];

const iso = (at: string) => new Date(at).toISOString();

/** The line for a package the count did not list: from the ledger when it knows the label. */
async function unexpectedLine(trx: Db, session: CountSessionsTable, p: Payload): Promise<Line> {
  const [known] = await packagesToCount(trx, session.site_id, { label: p.label });
  return {
    site_id: session.site_id,
    count_id: session.id,
    label: p.label,
    item_id: known?.itemId ?? null,
    item_name: known?.itemName ?? "not in the ledger",
    category: known?.category ?? "unknown",
    class: "C",
    location: known?.location ?? "unknown",
    unit: known?.unit ?? p.unit,
    count_by: p.method === "weight" ? "weight" : "units",
    unit_weight_grams: null,
    container_tare_grams: null,
    snapshot_quantity: null,
    unexpected: 1,
    ...UNCOUNTED,
  };
}

/** The figure of one reported line, and its verdict against what the ledger expected then. */
async function figure(
  trx: Db,
  session: CountSessionsTable,
  line: Line,
  ev: StationEvent<"count">,
  cfg: CountsConfig,
): Promise<Partial<Line>> {
  const p = ev.payload;
  const countedAt = iso(ev.at);
  const set: Partial<Line> = {
    counted: p.quantity,
    counted_at: countedAt,
    counted_by: ev.employeeId ?? null,
    method: p.method,
    found: p.found === false ? 0 : 1,
    gross_grams: p.grossGrams ?? null,
    tare_grams: p.tareGrams ?? null,
    counted_round: p.round ?? 1,
    recount_refused: null,
    needs_recount: 0,
  };
  if (line.snapshot_quantity === null) return set;
  const sales = (await salesSince(trx, session.site_id, [line.label], session.snapshot_at)).get(line.label) ?? [];
  const expected = expectedAtCount({ quantity: line.snapshot_quantity, at: session.snapshot_at }, sales, countedAt);
  const pct = tolerancePct(line.class as "A" | "B" | "C", line.count_by, cfg);
  return {
    ...set,
    expected,
    sold_since_snapshot: Math.round((line.snapshot_quantity - expected) * 1e6) / 1e6,
    tolerance_pct: pct,
    within_tolerance: withinTolerance(expected, p.quantity, pct) ? 1 : 0,
  };
}

/** Applies one line of the round the count is in; a recount by its first counter is refused, with the reason kept. */
async function applyLine(
  trx: Db,
  session: CountSessionsTable,
  ev: StationEvent<"count">,
  cfg: CountsConfig,
): Promise<string | undefined> {
  const p = ev.payload;
  const round = p.round ?? 1;
  const update = () =>
    trx
      .updateTable("count_lines")
      .where("site_id", "=", session.site_id)
      .where("count_id", "=", session.id)
      .where("label", "=", p.label);
  let line = await trx
    .selectFrom("count_lines")
    .selectAll()
    .where("site_id", "=", session.site_id)
    .where("count_id", "=", session.id)
    .where("label", "=", p.label)
    .executeTakeFirst();
  if (round === 1 && !line) {
    line = await unexpectedLine(trx, session, p);
    await trx.insertInto("count_lines").values(line).execute();
  }
  if (!line) return `package ${p.label} is not on count ${session.id}`;
  if (round > 1) {
    if (line.needs_recount !== 1) return `package ${p.label} was not asked for a recount`;
    if (!ev.employeeId || ev.employeeId === line.first_counted_by) {
      const names = await employeeNames(trx, [line.first_counted_by ?? ""]);
      const who = names.get(line.first_counted_by ?? "") ?? line.first_counted_by ?? "the first counter";
      const reason = `recount refused: ${who} counted this package first, so a different employee must recount it`;
      await update().set({ recount_refused: reason, seen_round: round }).execute();
      return reason;
    }
  }
  const set = await figure(trx, session, line, ev, cfg);
  if (round === 1) Object.assign(set, { first_counted: p.quantity, first_counted_by: ev.employeeId ?? null });
  await update()
    .set({ ...set, seen_round: round })
    .execute();
  return undefined;
}

/** Closes the round once the station sent all its lines: recount what is outside tolerance, else review. */
async function closeRound(
  trx: Db,
  session: CountSessionsTable,
  roundLines: number | undefined,
  now: string,
): Promise<boolean> {
  const lines = await trx
    .selectFrom("count_lines")
    .selectAll()
    .where("site_id", "=", session.site_id)
    .where("count_id", "=", session.id)
    .execute();
  const seen = lines.filter((l) => Number(l.seen_round) === session.round).length;
  const listed = lines.filter((l) => Number(l.unexpected) === 0);
  const complete =
    roundLines !== undefined
      ? seen >= roundLines
      : session.round === 1
        ? listed.every((l) => l.counted !== null)
        : lines.every((l) => Number(l.needs_recount) === 0);
  if (!complete) return false;
  const outside = session.round === 1 ? listed.filter((l) => Number(l.within_tolerance) === 0) : [];
  const refused = lines.filter((l) => Number(l.needs_recount) === 1);
  if (outside.length > 0)
    await trx
      .updateTable("count_lines")
      .set({ needs_recount: 1 })
      .where("site_id", "=", session.site_id)
      .where("count_id", "=", session.id)
      .where(
        "label",
        "in",
        outside.map((l) => l.label),
      )
      .execute();
  const recount = outside.length > 0 || refused.length > 0;
  const set = recount
    ? { status: "recount" as const, round: session.round + 1, updated_at: now }
    : { status: "review" as const, counted_at: now, updated_at: now };
  await trx
    .updateTable("count_sessions")
    .set(set)
    .where("site_id", "=", session.site_id)
    .where("id", "=", session.id)
    .execute();
  await appendAuditIn(trx, {
    at: now,
    actor: session.station_id ?? "system",
    action: recount ? "count.recount.asked" : "count.counted",
    subject: `count ${session.id}`,
    detail: { site: session.site_id, round: session.round, recount: [...outside, ...refused].map((l) => l.label) },
  });
  return true;
}

/** Applies one count event of `site` once (see the file's head). */
export async function applyCountEvent(
  db: Db,
  site: string,
  ev: StationEvent<"count">,
  cfg: CountsConfig,
  now: string,
): Promise<ApplyOutcome> {
  return inTransaction(db, async (trx) => {
    const done = await trx
      .selectFrom("count_applied_events")
      .select("event_id")
      .where("event_id", "=", ev.id)
      .executeTakeFirst();
    if (done) return { applied: false, reason: "already applied" };
    await trx.insertInto("count_applied_events").values({ event_id: ev.id, applied_at: now }).execute();
    const session = await trx
      .selectFrom("count_sessions")
      .selectAll()
      .where("site_id", "=", site)
      .where("id", "=", ev.payload.countSessionId)
      .executeTakeFirst();
    if (!session) return { applied: false, reason: `no count ${ev.payload.countSessionId} at site ${site}` };
    if (session.status !== "counting" && session.status !== "recount")
      return { applied: false, reason: `count ${session.id} is ${session.status}: the line came too late` };
    if ((ev.payload.round ?? 1) !== Number(session.round))
      return {
        applied: false,
        reason: `count ${session.id} is in round ${session.round}, the line is of round ${ev.payload.round ?? 1}`,
      };
    const refused = await applyLine(trx, { ...session, round: Number(session.round) }, ev, cfg);
    await appendAuditIn(trx, {
      at: iso(ev.at),
      actor: ev.employeeId ?? ev.stationId,
      action: refused ? "count.line.refused" : "count.line.counted",
      subject: `package ${ev.payload.label}`,
      detail: {
        site,
        countId: session.id,
        round: ev.payload.round ?? 1,
        quantity: ev.payload.quantity,
        unit: ev.payload.unit,
        method: ev.payload.method,
        unexpected: ev.payload.unexpected ?? false,
        ...(refused ? { refused } : {}),
      },
    });
    const statusChanged = await closeRound(
      trx,
      { ...session, round: Number(session.round) },
      ev.payload.roundLines,
      now,
    );
    return { applied: true, countId: session.id, stationId: session.station_id, statusChanged };
  });
}
