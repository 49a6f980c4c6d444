import { createInterface } from "node:readline";
import { loadConfig } from "#hub/config.js";
import type { CliIo, HubCommand } from "#hub/cli/types.js";
import { pino } from "pino";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import { runStationAddCli, runUserPasswordCli, type AuthCliDeps } from "./cli.js";

/**
 * `vaultline-hub station …` and `vaultline-hub user …` in the shape of hub/cli.ts's subcommand map:
 * each opens the configured ledger (migrated), runs, and closes it.
 */
async function withLedger(
  io: CliIo,
  run: (deps: AuthCliDeps) => Promise<number>,
  readPassword?: () => Promise<string>,
): Promise<number> {
  const cfg = loadConfig(io.env);
  const ledger = openLedger({
    dbUrl: cfg.HUB_DB_URL,
    dataDir: cfg.HUB_DATA_DIR,
    ...(cfg.HUB_DB_SCHEMA ? { pgSchema: cfg.HUB_DB_SCHEMA } : {}),
  });
  try {
    await migrateLedger(ledger.db, { pgSchema: ledger.pgSchema, defaultSiteId: cfg.sites[0]!.id });
    const hubMqtt =
      cfg.MQTT_USERNAME && cfg.MQTT_PASSWORD ? { username: cfg.MQTT_USERNAME, password: cfg.MQTT_PASSWORD } : undefined;
    // Warnings only, and to stderr: stdout carries nothing but the JSON result.
    const log = pino({ level: "warn", base: { svc: "hub-cli" } }, pino.destination(2));
    return await run({
      db: ledger.db,
      log,
      out: io.out,
      err: io.err,
      hubMqtt,
      siteIds: cfg.sites.map((s) => s.id),
      ...(readPassword ? { readPassword } : {}),
    });
  } finally {
    await ledger.close();
  }
}

/** Reads one line from stdin; on a terminal the typed characters are not echoed. */
export function readPasswordFromStdin(prompt = "Password: "): Promise<string> {
  return new Promise((resolve, reject) => {
    const tty = process.stdin.isTTY === true;
    const rl = createInterface({ input: process.stdin, output: tty ? process.stderr : undefined, terminal: tty });
    if (tty) {
      process.stderr.write(prompt);
      // Swallow the echo of each keystroke (readline writes through _writeToOutput).
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    }
    rl.once("line", (line) => {
      if (tty) process.stderr.write("\n");
      rl.close();
      resolve(line);
    });
    rl.once("close", () => reject(new Error("no password given on stdin")));
  });
}

export const stationCommand: HubCommand = {
  summary: "station add <id> [--rotate] | station list | station mosquitto-files --out DIR",
  run: (args, io) => withLedger(io, (deps) => runStationAddCli(args, deps)),
};

export const userCommand: HubCommand = {
  summary:
    "user passwd <employeeId> <username> [--sites ID,ID | --all-sites]   (dashboard login; password from stdin) | user sites <employeeId> (--sites ID,ID | --all-sites)",
  run: (args, io) =>
    withLedger(
      io,
      (deps) => runUserPasswordCli(args, deps),
      () => readPasswordFromStdin(),
    ),
};
