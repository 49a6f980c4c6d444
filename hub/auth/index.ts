import type { MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { createLoginGuard, type LoginGuardLimits } from "./login-guard.js";
import { createAuthMiddleware, type AuthEnv } from "./middleware.js";
import type { PasswordCost } from "./password.js";
import { authRoutes, type AuthRoutesDeps } from "./routes.js";
import { systemAuthClock, type AuthClock } from "./schema.js";
import { securityMiddleware } from "./security.js";
import { createAuthService, type SessionTimes } from "./service.js";
import { createAuthStore } from "./store.js";

export type { AuthEnv } from "./middleware.js";
export type { Principal } from "./schema.js";
export { createBrokerAuth, type BrokerAuthDeps, type BrokerAuthHooks } from "./broker-auth.js";
export { runStationAddCli, runUserPasswordCli } from "./cli.js";
export { stationCommand, userCommand } from "./commands.js";

export interface HubAuthDeps {
  /** The hub's Kysely handle (SQLite or PostgreSQL) with migration 0200_auth applied. */
  db: Kysely<any>;
  log: Logger;
  /** True when the dashboard is served over HTTPS: Secure `__Host-` cookie and HSTS. */
  https: boolean;
  /** HUB_API_TOKEN, accepted on /api as a read-only bearer token. */
  automationToken?: string | undefined;
  clock?: AuthClock;
  sessionTimes?: SessionTimes;
  loginLimits?: LoginGuardLimits;
  passwordCost?: PasswordCost;
  /** Largest request body, bytes. */
  maxBodyBytes?: number;
  clientAddress?: AuthRoutesDeps["clientAddress"];
}

/**
 * Everything the dashboard needs for logins, in one call. Wire it as
 * `createApp({ ..., auth: hubAuth.middleware, extraRoutes: [{ path: "/", app: hubAuth.routes }] })`:
 * the middleware adds security headers, the body limit and the origin check, then signs the
 * request in and applies the role policy; the routes serve /login, /logout, /account/tokens and
 * /admin/users.
 */
export function createHubAuth(deps: HubAuthDeps) {
  const clock = deps.clock ?? systemAuthClock;
  const store = createAuthStore(deps.db);
  const guard = createLoginGuard({ store, clock, ...(deps.loginLimits ? { limits: deps.loginLimits } : {}) });
  const service = createAuthService({
    store, guard, clock, log: deps.log,
    automationToken: deps.automationToken,
    ...(deps.sessionTimes ? { sessionTimes: deps.sessionTimes } : {}),
    ...(deps.passwordCost ? { passwordCost: deps.passwordCost } : {}),
  });
  const middleware: MiddlewareHandler<AuthEnv> = every(
    securityMiddleware({ https: deps.https, ...(deps.maxBodyBytes ? { maxBodyBytes: deps.maxBodyBytes } : {}) }),
    createAuthMiddleware({ service, log: deps.log, secureCookies: deps.https }),
  );
  const routes = authRoutes({
    service, store, log: deps.log, secureCookies: deps.https,
    ...(deps.clientAddress ? { clientAddress: deps.clientAddress } : {}),
  });
  return { store, service, middleware, routes };
}

export type HubAuth = ReturnType<typeof createHubAuth>;
