import type { Logger } from "pino";
import { DEFAULT_PASSWORD_COST, hashPassword, passwordProblem, verifyPassword, type PasswordCost } from "./password.js";
import type { LoginGuard } from "./login-guard.js";
import type { AuthStore, EmployeeRef } from "./store.js";
import type { Clock } from "#hub/clock.js";
import type { Principal } from "./schema.js";
import { API_TOKEN_PREFIX, digest, newSecret, sameSecret } from "./tokens.js";
import { appendAuditIn } from "#hub/ledger/audit.js";

/** Session lifetimes, ms. */
export interface SessionTimes {
  /** Signed out after this long without a request (OWASP suggests 15–30 min for sensitive data). */
  idleMs: number;
  /** Signed out this long after sign-in whatever the activity (one shift). */
  maxMs: number;
}

export const DEFAULT_SESSION_TIMES: SessionTimes = { idleMs: 30 * 60_000, maxMs: 12 * 60 * 60_000 };

/** last_seen_at is written at most this often per session, ms (saves one write per request). */
const TOUCH_EVERY_MS = 60_000;

export interface AuthServiceDeps {
  store: AuthStore;
  guard: LoginGuard;
  clock: Pick<Clock, "now">;
  log: Logger;
  sessionTimes?: SessionTimes;
  passwordCost?: PasswordCost;
  /** HUB_API_TOKEN: accepted as a read-only bearer token for automation. */
  automationToken?: string | undefined;
}

export type LoginResult =
  | { ok: true; sessionId: string; principal: Principal }
  | { ok: false; reason: "locked"; retryAfterMs: number }
  | { ok: false; reason: "invalid" };

function principalOf(kind: Principal["kind"], e: EmployeeRef, readOnly: boolean): Principal {
  return {
    kind,
    employeeId: e.employeeId,
    name: e.name,
    role: e.role,
    readOnly: readOnly || e.role === "auditor",
    sites: e.sites,
  };
}

