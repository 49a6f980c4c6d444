/**
 * Runs of `vaultline-hub` in-process for the CLI tests: an io that keeps what the command printed.
 */
import type { CliIo } from "#hub/cli.js";

/** A CliIo with quiet logs and `env` on top, keeping standard output in `lines` and errors in `errors`. */
export function capturedIo(env: Record<string, string> = {}): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { env: { LOG_LEVEL: "silent", ...env }, lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}
