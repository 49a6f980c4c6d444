/**
 * Starting a count: which packages (the day's schedule, every package, or one category), the
 * snapshot of the ledger's quantities at that moment, the station it is assigned to, and its
 * audit entry — all in one transaction.
 */
import { newId } from "#contract/ids.js";
import { appendAuditIn } from "#hub/ledger/audit.js";
import type { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import { inTransaction } from "#hub/store/transaction.js";
import { classifyItems, type CountClass } from "./classing.js";
import type { CountsConfig } from "./config.js";
import { itemFacts, packagesToCount, stationsOf, type PackageToCount } from "./reads.js";
import { scheduledItems } from "./schedule.js";
import type { CountLinesTable, CountSessionsTable } from "./tables.js";

export interface StartRequest {
  kind: "cycle" | "full" | "category";
  /** The category of a category count. */
  category?: string | undefined;
  /** Facility-local YYYY-MM-DD the count is for. */
  businessDay: string;
  /** The station to count at; the site's first online station when left out. */
  stationId?: string | undefined;
  /** Employee id of who asked (or `system` for the schedule). */
  by: string;
}

export type StartOutcome =
  { ok: true; countId: string; stationId: string; lines: number } | { ok: false; reason: string };

export interface StartDeps {
  db: Db;
  site: string;
  sites: SiteDirectory;
  cfg: CountsConfig;
  /** Now, ISO-8601: the snapshot's time. */
  now: string;
}

const CHUNK = 200;

/** Classes every item of the site from its sales and stock, and stores the classes. */
export async function classifySite(deps: StartDeps, today: string): Promise<Map<string, CountClass>> {
  const classes = classifyItems(await itemFacts(deps.db, deps.site, today, deps.cfg.velocityDays), deps.cfg);
  await inTransaction(deps.db, async (trx) => {
    await trx.deleteFrom("count_classes").where("site_id", "=", deps.site).execute();
    const rows = classes.map((c) => ({
      site_id: deps.site,
      item_id: c.itemId,
      class: c.class,
      score: c.score,
      velocity: c.velocity,
      value: c.value,
      risk: c.risk,
      classed_at: deps.now,
    }));
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto("count_classes")
        .values(rows.slice(i, i + CHUNK))
        .execute();
  });
  return new Map(classes.map((c) => [c.itemId, c.class]));
}

function titleOf(req: StartRequest): string {
  const day = new Date(`${req.businessDay}T12:00:00Z`).toLocaleDateString("en-US", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  if (req.kind === "full") return `Full count · ${day}`;
  if (req.kind === "category") return `Category count: ${req.category} · ${day}`;
  return `Cycle count · ${day}`;
}

async function choosePackages(
  deps: StartDeps,
  req: StartRequest,
  classes: Map<string, CountClass>,
): Promise<PackageToCount[] | string> {
  const weighCategories = deps.cfg.countByWeightCategories;
  if (req.kind === "full") return packagesToCount(deps.db, deps.site, { weighCategories });
  if (req.kind === "category") {
    if (!req.category) return "a category count needs its category";
    return packagesToCount(deps.db, deps.site, { category: req.category, weighCategories });
  }
  const existing = await deps.db
    .selectFrom("count_sessions")
    .select("id")
    .where("site_id", "=", deps.site)
    .where("kind", "=", "cycle")
    .where("business_day", "=", req.businessDay)
    .where("status", "!=", "cancelled")
    .executeTakeFirst();
  if (existing) return `the cycle count of ${req.businessDay} exists already (${existing.id})`;
  return packagesToCount(deps.db, deps.site, {
    itemIds: scheduledItems(req.businessDay, classes, deps.cfg),
    weighCategories,
  });
}

/** The columns of a line no one has counted yet: no figure, no verdict, no decision, nothing submitted. */
export const UNCOUNTED = {
  counted: null,
  counted_at: null,
  counted_by: null,
  method: null,
  found: null,
  gross_grams: null,
  tare_grams: null,
  counted_round: null,
  first_counted: null,
  first_counted_by: null,
  expected: null,
  sold_since_snapshot: null,
  within_tolerance: null,
  tolerance_pct: null,
  seen_round: null,
  needs_recount: 0,
  recount_refused: null,
  decision: null,
  adjustment_id: null,
  submission_id: null,
  case_id: null,
} as const satisfies Partial<CountLinesTable>;

function lineRow(site: string, countId: string, p: PackageToCount, cls: CountClass): CountLinesTable {
  return {
    site_id: site,
    count_id: countId,
    label: p.label,
    item_id: p.itemId,
    item_name: p.itemName,
    category: p.category,
    class: cls,
    location: p.location,
    unit: p.unit,
    count_by: p.countBy,
    unit_weight_grams: p.unitWeightGrams,
    container_tare_grams: p.containerTareGrams,
    snapshot_quantity: p.quantity,
    unexpected: 0,
    ...UNCOUNTED,
  };
}

/** Starts a count (see the file's head); refused with the reason when there is nothing to count or nowhere to count it. */
export async function startCount(deps: StartDeps, req: StartRequest): Promise<StartOutcome> {
  const classes = await classifySite(deps, req.businessDay);
  const chosen = await choosePackages(deps, req, classes);
  if (typeof chosen === "string") return { ok: false, reason: chosen };
  if (chosen.length === 0)
    return {
      ok: false,
      reason:
        req.kind === "cycle" ? `nothing is scheduled to count on ${req.businessDay}` : "no package on hand to count",
    };
  const stations = await stationsOf(deps.db, deps.sites, deps.site);
  const stationId = req.stationId ?? stations[0]?.id;
  if (!stationId) return { ok: false, reason: `no station of site ${deps.site} is known yet: connect one first` };
  if (req.stationId && !stations.some((s) => s.id === req.stationId))
    return { ok: false, reason: `station ${req.stationId} is not a station of site ${deps.site}` };
  const countId = newId();
  const session: CountSessionsTable = {
    site_id: deps.site,
    id: countId,
    kind: req.kind,
    title: titleOf(req),
    category: req.category ?? null,
    business_day: req.businessDay,
    station_id: stationId,
    status: "counting",
    round: 1,
    snapshot_at: deps.now,
    created_by: req.by,
    created_at: deps.now,
    counted_at: null,
    approved_by: null,
    approved_at: null,
    accuracy: null,
    updated_at: deps.now,
  };
  const rows = chosen.map((p) => lineRow(deps.site, countId, p, classes.get(p.itemId) ?? "C"));
  await inTransaction(deps.db, async (trx) => {
    await trx.insertInto("count_sessions").values(session).execute();
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto("count_lines")
        .values(rows.slice(i, i + CHUNK))
        .execute();
    await appendAuditIn(trx, {
      at: deps.now,
      actor: req.by,
      action: "count.started",
      subject: `count ${countId}`,
      detail: {
        site: deps.site,
        kind: req.kind,
        category: req.category ?? null,
        businessDay: req.businessDay,
        stationId,
        packages: rows.length,
      },
    });
  });
  return { ok: true, countId, stationId, lines: rows.length };
}
