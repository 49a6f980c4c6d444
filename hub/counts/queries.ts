/**
 * Reads of counts for the dashboard, the JSON API and the other modules (CountsService):
 * sessions, one count's review, approved figures, and accuracy per count and over time.
 */
import type { CountAccuracyRow, CountDaySummary, CountsService, PhysicalFigure } from "#hub/modules.js";
import type { Db } from "#hub/store/database.js";
import { defaultDecision, differenceOf } from "./approve.js";
import { employeeNames } from "./reads.js";
import type { CountLinesTable, CountSessionsTable } from "./tables.js";

/** A count as lists show it. */
export interface CountSummary {
  id: string;
  siteId: string;
  kind: CountSessionsTable["kind"];
  title: string;
  businessDay: string;
  stationId: string | null;
  status: CountSessionsTable["status"];
  round: number;
  snapshotAt: string;
  lines: number;
  counted: number;
  outOfTolerance: number;
  recount: number;
  /** Set once approved. */
  accuracy: number | null;
  approvedBy: string | null;
  approvedAt: string | null;
}

/** One line of a count's review. */
export interface ReviewLine {
  label: string;
  itemName: string;
  category: string;
  class: string;
  location: string;
  unit: string;
  countBy: string;
  unexpected: boolean;
  snapshot: number | null;
  soldSinceSnapshot: number | null;
  expected: number | null;
  counted: number | null;
  firstCounted: number | null;
  firstCountedBy: string | null;
  countedBy: string | null;
  found: boolean | null;
  difference: number | null;
  tolerancePct: number | null;
  withinTolerance: boolean | null;
  needsRecount: boolean;
  recountRefused: string | null;
  /** The manager's decision once approved, else the one the review proposes. */
  decision: "adjust" | "investigate" | "none" | null;
  proposed: "adjust" | "investigate" | "none" | null;
  caseId: string | null;
  submissionId: string | null;
}

export interface CountReview {
  count: CountSummary;
  lines: ReviewLine[];
  /** Lines counted exactly as expected and left out of `lines` (0 with every line asked for). */
  matched: number;
  all: boolean;
}

/** Floating-point noise, not a difference. */
const NOISE = 1e-6;

const num = (v: number | null) => (v === null ? null : Number(v));

function summaryOf(
  s: CountSessionsTable,
  stats?: { lines: number; counted: number; outside: number; recount: number },
): CountSummary {
  return {
    id: s.id,
    siteId: s.site_id,
    kind: s.kind,
    title: s.title,
    businessDay: s.business_day,
    stationId: s.station_id,
    status: s.status,
    round: Number(s.round),
    snapshotAt: s.snapshot_at,
    lines: stats?.lines ?? 0,
    counted: stats?.counted ?? 0,
    outOfTolerance: stats?.outside ?? 0,
    recount: stats?.recount ?? 0,
    accuracy: num(s.accuracy),
    approvedBy: s.approved_by,
    approvedAt: s.approved_at,
  };
}

/** The counts of `sites`, newest first, with their line tallies. */
export async function listCounts(db: Db, sites: readonly string[], limit = 50): Promise<CountSummary[]> {
  if (sites.length === 0) return [];
  const sessions = await db
    .selectFrom("count_sessions")
    .selectAll()
    .where("site_id", "in", [...sites])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  if (sessions.length === 0) return [];
  const stats = await db
    .selectFrom("count_lines")
    .select((eb) => [
      "site_id",
      "count_id",
      eb.fn.countAll<number>().as("lines"),
      eb.fn.count<number>("counted").as("counted"),
      eb.fn.sum<number>(eb.case().when("within_tolerance", "=", 0).then(1).else(0).end()).as("outside"),
      eb.fn.sum<number>("needs_recount").as("recount"),
    ])
    .where("site_id", "in", [...sites])
    .where(
      "count_id",
      "in",
      sessions.map((s) => s.id),
    )
    .groupBy(["site_id", "count_id"])
    .execute();
  const by = new Map(
    stats.map((r) => [
      `${r.site_id}/${r.count_id}`,
      { lines: Number(r.lines), counted: Number(r.counted), outside: Number(r.outside), recount: Number(r.recount) },
    ]),
  );
  return sessions.map((s) => summaryOf(s, by.get(`${s.site_id}/${s.id}`)));
}

