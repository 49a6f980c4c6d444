/**
 * `vaultline-hub statesystem sync --once` — one sync from the state system into the ledger,
 * configured by STATE_SYSTEM and the METRC_* (or BIOTRACK_*) variables; exit 0 when every part
 * synced, 1 when one failed, 2 for a usage or configuration error.
 * `vaultline-hub statesystem submit --once` — one pass over the submission queue.
 * `vaultline-hub statesystem status` — queue counts, failed writes with what to do and who,
 * and each sync checkpoint (for the installer on SSH).
 */
import type { CliIo, HubCommand } from "#hub/cli/types.js";
import { loadConfig } from "#hub/config.js";
import { createLog } from "#hub/log.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import { systemClock } from "#hub/clock.js";
import { stateSystemSlice } from "./config.js";
import { createStateSystem } from "./factory.js";
import { requestLogSink } from "./store/request-log.js";
import { countByState, submissionsByState } from "./store/queue.js";
import { listCheckpoints } from "./store/state-records.js";
import { runQueueOnce } from "./submitter.js";
import { runSync } from "./sync.js";
import type { Db } from "#hub/store/database.js";

const USAGE = "statesystem sync --once | statesystem submit --once | statesystem status";

const consoleIo: CliIo = { env: process.env, out: (l) => console.log(l), err: (l) => console.error(l) };

/** Runs `statesystem …` arguments (after the word "statesystem"); resolves to the exit code. */
export async function runStateSystemCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  const [verb, flag] = argv;
  const ok = (verb === "status" && flag === undefined) || ((verb === "sync" || verb === "submit") && flag === "--once");
  if (!ok) {
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
  const log = createLog(hubCfg.LOG_LEVEL === "info" ? "warn" : hubCfg.LOG_LEVEL);
  const ledger = openLedger({ dbUrl: hubCfg.HUB_DB_URL, dataDir: hubCfg.HUB_DATA_DIR });
  try {
    await migrateLedger(ledger.db);
    if (verb === "status") return await printStatus(ledger.db, io);
    const stateSystem = createStateSystem(stateSystemSlice(hubCfg), { log, requestLog: requestLogSink(ledger.db, log) });
    if (verb === "submit") {
      const pass = await runQueueOnce({ db: ledger.db, stateSystem, clock: systemClock, log });
      io.out(`confirmed ${pass.confirmed}, failed ${pass.failed}, waiting ${pass.waiting}${pass.unreachable ? " (state system unreachable)" : ""}`);
      return pass.unreachable ? 1 : 0;
    }
    io.out(`syncing from ${stateSystem.kind} for license ${stateSystem.license}`);
    let shown: string | null = null;
    const report = await runSync({ db: ledger.db, stateSystem, clock: systemClock, log }, {
      onProgress: (p) => {
        if (p.entity === null || p.entity === shown) return;
        shown = p.entity;
        io.out(`[${p.done + 1}/${p.total}] ${p.entity}…`);
      },
    });
    for (const e of report.entities) io.out(`${e.entity.padEnd(20)} ${String(e.records).padStart(8)} records${e.error ? `  FAILED: ${e.error}` : ""}`);
    return report.ok ? 0 : 1;
  } finally {
    await ledger.close();
  }
}

async function printStatus(db: Db, io: CliIo): Promise<number> {
  const c = await countByState(db);
  io.out(`writes: ${c.pending} waiting, ${c.sent} sent (answer pending), ${c.confirmed} confirmed, ${c.failed} failed, ${c.resolved} resolved`);
  for (const f of await submissionsByState(db, "failed", 20)) {
    io.out(`FAILED ${f.id} ${f.write.kind} ${f.label ?? ""}: ${f.errorMessage ?? ""}`);
    io.out(`  what to do (${f.remedyOwner ?? "?"}): ${f.remedy ?? ""}`);
  }
  for (const cp of await listCheckpoints(db)) {
    io.out(`${cp.entity.padEnd(20)} read up to ${cp.checkpoint ?? "-"}  last run ${cp.last_run_at}${cp.last_error ? `  ERROR ${cp.last_error}` : ""}`);
  }
  return 0;
}

/** The `statesystem` subcommand for the hub CLI's command table (hub/cli.ts). */
export const stateSystemCommand: HubCommand = {
  summary: USAGE,
  run: (args, io) => runStateSystemCli(args, io),
};
