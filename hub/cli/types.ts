/** Where a CLI command reads its environment and writes its lines (swapped in tests). */
export interface CliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
}

/** One `vaultline-hub <name> …` subcommand; returns the process exit code. */
export interface HubCommand {
  /** One usage line for `vaultline-hub help`. */
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}
