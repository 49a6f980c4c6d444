/**
 * The demo's cycle counts: category counts started for the demo station through hub/counts, each
 * line counted as the station would send it (its `count` events), one line short by a unit (recounted
 * by a second employee should it fall outside tolerance), then approved by the manager with the state system's reason, so
 * the end-of-day report and /counts have approved counts and one adjustment. The counts are for the
 * business days before today, the short one yesterday's: the report kept at start is yesterday's. The hub's first counts
 * pass queues that adjustment to the state system (hub/counts service.ts, lines not queued yet).
 */
import { newId } from "#contract/ids.js";
import type { StationEvent } from "#contract/messages.js";
import { defaultCountsConfig } from "#hub/counts/config.js";
import { createCountsRunner, type CountsRunner } from "#hub/counts/service.js";
import { recordStationStatus } from "#hub/ledger/stations.js";
import { addDays, localDate } from "#contract/facility-time.js";
import { silentLog } from "#hub/log.js";
import { SiteDirectory } from "#hub/sites/directory.js";
import type { Db } from "#hub/store/database.js";
import type { DemoStore } from "./demo-store.js";

/** The demo's station (scripts/demo-stack.ts STATION_ID's default). */
const STATION = "vault-1";
/** How many category counts the history holds. */
const COUNTS = 3;
/** The state system's adjustment reason for a counted difference (METRC's "Inventory Count"). */
const REASON = "Inventory Count";

interface DemoCountsContext {
  db: Db;
  site: string;
  timeZone: string;
  store: DemoStore;
  now?: number | undefined;
  sites?: SiteDirectory | undefined;
}

const employee = (store: DemoStore, role: string, nth = 0) =>
  store.employees.filter((e) => e.role === role)[nth]?.id ?? "demo";

/** The first categories (by name) with packages on hand: what the counts cover. */
async function categoriesOnHand(db: Db, site: string): Promise<string[]> {
  const rows = await db
    .selectFrom("packages as p")
    .innerJoin("items as i", "i.id", "p.item_id")
    .select("i.category")
    .distinct()
    .where("p.site_id", "=", site)
    .where("p.quantity", ">", 0)
    .orderBy("i.category")
    .execute();
  return rows.map((r) => r.category).slice(0, COUNTS);
}

type Lines = Array<{ label: string; snapshot_quantity: number | null; unit: string }>;

function countEvent(
  ctx: DemoCountsContext,
  countId: string,
  line: { label: string; unit: string },
  quantity: number,
  who: { employeeId: string; round: number; roundLines: number },
): StationEvent<"count"> {
  return {
    id: newId(),
    type: "count",
    stationId: STATION,
    siteId: ctx.site,
    at: new Date(ctx.now ?? Date.now()).toISOString(),
    employeeId: who.employeeId,
    payload: {
      countSessionId: countId,
      label: line.label,
      quantity,
      unit: line.unit,
      method: "scan",
      round: who.round,
      roundLines: who.roundLines,
    },
  } as StationEvent<"count">;
}

/** Counts one started count through the station's events; the `short` label one unit short, recounted if asked. */
async function countIt(ctx: DemoCountsContext, runner: CountsRunner, countId: string, short: string | undefined) {
  const lines: Lines = await ctx.db
    .selectFrom("count_lines")
    .select(["label", "snapshot_quantity", "unit"])
    .where("site_id", "=", ctx.site)
    .where("count_id", "=", countId)
    .orderBy("label")
    .execute();
  const first = { employeeId: employee(ctx.store, "coordinator"), round: 1, roundLines: lines.length };
  const counted = (l: Lines[number]) => Number(l.snapshot_quantity ?? 0) - (l.label === short ? 1 : 0);
  runner.eventsStored(lines.map((l) => countEvent(ctx, countId, l, counted(l), first)));
  await runner.settled();
  const recount = await ctx.db
    .selectFrom("count_lines")
    .select(["label", "unit"])
    .where("site_id", "=", ctx.site)
    .where("count_id", "=", countId)
    .where("needs_recount", "=", 1)
    .execute();
  if (recount.length === 0) return;
  // A line outside tolerance is recounted by a different employee: the second coordinator finds the same figure.
  const second = { employeeId: employee(ctx.store, "coordinator", 1), round: 2, roundLines: recount.length };
  const byLabel = new Map(lines.map((l) => [l.label, l]));
  runner.eventsStored(recount.map((l) => countEvent(ctx, countId, l, counted(byLabel.get(l.label)!), second)));
  await runner.settled();
}

/** The first count's line to count one unit short: a count-based package holding at least two. */
async function shortLine(db: Db, site: string, countId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("count_lines")
    .select("label")
    .where("site_id", "=", site)
    .where("count_id", "=", countId)
    .where("unit", "=", "Each")
    .where("snapshot_quantity", ">=", 2)
    .orderBy("label")
    .executeTakeFirst();
  return row?.label;
}

/** Starts, counts and approves the demo's category counts (see the file's head). */
export async function countDemoCategories(ctx: DemoCountsContext): Promise<void> {
  const nowMs = ctx.now ?? Date.now();
  const sites =
    ctx.sites ??
    new SiteDirectory(
      [
        {
          id: ctx.site,
          license: ctx.store.site.licenseNumber,
          timeZone: ctx.timeZone,
          stateSystem: { kind: "simulator" },
        },
      ],
      false,
    );
  const at = new Date(nowMs).toISOString();
  await recordStationStatus(
    ctx.db,
    { id: newId(), type: "state", stationId: STATION, siteId: ctx.site, at, payload: { online: false } },
    at,
  );
  const runner = createCountsRunner({
    db: ctx.db,
    log: silentLog(),
    clock: { now: () => nowMs },
    sites,
    cfg: defaultCountsConfig,
    publish: async () => undefined,
  });
  const manager = employee(ctx.store, "manager");
  for (const [i, category] of (await categoriesOnHand(ctx.db, ctx.site)).entries()) {
    const by = employee(ctx.store, "coordinator");
    const businessDay = addDays(localDate(nowMs, ctx.timeZone), -(i + 1));
    const started = await runner.start(ctx.site, { kind: "category", category, stationId: STATION, by, businessDay });
    if (!started.ok) throw new Error(`demo count of ${category} not started: ${started.reason}`);
    const short = i === 0 ? await shortLine(ctx.db, ctx.site, started.countId) : undefined;
    await countIt(ctx, runner, started.countId, short);
    const approved = await runner.approve(ctx.site, {
      countId: started.countId,
      by: manager,
      reason: REASON,
      decisions: short ? { [short]: "adjust" } : {},
      note: short ? "demo: one unit short at the count" : undefined,
    });
    if (!approved.ok) throw new Error(`demo count of ${category} not approved: ${approved.reason}`);
  }
}
