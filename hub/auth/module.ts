/**
 * Logins as a hub module: the dashboard's sign-in, roles and tokens, and station logins and ACLs
 * on the embedded broker. It opens before the broker accepts anyone (its hooks decide who may
 * connect), guards every web route, and mounts /login, /logout, /account/tokens and /admin/users.
 *
 *   const logins = loginsModule({ log, https, automationToken: cfg.HUB_API_TOKEN, hubMqtt });
 *   await startHub(cfg, { modules: [logins, …] });   // logins.auth: the service, e.g. to set a password
 */
import type { Kysely } from "kysely";
import { HubError } from "#hub/errors.js";
import type { HubModule } from "#hub/modules.js";
import type { Database } from "#hub/store/database.js";
import { createHubAuth, type HubAuth, type HubAuthDeps } from "./index.js";

/** The logins module, with the login service it runs (usable once the hub has started). */
export interface LoginsModule extends HubModule {
  readonly auth: HubAuth;
}

/** Builds the logins module from the logins' slice of the configuration (see compose.ts). */
export function loginsModule(deps: Omit<HubAuthDeps, "db">): LoginsModule {
  let ledger: Kysely<Database> | undefined;
  const auth = createHubAuth({
    ...deps,
    db: () => {
      if (!ledger) throw new HubError("logins used before the ledger was opened", "DB_UNAVAILABLE");
      return ledger;
    },
  });
  return {
    name: "auth",
    auth,
    open(ctx) {
      ledger = ctx.db;
      return { broker: auth.broker, guard: auth.middleware };
    },
    start: () => ({
      routes: [{ path: "/", app: auth.routes }],
      // Beside the sign-out; the dashboard shows each only to the roles the policy lets open it.
      nav: [
        { href: "/account/tokens", label: "API tokens", group: "account" },
        { href: "/admin/users", label: "Logins", group: "account" },
      ],
    }),
  };
}