function reviewLine(l: CountLinesTable, names: ReadonlyMap<string, string>): ReviewLine {
  const name = (id: string | null) => (id === null ? null : (names.get(id) ?? id));
  return {
    label: l.label,
    itemName: l.item_name,
    category: l.category,
    class: l.class,
    location: l.location,
    unit: l.unit,
    countBy: l.count_by,
    unexpected: Number(l.unexpected) === 1,
    snapshot: num(l.snapshot_quantity),
    soldSinceSnapshot: num(l.sold_since_snapshot),
    expected: num(l.expected),
    counted: num(l.counted),
    firstCounted: num(l.first_counted),
    firstCountedBy: name(l.first_counted_by),
    countedBy: name(l.counted_by),
    found: l.found === null ? null : Number(l.found) === 1,
    difference: differenceOf(l),
    tolerancePct: num(l.tolerance_pct),
    withinTolerance: l.within_tolerance === null ? null : Number(l.within_tolerance) === 1,
    needsRecount: Number(l.needs_recount) === 1,
    recountRefused: l.recount_refused,
    decision: l.decision,
    proposed: l.counted === null ? null : defaultDecision(l),
    caseId: l.case_id,
    submissionId: l.submission_id,
  };
}

/** A count's line tallies, in SQL (a full count holds every package of the store). */
async function lineStats(db: Db, site: string, countId: string) {
  const r = await db
    .selectFrom("count_lines")
    .select((eb) => [
      eb.fn.countAll<number>().as("lines"),
      eb.fn.count<number>("counted").as("counted"),
      eb.fn.sum<number>(eb.case().when("within_tolerance", "=", 0).then(1).else(0).end()).as("outside"),
      eb.fn.sum<number>("needs_recount").as("recount"),
    ])
    .where("site_id", "=", site)
    .where("count_id", "=", countId)
    .executeTakeFirstOrThrow();
  return {
    lines: Number(r.lines),
    counted: Number(r.counted),
    outside: Number(r.outside ?? 0),
    recount: Number(r.recount ?? 0),
  };
}

/**
 * One count for the review: its tallies and, differences first (found unlisted, outside
 * tolerance, then by size), the lines that need a look — not counted, any difference, a recount,
 * a package found — or every line with `all`. `matched` lines (counted exactly as expected) are
 * only counted unless `all`: a full count of 100,000 packages lists what differs, not what agrees.
 */
export async function countReview(
  db: Db,
  site: string,
  countId: string,
  opts: { all?: boolean } = {},
): Promise<CountReview | undefined> {
  const s = await db
    .selectFrom("count_sessions")
    .selectAll()
    .where("site_id", "=", site)
    .where("id", "=", countId)
    .executeTakeFirst();
  if (!s) return undefined;
  let q = db.selectFrom("count_lines").selectAll().where("site_id", "=", site).where("count_id", "=", countId);
  if (!opts.all)
    q = q.where((eb) =>
      eb.or([
        eb("counted", "is", null),
        eb("expected", "is", null),
        eb("within_tolerance", "is", null),
        eb("within_tolerance", "=", 0),
        eb("needs_recount", "=", 1),
        eb("recount_refused", "is not", null),
        eb(eb("counted", "-", eb.ref("expected")), ">", NOISE),
        eb(eb("expected", "-", eb.ref("counted")), ">", NOISE),
      ]),
    );
  const rows = await q.execute();
  const names = await employeeNames(db, [
    ...new Set(rows.flatMap((r) => [r.counted_by ?? "", r.first_counted_by ?? ""])),
  ]);
  const lines = rows.map((r) => reviewLine(r, names));
  const weight = (l: ReviewLine) => (l.unexpected ? 3 : l.withinTolerance === false ? 2 : l.difference ? 1 : 0);
  lines.sort(
    (a, b) =>
      weight(b) - weight(a) ||
      Math.abs(b.difference ?? 0) - Math.abs(a.difference ?? 0) ||
      a.location.localeCompare(b.location) ||
      a.label.localeCompare(b.label),
  );
  const stats = await lineStats(db, site, countId);
  return {
    count: summaryOf(s, stats),
    lines,
    matched: opts.all ? 0 : stats.lines - lines.length,
    all: Boolean(opts.all),
  };
}

