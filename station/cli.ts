import { pathToFileURL } from "node:url";
import { loadConfig, type StationConfig } from "./config.js";
import { configIssues, StationError } from "./errors.js";
import { createLogger } from "./log.js";
import { startStation } from "./main.js";
import { createWatchdog } from "#platform/watchdog.js";

/** Where the CLI writes: stdout for results, stderr for errors (swappable in tests). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

const usage = [
  "usage: vaultline-station [start]          run the station (config from the environment, STATION_CONFIG for a JSON file)",
  "       vaultline-station probe <scale|printer|scanner|door> [options]   bring-up tool for one device",
].join("\n");

/**
 * `npx vaultline-station`: runs the station until SIGTERM/SIGINT, or runs `probe`. Resolves with
 * the exit code; a bad configuration or a port in use is a short message and exit code 1.
 */
export async function runStationCli(
  argv: string[],
  io: CliIo = consoleIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [command = "start", ...rest] = argv;
  if (command === "probe") {
    // Loaded only when asked for: the probe pulls in every driver, the station's start does not need it.
    const { runProbe } = await import("./probe/index.js");
    const stop = new AbortController();
    const abort = () => stop.abort();
    process.once("SIGINT", abort);
    process.once("SIGTERM", abort);
    try {
      return await runProbe(rest, { out: io.out, err: io.err, signal: stop.signal });
    } finally {
      process.off("SIGINT", abort);
      process.off("SIGTERM", abort);
    }
  }
  if (command === "help" || command === "--help" || command === "-h") {
    io.out(usage);
    return 0;
  }
  if (command !== "start") {
    io.err(`unknown command "${command}"\n${usage}`);
    return 2;
  }
  return runStation(io, env);
}

async function runStation(io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  let cfg: StationConfig;
  try {
    cfg = loadConfig(env, env.STATION_CONFIG);
  } catch (e) {
    if (!(e instanceof StationError && e.code === "CONFIG_INVALID")) throw e;
    for (const issue of configIssues(e)) io.err(`config: ${issue}`);
    return 1;
  }
  try {
    const log = createLogger(cfg.logLevel);
    const station = await startStation(cfg, { log });
    // Under systemd (Type=notify, WatchdogSec=): READY once serving, pings while healthy.
    const watchdog = createWatchdog({ env, healthy: () => station.healthy(), log });
    await watchdog.ready(`kiosk at ${station.url}/`);
    io.out(`Vaultline station ${cfg.stationId}: kiosk at ${station.url}/`);
    await new Promise<void>((resolve) => {
      process.once("SIGTERM", resolve);
      process.once("SIGINT", resolve);
    });
    await watchdog.stopping();
    await station.stop();
    return 0;
  } catch (e) {
    if (e instanceof StationError && e.code === "PORT_IN_USE") {
      io.err(e.message);
      return 1;
    }
    throw e;
  }
}

// Run directly (`tsx station/cli.ts`, `npm run station:sim`): the same as bin/vaultline-station.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runStationCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
