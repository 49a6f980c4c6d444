import { userInfo } from "node:os";

/** Who ran a `vaultline-hub` command, as the audit trail names a shell user: `cli:<login>`. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    // No passwd entry for the uid (some containers): the command is still recorded.
    return "cli";
  }
}
