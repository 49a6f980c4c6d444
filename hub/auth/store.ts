import { type Kysely, type Transaction } from "kysely";
import { inTransaction } from "#hub/store/transaction.js";
import { v7 as uuidv7 } from "uuid";
import { RoleSchema, type Role } from "#contract/domain.js";
import type { Database } from "#hub/store/database.js";
import type { StationCredentialsTable } from "./tables.js";

/** An employee with a dashboard login, as read for a password check. */
export interface LoginRecord extends EmployeeRef {
  username: string;
  passwordHash: string;
}

/** An employee reached through a session or token. */
export interface EmployeeRef {
  employeeId: string;
  name: string;
  role: Role;
  active: boolean;
  /** The sites the employee's dashboard login may see; null: every site. */
  sites: readonly string[] | null;
}

export interface SessionRecord extends EmployeeRef {
  csrfToken: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface TokenRecord extends EmployeeRef {
  id: string;
  readOnly: boolean;
}

export interface TokenListing {
  id: string;
  name: string;
  readOnly: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function role(raw: string): Role {
  const r = RoleSchema.safeParse(raw);
  // An unknown role in the ledger grants nothing beyond reading as an auditor would.
  return r.success ? r.data : "auditor";
}

/** The hub's Kysely handle, or a getter for one that is opened later (startHub's beforeStart). */
export type DbHandle = Kysely<Database> | (() => Kysely<Database>);

/** The `sites` column: a JSON array of site ids, or null for every site; anything else reads as no site at all. */
function sitesOf(raw: string | null | undefined): readonly string[] | null {
  if (raw === null || raw === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

const employeeCols = [
  "employees.id as employeeId",
  "employees.name as name",
  "employees.role as role",
  "employees.active as active",
  "dashboard_users.sites as sites",
] as const;
type Ref<T> = Omit<T, "role" | "active" | "sites"> & { role: Role; active: boolean; sites: readonly string[] | null };
const ref = <T extends { role: string; active: number | boolean; sites: string | null }>(row: T): Ref<T> => ({
  ...row,
  role: role(row.role),
  active: Boolean(row.active),
  sites: sitesOf(row.sites),
});

/**
 * All SQL of hub/auth: its own tables (tables.ts) and the ledger's employees, through the hub's
 * Kysely handle, SQLite or PostgreSQL alike.
 */
export class AuthStore {
  constructor(private readonly handle: DbHandle) {}

  private db(): Kysely<Database> {
    return typeof this.handle === "function" ? this.handle() : this.handle;
  }

  /**
   * Runs `work` in one transaction with a store over it, so a change and its audit entry
   * (appendAuditIn on `trx`) are stored together or not at all.
   */
  async atomically<T>(work: (store: AuthStore, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return inTransaction(this.db(), (trx) => work(new AuthStore(trx), trx));
  }

  async findLogin(username: string): Promise<LoginRecord | undefined> {
    const row = await this.db()
      .selectFrom("dashboard_users")
      .innerJoin("employees", "employees.id", "dashboard_users.employee_id")
      .select([...employeeCols, "dashboard_users.username", "dashboard_users.password_hash as passwordHash"])
      .where("dashboard_users.username", "=", username)
      .executeTakeFirst();
    return row && ref(row);
  }

  async findEmployee(employeeId: string): Promise<EmployeeRef | undefined> {
    const row = await this.db()
      .selectFrom("employees")
      .leftJoin("dashboard_users", "dashboard_users.employee_id", "employees.id")
      .select(employeeCols)
      .where("employees.id", "=", employeeId)
      .executeTakeFirst();
    return row && ref(row);
  }

  /** Every employee, with the dashboard username when they have one. */
  async listEmployeeLogins(): Promise<Array<EmployeeRef & { username: string | null }>> {
    const rows = await this.db()
      .selectFrom("employees")
      .leftJoin("dashboard_users", "dashboard_users.employee_id", "employees.id")
      .select([...employeeCols, "dashboard_users.username as username"])
      .orderBy("employees.name")
      .execute();
    return rows.map(ref);
  }

  /**
   * Gives an employee a login or a new password. `sites` limits the sites it may see (null: every
   * site); left out, a new login sees every site and an existing one keeps its limit.
   */
  async setLogin(
    employeeId: string,
    username: string,
    passwordHash: string,
    nowMs: number,
    sites?: readonly string[] | null,
  ): Promise<void> {
    const at = iso(nowMs);
    const limit = sites === undefined ? {} : { sites: sites === null ? null : JSON.stringify([...sites]) };
    await this.db()
      .insertInto("dashboard_users")
      .values({
        employee_id: employeeId,
        username,
        password_hash: passwordHash,
        created_at: at,
        password_changed_at: at,
        sites: null,
        ...limit,
      })
      .onConflict((oc) =>
        oc
          .column("employee_id")
          .doUpdateSet({ username, password_hash: passwordHash, password_changed_at: at, ...limit }),
      )
      .execute();
  }

  /** Limits an existing login to `sites` (null: every site); false when the employee has no login. */
  async setLoginSites(employeeId: string, sites: readonly string[] | null): Promise<boolean> {
    const r = await this.db()
      .updateTable("dashboard_users")
      .set({ sites: sites === null ? null : JSON.stringify([...sites]) })
      .where("employee_id", "=", employeeId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async createSession(s: {
    idDigest: string;
    employeeId: string;
    csrfToken: string;
    nowMs: number;
    expiresMs: number;
  }): Promise<void> {
    await this.db()
      .insertInto("sessions")
      .values({
        id_digest: s.idDigest,
        employee_id: s.employeeId,
        csrf_token: s.csrfToken,
        created_at: iso(s.nowMs),
        last_seen_at: iso(s.nowMs),
        expires_at: iso(s.expiresMs),
      })
      .execute();
  }

  async findSession(idDigest: string): Promise<SessionRecord | undefined> {
    const row = await this.db()
      .selectFrom("sessions")
      .innerJoin("employees", "employees.id", "sessions.employee_id")
      .leftJoin("dashboard_users", "dashboard_users.employee_id", "sessions.employee_id")
      .select([
        ...employeeCols,
        "sessions.csrf_token as csrfToken",
        "sessions.last_seen_at as lastSeenAt",
        "sessions.expires_at as expiresAt",
      ])
      .where("sessions.id_digest", "=", idDigest)
      .executeTakeFirst();
    return row && ref(row);
  }

  async touchSession(idDigest: string, nowMs: number): Promise<void> {
    await this.db()
      .updateTable("sessions")
      .set({ last_seen_at: iso(nowMs) })
      .where("id_digest", "=", idDigest)
      .execute();
  }

  async deleteSession(idDigest: string): Promise<void> {
    await this.db().deleteFrom("sessions").where("id_digest", "=", idDigest).execute();
  }

  async deleteSessionsOf(employeeId: string): Promise<void> {
    await this.db().deleteFrom("sessions").where("employee_id", "=", employeeId).execute();
  }

  async deleteExpiredSessions(nowMs: number): Promise<void> {
    await this.db().deleteFrom("sessions").where("expires_at", "<=", iso(nowMs)).execute();
  }

  async createToken(t: {
    employeeId: string;
    name: string;
    tokenDigest: string;
    readOnly: boolean;
    nowMs: number;
  }): Promise<string> {
    const id = uuidv7();
    await this.db()
      .insertInto("api_tokens")
      .values({
        id,
        employee_id: t.employeeId,
        name: t.name,
        token_digest: t.tokenDigest,
        read_only: t.readOnly ? 1 : 0,
        created_at: iso(t.nowMs),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return id;
  }

  async findToken(tokenDigest: string): Promise<TokenRecord | undefined> {
    const row = await this.db()
      .selectFrom("api_tokens")
      .innerJoin("employees", "employees.id", "api_tokens.employee_id")
      .leftJoin("dashboard_users", "dashboard_users.employee_id", "api_tokens.employee_id")
      .select([...employeeCols, "api_tokens.id as id", "api_tokens.read_only as readOnly"])
      .where("api_tokens.token_digest", "=", tokenDigest)
      .where("api_tokens.revoked_at", "is", null)
      .executeTakeFirst();
    if (!row) return undefined;
    const r = ref(row);
    return {
      id: r.id,
      employeeId: r.employeeId,
      name: r.name,
      role: r.role,
      active: r.active,
      sites: r.sites,
      readOnly: Boolean(row.readOnly),
    };
  }

  async touchToken(id: string, nowMs: number): Promise<void> {
    await this.db()
      .updateTable("api_tokens")
      .set({ last_used_at: iso(nowMs) })
      .where("id", "=", id)
      .execute();
  }

  async listTokens(employeeId: string): Promise<TokenListing[]> {
    const rows = await this.db()
      .selectFrom("api_tokens")
      .select(["id", "name", "read_only as readOnly", "created_at as createdAt", "last_used_at as lastUsedAt"])
      .where("employee_id", "=", employeeId)
      .where("revoked_at", "is", null)
      .orderBy("created_at", "desc")
      .execute();
    return rows.map((r) => ({ ...r, readOnly: Boolean(r.readOnly) }));
  }

  /** Revokes one of the employee's own tokens; false when there was none such. */
  async revokeToken(id: string, employeeId: string, nowMs: number): Promise<boolean> {
    const r = await this.db()
      .updateTable("api_tokens")
      .set({ revoked_at: iso(nowMs) })
      .where("id", "=", id)
      .where("employee_id", "=", employeeId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async putStationCredential(c: {
    stationId: string;
    username: string;
    passwordHash: string;
    nowMs: number;
  }): Promise<void> {
    await this.db()
      .insertInto("station_credentials")
      .values({
        station_id: c.stationId,
        username: c.username,
        password_hash: c.passwordHash,
        created_at: iso(c.nowMs),
      })
      .onConflict((oc) =>
        oc
          .column("station_id")
          .doUpdateSet({ username: c.username, password_hash: c.passwordHash, created_at: iso(c.nowMs) }),
      )
      .execute();
  }

  async findStationCredential(username: string): Promise<StationCredentialsTable | undefined> {
    return this.db().selectFrom("station_credentials").selectAll().where("username", "=", username).executeTakeFirst();
  }

  async listStationCredentials(): Promise<StationCredentialsTable[]> {
    return this.db().selectFrom("station_credentials").selectAll().orderBy("station_id").execute();
  }

  async recordAttempt(subject: string, ok: boolean, nowMs: number): Promise<void> {
    await this.db()
      .insertInto("login_attempts")
      .values({ id: uuidv7(), subject, at: iso(nowMs), ok: ok ? 1 : 0 })
      .execute();
  }

  /** Failed attempts for `subject` since `sinceMs` and after its last success. */
  async recentFailures(subject: string, sinceMs: number): Promise<{ count: number; lastAt: string | undefined }> {
    const lastOk = await this.db()
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.max("at").as("at"))
      .where("subject", "=", subject)
      .where("ok", "=", 1)
      .executeTakeFirst();
    const since = [iso(sinceMs), lastOk?.at ?? ""].sort().at(-1) ?? iso(sinceMs);
    const row = await this.db()
      .selectFrom("login_attempts")
      .select((eb) => [eb.fn.countAll<string | number>().as("count"), eb.fn.max("at").as("lastAt")])
      .where("subject", "=", subject)
      .where("ok", "=", 0)
      .where("at", ">", since)
      .executeTakeFirst();
    return { count: Number(row?.count ?? 0), lastAt: row?.lastAt ?? undefined };
  }

  async pruneAttempts(beforeMs: number): Promise<void> {
    await this.db().deleteFrom("login_attempts").where("at", "<", iso(beforeMs)).execute();
  }
}

/** Builds the store over a Kysely handle or a getter for one. */
export function createAuthStore(handle: DbHandle): AuthStore {
  return new AuthStore(handle);
}
