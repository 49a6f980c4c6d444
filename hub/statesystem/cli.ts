/**
 * `vaultline-hub statesystem sync --once` — one sync from the state system into the ledger,
 * configured by STATE_SYSTEM and the METRC_* (or BIOTRACK_*) variables; exit 0 when every part
 * synced, 1 when one failed, 2 for a usage or configuration error.
 * `vaultline-hub statesystem submit --once` — one pass over the submission queue.
 */
import type { CliIo, HubCommand } from "#hub/cli/types.js";
import { loadConfig } from "#hub/config.js";
import { createLog } from "#hub/log.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import { systemClock } from "./clock.js";
import { loadStateSystemConfig } from "./config.js";
import { createStateSystem } from "./factory.js";
import { requestLogSink } from "./store/request-log.js";
import { ssDb } from "./store/tables.js";
import { runQueueOnce } from "./submitter.js";
import { runSync } from "./sync.js";

const USAGE = "statesystem sync --once | statesystem submit --once";

const consoleIo: CliIo = { env: process.env, out: (l) => console.log(l), err: (l) => console.error(l) };

/** Runs `statesystem …` arguments (after the word "statesystem"); resolves to the exit code. */
export async function runStateSystemCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  const [verb, flag] = argv;
  if ((verb !== "sync" && verb !== "submit") || flag !== "--once") {
    io.err(`usage: vaultline-hub ${USAGE}`);
    return 2;
  }
  let hubCfg;
  let ssCfg;
  try {
    hubCfg = loadConfig(io.env);
    ssCfg = loadStateSystemConfig(io.env);
  } catch (e) {
    io.err(e instanceof Error ? e.message : String(e));
    return 2;
  }
  const log = createLog(hubCfg.LOG_LEVEL === "info" ? "warn" : hubCfg.LOG_LEVEL);
  const ledger = openLedger({ dbUrl: hubCfg.HUB_DB_URL, dataDir: hubCfg.HUB_DATA_DIR });
  try {
    await migrateLedger(ledger.db);
    const stateSystem = createStateSystem(ssCfg, { log, requestLog: requestLogSink(ssDb(ledger.db), log) });
    if (verb === "submit") {
      const pass = await runQueueOnce({ db: ssDb(ledger.db), stateSystem, clock: systemClock, log });
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

/** The `statesystem` subcommand for the hub CLI's command table (hub/cli.ts). */
export const stateSystemCommand: HubCommand = {
  summary: USAGE,
  run: (args, io) => runStateSystemCli(args, io),
};
