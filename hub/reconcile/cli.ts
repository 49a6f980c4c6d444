/**
 * `vaultline-hub reconcile --date YYYY-MM-DD [--site ID]`: runs that business day of the site (the
 * default site without --site) and prints one JSON object {date, site, runId, summary, lines};
 * exit 0 when the run completed, 2 on usage (no or bad date, a site the hub does not serve).
 * The run is stored like any other (trigger "cli"). The CLI runs without the hub's other modules,
 * so it compares the POS, the state system as last synced, the ledger and receiving; physical
 * figures and cases come with runs inside the running hub (its schedule, the dashboard, the API).
 */
import { parseArgs } from "node:util";
import type { CliIo, HubCommand } from "#hub/cli/types.js";
import { systemClock } from "#hub/clock.js";
import { loadConfig, type HubConfig } from "#hub/config.js";
import { silentLog } from "#hub/log.js";
import type { Site } from "#hub/sites/site.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import { isCalendarDate } from "#contract/facility-time.js";
import { reconcileDay } from "./service.js";

const SUMMARY = "reconcile --date YYYY-MM-DD [--site ID]";

function readArgs(args: string[], cfg: HubConfig): { day: string; site: Site } | string {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { date: { type: "string" }, site: { type: "string" } } }));
  } catch (err) {
    return (err as Error).message;
  }
  if (!values.date) return "--date YYYY-MM-DD is required";
  if (!isCalendarDate(values.date))
    return `--date must be a business day like 2026-11-01, not "${values.date.slice(0, 20)}"`;
  const site = values.site === undefined ? cfg.sites[0]! : cfg.sites.find((s) => s.id === values.site);
  if (!site)
    return `site "${values.site!.slice(0, 64)}" is not served by this hub (its sites: ${cfg.sites.map((s) => s.id).join(", ")})`;
  return { day: values.date, site };
}

async function runReconcile(args: string[], io: CliIo): Promise<number> {
  const cfg = loadConfig(io.env);
  const a = readArgs(args, cfg);
  if (typeof a === "string") {
    io.err(`reconcile: ${a}\nusage: vaultline-hub ${SUMMARY}`);
    return 2;
  }
  const ledger = openLedger({
    dbUrl: cfg.HUB_DB_URL,
    dataDir: cfg.HUB_DATA_DIR,
    ...(cfg.HUB_DB_SCHEMA ? { pgSchema: cfg.HUB_DB_SCHEMA } : {}),
  });
  try {
    await migrateLedger(ledger.db, { pgSchema: ledger.pgSchema, defaultSiteId: cfg.sites[0]!.id });
    const { report } = await reconcileDay(
      { db: ledger.db, log: silentLog(), clock: systemClock },
      { site: a.site.id, timeZone: a.site.timeZone, day: a.day, trigger: "cli", actor: "cli" },
    );
    io.out(JSON.stringify(report));
    return 0;
  } finally {
    await ledger.close();
  }
}

/** The `reconcile` subcommand. */
export const reconcileCommand: HubCommand = { summary: SUMMARY, run: runReconcile };