/** The sites holding count `countId` among `sites`. */
export async function sitesWithCount(db: Db, sites: readonly string[], countId: string): Promise<string[]> {
  if (sites.length === 0) return [];
  const rows = await db
    .selectFrom("count_sessions")
    .select("site_id")
    .where("site_id", "in", [...sites])
    .where("id", "=", countId)
    .execute();
  return rows.map((r) => r.site_id);
}

function approvedLines(db: Db, site: string) {
  return db
    .selectFrom("count_lines as l")
    .innerJoin("count_sessions as s", (j) => j.onRef("s.site_id", "=", "l.site_id").onRef("s.id", "=", "l.count_id"))
    .where("l.site_id", "=", site)
    .where("s.status", "=", "approved")
    .where("l.counted", "is not", null);
}

/** CountsService (hub/modules.ts) over the counts tables. */
export function countsServiceOf(db: Db): CountsService {
  return {
    async physicalAsOf(site, asOf) {
      const rows = await approvedLines(db, site)
        .select(["l.label", "l.counted", "l.unit", "l.counted_at", "l.count_id"])
        .where("l.counted_at", "<=", asOf)
        .orderBy("l.counted_at")
        .execute();
      const figures = new Map<string, PhysicalFigure>();
      for (const r of rows)
        figures.set(r.label, {
          label: r.label,
          quantity: Number(r.counted),
          unit: r.unit,
          countedAt: r.counted_at!,
          countId: r.count_id,
        });
      const full = await db
        .selectFrom("count_sessions")
        .select(["id", "counted_at"])
        .where("site_id", "=", site)
        .where("kind", "=", "full")
        .where("status", "=", "approved")
        .where("counted_at", "<=", asOf)
        .orderBy("counted_at", "desc")
        .executeTakeFirst();
      if (!full) return { figures: [...figures.values()], lastFullCount: null };
      const found = await db
        .selectFrom("count_lines")
        .select("label")
        .where("site_id", "=", site)
        .where("count_id", "=", full.id)
        .where("found", "=", 1)
        .execute();
      return {
        figures: [...figures.values()],
        lastFullCount: { countId: full.id, countedAt: full.counted_at!, labels: found.map((f) => f.label) },
      };
    },
    async daySummary(site, businessDay): Promise<CountDaySummary> {
      const rows = await approvedLines(db, site)
        .select(["l.count_id", "l.within_tolerance"])
        .where("s.business_day", "=", businessDay)
        .execute();
      const out = rows.filter((r) => Number(r.within_tolerance) !== 1).length;
      return {
        sessions: new Set(rows.map((r) => r.count_id)).size,
        linesCounted: rows.length,
        linesOutOfTolerance: out,
        accuracy: rows.length === 0 ? 1 : (rows.length - out) / rows.length,
      };
    },
    async accuracyRows(site, from, to): Promise<CountAccuracyRow[]> {
      const rows = await approvedLines(db, site)
        .select([
          "l.count_id",
          "s.business_day",
          "l.label",
          "l.item_id",
          "l.category",
          "l.counted_by",
          "l.expected",
          "l.counted",
          "l.unit",
          "l.within_tolerance",
        ])
        .where("s.business_day", ">=", from)
        .where("s.business_day", "<=", to)
        .orderBy("s.business_day")
        .orderBy("l.label")
        .execute();
      return rows.map((r) => ({
        countId: r.count_id,
        businessDay: r.business_day,
        label: r.label,
        itemId: r.item_id ?? "",
        category: r.category,
        employeeId: r.counted_by ?? "",
        expected: Number(r.expected ?? 0),
        counted: Number(r.counted),
        unit: r.unit,
        withinTolerance: Number(r.within_tolerance) === 1,
      }));
    },
  };
}

/** Accuracy of the approved counts of `site`, oldest first (the page's "over time"). */
export async function accuracyOverTime(
  db: Db,
  site: string,
  limit = 30,
): Promise<{ businessDay: string; title: string; accuracy: number }[]> {
  const rows = await db
    .selectFrom("count_sessions")
    .select(["business_day", "title", "accuracy"])
    .where("site_id", "=", site)
    .where("status", "=", "approved")
    .orderBy("approved_at", "desc")
    .limit(limit)
    .execute();
  return rows
    .reverse()
    .map((r) => ({ businessDay: r.business_day, title: r.title, accuracy: Number(r.accuracy ?? 1) }));
}
