import type { Role } from "#contract/domain.js";

/** Who is asking: a signed-in employee, an API token's owner, or the automation token. */
export interface Principal {
  kind: "session" | "token" | "automation";
  /** Employee id; "automation" for HUB_API_TOKEN. */
  employeeId: string;
  name: string;
  /** The employee's role; HUB_API_TOKEN acts as an auditor. */
  role: Role;
  /** True when this principal may only read (auditor, read-only token, HUB_API_TOKEN). */
  readOnly: boolean;
  /** The site ids this login may see (`vaultline-hub user … --sites`); null: every site. */
  sites: readonly string[] | null;
  /** Session only: the token forms must echo back. */
  csrfToken?: string;
  /** Session only: digest of the session id, to sign out. */
  sessionDigest?: string;
}
