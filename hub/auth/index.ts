import type { MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import type { Logger } from "pino";
import { createBrokerAuth } from "./broker-auth.js";
import { createLoginGuard, type LoginGuardLimits } from "./login-guard.js";
import { createAuthMiddleware, type AuthEnv } from "./middleware.js";
import type { PasswordCost } from "./password.js";
import { authRoutes, type AuthRoutesDeps } from "./routes.js";
import { systemClock, type Clock } from "#hub/clock.js";
import { securityMiddleware, type SecurityOptions } from "./security.js";
import { createAuthService, type SessionTimes } from "./service.js";
import { createAuthStore, type DbHandle } from "./store.js";

export { createBrokerAuth } from "./broker-auth.js";
export { runStationAddCli } from "./cli.js";

export interface HubAuthDeps {
  /**
   * The hub's Kysely handle (SQLite or PostgreSQL) with migration 0200_auth applied, or a getter
   * for it when the ledger is opened later (set it in startHub's `beforeStart`).
   */
  db: DbHandle;
  log: Logger;
  /** True when the dashboard is served over HTTPS: Secure `__Host-` cookie and HSTS. */
  https: boolean;
  /** HUB_API_TOKEN, accepted on /api as a read-only bearer token. */
  automationToken?: string | undefined;
  clock?: Pick<Clock, "now">;
  sessionTimes?: SessionTimes;
  loginLimits?: LoginGuardLimits;
  passwordCost?: PasswordCost;
  /** Largest request body, bytes. */
  maxBodyBytes?: number;
  /** Upload paths with their own larger body limits. */
  uploadLimits?: SecurityOptions["uploadLimits"];
  clientAddress?: AuthRoutesDeps["clientAddress"];
  /** The hub's own broker login (MQTT_USERNAME / MQTT_PASSWORD) for the embedded broker's hooks. */
  hubMqtt?: { username: string; password: string } | undefined;
}

/**
 * Everything the dashboard needs for logins, in one call. Wire it as
 * `createApp({ ..., auth: hubAuth.middleware, extraRoutes: [{ path: "/", app: hubAuth.routes }] })`:
 * the middleware adds security headers, the body limit and the origin check, then signs the
 * request in and applies the role policy; the routes serve /login, /logout, /account/tokens and
 * /admin/users. `broker` holds the embedded broker's aedes hooks (station logins and ACL).
 */
export function createHubAuth(deps: HubAuthDeps) {
  const clock = deps.clock ?? systemClock;
  const store = createAuthStore(deps.db);
  const guard = createLoginGuard({ store, clock, ...(deps.loginLimits ? { limits: deps.loginLimits } : {}) });
  const service = createAuthService({
    store,
    guard,
    clock,
    log: deps.log,
    automationToken: deps.automationToken,
    ...(deps.sessionTimes ? { sessionTimes: deps.sessionTimes } : {}),
    ...(deps.passwordCost ? { passwordCost: deps.passwordCost } : {}),
  });
  const middleware: MiddlewareHandler<AuthEnv> = every(
    securityMiddleware({
      https: deps.https,
      log: deps.log.child({ mod: "auth" }),
      ...(deps.maxBodyBytes ? { maxBodyBytes: deps.maxBodyBytes } : {}),
      ...(deps.uploadLimits ? { uploadLimits: deps.uploadLimits } : {}),
    }),
    createAuthMiddleware({ service, log: deps.log, secureCookies: deps.https }),
  );
  const routes = authRoutes({
    service,
    store,
    log: deps.log,
    secureCookies: deps.https,
    ...(deps.clientAddress ? { clientAddress: deps.clientAddress } : {}),
  });
  const broker = createBrokerAuth({ store, log: deps.log, hub: deps.hubMqtt });
  return { store, service, middleware, routes, broker };
}

export type HubAuth = ReturnType<typeof createHubAuth>;
