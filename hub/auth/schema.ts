import type { Role } from "#contract/domain.js";

/**
 * The tables hub/auth reads and writes (created by hub/store/migrations/0200_auth.ts), plus the
 * slice of the ledger's `employees` table it needs. Times are ISO-8601 UTC strings.
 */
export interface DashboardUsersTable {
  employee_id: string;
  username: string;
  password_hash: string;
  created_at: string;
  password_changed_at: string;
}

export interface SessionsTable {
  id_digest: string;
  employee_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  employee_id: string;
  name: string;
  token_digest: string;
  read_only: number;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface StationCredentialsTable {
  station_id: string;
  username: string;
  password_hash: string;
  created_at: string;
}

export interface LoginAttemptsTable {
  id: string;
  subject: string;
  at: string;
  ok: number;
}

export interface EmployeesSlice {
  id: string;
  name: string;
  role: string;
  active: number;
}

export interface AuthDatabase {
  dashboard_users: DashboardUsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  station_credentials: StationCredentialsTable;
  login_attempts: LoginAttemptsTable;
  employees: EmployeesSlice;
}

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
  /** Session only: the token forms must echo back. */
  csrfToken?: string;
  /** Session only: digest of the session id, to sign out. */
  sessionDigest?: string;
}
