import { stationCommand, userCommand } from "./auth/commands.js";
import { auditCommand } from "./cli/audit-command.js";
import type { CliIo, HubCommand } from "./cli/types.js";
import { hasCode, HubError } from "./errors.js";
import { posCommand } from "./pos/cli.js";
import { reconcileCommand } from "./reconcile/cli.js";
import { runHubFromEnv } from "./run.js";
import { stateSystemCommand } from "./statesystem/cli.js";

export type { CliIo, HubCommand } from "./cli/types.js";

/**
 * `vaultline-hub <subcommand> …`. Modules register here by name; no subcommand runs the hub.
 */
export const hubCommands: Record<string, HubCommand> = {
  statesystem: stateSystemCommand,
  station: stationCommand,
  user: userCommand,
  audit: auditCommand,
  pos: posCommand,
  reconcile: reconcileCommand,
};

const consoleIo: CliIo = {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

function usage(io: CliIo): void {
  io.out("usage: vaultline-hub [subcommand]");
  io.out("  (none)          run the hub (configuration from the environment)");
  for (const cmd of Object.values(hubCommands)) io.out(`  ${cmd.summary}`);
}

/** Runs one command line (without "node script"); resolves to the exit code. */
export async function runHubCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined) return await runHubFromEnv(io.env);
    if (name === "help" || name === "--help" || name === "-h") {
      usage(io);
      return 0;
    }
    const cmd = hubCommands[name];
    if (!cmd) {
      io.err(`vaultline-hub: unknown subcommand "${name}" (try: vaultline-hub help)`);
      return 2;
    }
    return await cmd.run(args, io);
  } catch (err) {
    if (hasCode(err, "CONFIG_INVALID") && err.context.issues) {
      for (const issue of err.context.issues) io.err(`configuration: ${issue}`);
      return 2;
    }
    io.err(err instanceof HubError ? err.message : String((err as Error).stack ?? err));
    return 1;
  }
}
