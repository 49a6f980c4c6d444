/**
 * `vaultline-hub statesystem sync --once [--site ID]` — one sync from each site's state system
 * (or the one named) into the ledger, configured by STATE_SYSTEM and the METRC_* (or BIOTRACK_*)
 * variables or the sites list; exit 0 when every part synced, 1 when one failed, 2 for a usage or
 * configuration error.
 * `vaultline-hub statesystem submit --once [--site ID]` — one pass over each site's submission queue.
 * `vaultline-hub statesystem status [--site ID]` — queue counts, failed writes with what to do and
 * who, and each sync checkpoint (for the installer on SSH), per site.
 */
import type { CliIo, HubCommand } from "#hub/cli/types.js";
import { loadConfig } from "#hub/config.js";
import { createLog } from "#hub/log.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import { systemClock } from "#hub/clock.js";
import type { Site } from "#hub/sites/site.js";
import { createSiteStateSystem } from "./factory.js";
import { requestLogSink } from "./store/request-log.js";
import { countByState, submissionsByState } from "./store/queue.js";
import { listCheckpoints } from "./store/state-records.js";
import { runQueueOnce } from "./submitter.js";
import { runSync } from "./sync.js";
import type { Kysely } from "kysely";
import type { Database, Db } from "#hub/store/database.js";
import { appendAudit } from "#hub/ledger/audit.js";
import { cliActor } from "#hub/cli/actor.js";

const USAGE =
  "statesystem sync --once [--site ID] | statesystem submit --once [--site ID] | statesystem status [--site ID]";

const consoleIo: CliIo = { env: process.env, out: (l) => console.log(l), err: (l) => console.error(l) };

/** The verb and the site flag, or null when the usage is wrong. */
function parseArgs(argv: string[]): { verb: "sync" | "submit" | "status"; site: string | undefined } | null {
  const [verb, ...rest] = argv;
  const at = rest.indexOf("--site");
  const site = at >= 0 ? rest[at + 1] : undefined;
  if (at >= 0 && !site) return null;
  const others = at >= 0 ? [...rest.slice(0, at), ...rest.slice(at + 2)] : rest;
  if (verb === "status" && others.length === 0) return { verb, site };
  if ((verb === "sync" || verb === "submit") && others.length === 1 && others[0] === "--once") return { verb, site };
  return null;
}

/** Runs `statesystem …` arguments (after the word "statesystem"); resolves to the exit code. */
export async function runStateSystemCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    io.err(`usage: vaultline-hub ${USAGE}`);
    return 2;
  }
  let hubCfg;
  try {
    hubCfg = loadConfig(io.env);
  } catch (e) {
    io.err(e instanceof Error ? e.message : String(e));
    return 2;
  }
  const sites = args.site === undefined ? hubCfg.sites : hubCfg.sites.filter((s) => s.id === args.site);
  if (sites.length === 0) {
    io.err(
      `statesystem: no site "${args.site}" in the configuration (sites: ${hubCfg.sites.map((s) => s.id).join(", ")})`,
    );
    return 2;
  }
  const log = createLog(hubCfg.LOG_LEVEL === "info" ? "warn" : hubCfg.LOG_LEVEL);
  const ledger = openLedger({
    dbUrl: hubCfg.HUB_DB_URL,
    dataDir: hubCfg.HUB_DATA_DIR,
    ...(hubCfg.HUB_DB_SCHEMA ? { pgSchema: hubCfg.HUB_DB_SCHEMA } : {}),
  });
  try {
    await migrateLedger(ledger.db, { pgSchema: ledger.pgSchema, defaultSiteId: hubCfg.sites[0]!.id });
    let code = 0;
    for (const site of sites) {
      if (hubCfg.sites.length > 1) io.out(`site ${site.id}:`);
      code = Math.max(
        code,
        await runForSite(args.verb, site, { db: ledger.db, io, log, simPort: hubCfg.METRC_SIM_PORT }),
      );
    }
    return code;
  } finally {
    await ledger.close();
  }
}

async function runForSite(
  verb: "sync" | "submit" | "status",
  site: Site,
  ctx: { db: Kysely<Database>; io: CliIo; log: ReturnType<typeof createLog>; simPort: number },
): Promise<number> {
  const { db, io, log } = ctx;
  if (verb === "status") return printStatus(db, site.id, io);
  await appendAudit(db, { actor: cliActor(), action: `statesystem.${verb}.requested`, subject: site.id });
  const stateSystem = createSiteStateSystem(
    site,
    { simPort: ctx.simPort },
    { log, requestLog: requestLogSink(db, log, site.id) },
  );
  if (verb === "submit") {
    const pass = await runQueueOnce({ db, site: site.id, stateSystem, clock: systemClock, log });
    io.out(
      `confirmed ${pass.confirmed}, failed ${pass.failed}, waiting ${pass.waiting}${pass.unreachable ? " (state system unreachable)" : ""}`,
    );
    return pass.unreachable ? 1 : 0;
  }
  io.out(`syncing from ${stateSystem.kind} for license ${stateSystem.license}`);
  let shown: string | null = null;
  const report = await runSync(
    { db, site: site.id, stateSystem, clock: systemClock, log },
    {
      onProgress: (p) => {
        if (p.entity === null || p.entity === shown) return;
        shown = p.entity;
        io.out(`[${p.done + 1}/${p.total}] ${p.entity}…`);
      },
    },
  );
  for (const e of report.entities)
    io.out(`${e.entity.padEnd(20)} ${String(e.records).padStart(8)} records${e.error ? `  FAILED: ${e.error}` : ""}`);
  return report.ok ? 0 : 1;
}

async function printStatus(db: Db, site: string, io: CliIo): Promise<number> {
  const c = await countByState(db, site);
  io.out(
    `writes: ${c.pending} waiting, ${c.sent} sent (answer pending), ${c.confirmed} confirmed, ${c.failed} failed, ${c.resolved} resolved`,
  );
  for (const f of await submissionsByState(db, site, "failed", 20)) {
    io.out(`FAILED ${f.id} ${f.write.kind} ${f.label ?? ""}: ${f.errorMessage ?? ""}`);
    io.out(`  what to do (${f.remedyOwner ?? "?"}): ${f.remedy ?? ""}`);
  }
  for (const cp of await listCheckpoints(db, site)) {
    io.out(
      `${cp.entity.padEnd(20)} read up to ${cp.checkpoint ?? "-"}  last run ${cp.last_run_at}${cp.last_error ? `  ERROR ${cp.last_error}` : ""}`,
    );
  }
  return 0;
}

/** The `statesystem` subcommand for the hub CLI's command table (hub/cli.ts). */
export const stateSystemCommand: HubCommand = {
  summary: USAGE,
  run: (args, io) => runStateSystemCli(args, io),
};