/** Sign-in, sessions and API tokens over the auth store. Holds no state of its own. */
export function createAuthService(deps: AuthServiceDeps) {
  const times = deps.sessionTimes ?? DEFAULT_SESSION_TIMES;
  const cost = deps.passwordCost ?? DEFAULT_PASSWORD_COST;
  const log = deps.log.child({ mod: "auth" });
  // Checked against when the username is unknown, so both cases take the same time.
  const decoy = hashPassword(newSecret(), cost);
  /** An audit entry of a person's action on logins, at the service's clock. */
  const entry = (actor: string, action: string, subject: string, detail: Record<string, unknown> = {}) => ({
    actor,
    action,
    subject,
    detail,
    at: new Date(deps.clock.now()).toISOString(),
  });
  const audit = (actor: string, action: string, subject: string, detail?: Record<string, unknown>) =>
    deps.store.atomically((_, trx) => appendAuditIn(trx, entry(actor, action, subject, detail)));

  async function login(username: string, password: string, address: string): Promise<LoginResult> {
    const wait = await deps.guard.lockedFor(username, address);
    if (wait > 0) {
      log.warn({ username, address }, "login refused: locked after repeated failures");
      return { ok: false, reason: "locked", retryAfterMs: wait };
    }
    const user = await deps.store.findLogin(username);
    const good = await verifyPassword(password, user?.passwordHash ?? (await decoy));
    if (!user || !good || !user.active) {
      await deps.guard.recordFailure(username, address);
      // Locked-out attempts (above) are only logged: the guard caps how many failures reach the trail.
      await audit("anonymous", "auth.sign-in.failed", username, { address });
      log.warn({ username, address }, "login failed");
      return { ok: false, reason: "invalid" };
    }
    await deps.guard.recordSuccess(username, address);
    const sessionId = newSecret();
    const csrfToken = newSecret();
    const now = deps.clock.now();
    await deps.store.deleteExpiredSessions(now);
    await deps.store.atomically(async (store, trx) => {
      await store.createSession({
        idDigest: digest(sessionId),
        employeeId: user.employeeId,
        csrfToken,
        nowMs: now,
        expiresMs: now + times.maxMs,
      });
      await appendAuditIn(trx, entry(user.employeeId, "auth.signed-in", username, { address, role: user.role }));
    });
    log.info({ employeeId: user.employeeId, role: user.role }, "signed in");
    return {
      ok: true,
      sessionId,
      principal: { ...principalOf("session", user, false), csrfToken, sessionDigest: digest(sessionId) },
    };
  }

  async function resolveSession(sessionId: string): Promise<Principal | undefined> {
    const idDigest = digest(sessionId);
    const s = await deps.store.findSession(idDigest);
    if (!s) return undefined;
    const now = deps.clock.now();
    const idleEnds = Date.parse(s.lastSeenAt) + times.idleMs;
    if (!s.active || now >= Date.parse(s.expiresAt) || now >= idleEnds) {
      await deps.store.deleteSession(idDigest);
      return undefined;
    }
    if (now - Date.parse(s.lastSeenAt) >= TOUCH_EVERY_MS) await deps.store.touchSession(idDigest, now);
    return { ...principalOf("session", s, false), csrfToken: s.csrfToken, sessionDigest: idDigest };
  }

  async function resolveBearer(token: string): Promise<Principal | undefined> {
    if (deps.automationToken && sameSecret(token, deps.automationToken)) {
      return {
        kind: "automation",
        employeeId: "automation",
        name: "HUB_API_TOKEN",
        role: "auditor",
        readOnly: true,
        sites: null,
      };
    }
    if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const t = await deps.store.findToken(digest(token));
    if (!t || !t.active) return undefined;
    await deps.store.touchToken(t.id, deps.clock.now());
    return principalOf("token", t, t.readOnly);
  }

  /** Creates an API token for the principal; an auditor's is always read-only. Returns the token once. */
  async function createToken(who: Principal, name: string, readOnly: boolean): Promise<string> {
    const token = newSecret(API_TOKEN_PREFIX);
    const ro = readOnly || who.readOnly;
    await deps.store.atomically(async (store, trx) => {
      const id = await store.createToken({
        employeeId: who.employeeId,
        name,
        tokenDigest: digest(token),
        readOnly: ro,
        nowMs: deps.clock.now(),
      });
      await appendAuditIn(trx, entry(who.employeeId, "auth.token.created", name, { tokenId: id, readOnly: ro }));
    });
    log.info({ employeeId: who.employeeId, name, readOnly: ro }, "API token created");
    return token;
  }

  /**
   * Gives an employee a dashboard login (or a new password); signs out their open sessions.
   * `opts.sites` limits the sites it may see (null: every site; left out: unchanged, every site for a new login);
   * `opts.by` is who did it, for the audit trail (an admin's employee id, `cli:<user>`; default "system").
   */
  async function setPassword(
    employeeId: string,
    username: string,
    password: string,
    opts: { sites?: readonly string[] | null; by?: string } = {},
  ): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new Error(problem);
    if (!(await deps.store.findEmployee(employeeId))) throw new Error(`no employee "${employeeId}"`);
    const hash = await hashPassword(password, cost);
    await deps.store.atomically(async (store, trx) => {
      await store.setLogin(employeeId, username, hash, deps.clock.now(), opts.sites);
      await store.deleteSessionsOf(employeeId);
      const detail = { username, ...(opts.sites !== undefined ? { sites: opts.sites } : {}) };
      await appendAuditIn(trx, entry(opts.by ?? "system", "auth.login.set", employeeId, detail));
    });
    log.info(
      { employeeId, username, ...(opts.sites !== undefined ? { sites: opts.sites } : {}) },
      "dashboard password set",
    );
  }

  /** Limits a login to some sites (null: every site); signs its sessions out so the limit applies at once. `by`: who, as in setPassword. */
  async function setSites(employeeId: string, sites: readonly string[] | null, by = "system"): Promise<void> {
    await deps.store.atomically(async (store, trx) => {
      if (!(await store.setLoginSites(employeeId, sites)))
        throw new Error(`employee "${employeeId}" has no dashboard login (set one with user passwd)`);
      await store.deleteSessionsOf(employeeId);
      await appendAuditIn(trx, entry(by, "auth.login.sites", employeeId, { sites }));
    });
    log.info({ employeeId, sites }, "dashboard login sites set");
  }

  return {
    login,
    resolveSession,
    resolveBearer,
    createToken,
    setPassword,
    setSites,
    /** Ends the principal's session (sign-out). */
    logout: (who: Pick<Principal, "employeeId" | "sessionDigest">) =>
      deps.store.atomically(async (store, trx) => {
        if (!who.sessionDigest) return;
        await store.deleteSession(who.sessionDigest);
        await appendAuditIn(trx, entry(who.employeeId, "auth.signed-out", who.employeeId));
      }),
    listTokens: (who: Principal) => deps.store.listTokens(who.employeeId),
    /** Revokes one of the principal's own tokens; false when there was none such. */
    revokeToken: (who: Principal, id: string) =>
      deps.store.atomically(async (store, trx) => {
        const revoked = await store.revokeToken(id, who.employeeId, deps.clock.now());
        if (revoked) await appendAuditIn(trx, entry(who.employeeId, "auth.token.revoked", id));
        return revoked;
      }),
    sessionTimes: times,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
