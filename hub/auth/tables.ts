/**
 * The tables hub/auth reads and writes (migrations/0200_auth) as Kysely sees them; part of the
 * hub's Database (hub/store/database.ts). Logins join the ledger's `employees` table for names,
 * roles and whether the employee is still active. Times are ISO-8601 UTC strings.
 */
export interface DashboardUsersTable {
  employee_id: string;
  username: string;
  password_hash: string;
  created_at: string;
  password_changed_at: string;
  /** JSON array of the site ids this login may see; null: every site (migration 0201). */
  sites: string | null;
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

export interface AuthTables {
  dashboard_users: DashboardUsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  station_credentials: StationCredentialsTable;
  login_attempts: LoginAttemptsTable;
}
