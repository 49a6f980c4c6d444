import type { Kysely } from "kysely";
import type { StartOptions } from "#hub/main.js";
import { createHubAuth, type HubAuth, type HubAuthDeps } from "./index.js";

export interface HubLogins {
  auth: HubAuth;
  /** Spread into startHub's options: broker hooks, web middleware and routes, and the ledger hand-over. */
  startOptions: Required<Pick<StartOptions, "broker" | "web" | "beforeStart">>;
}

/**
 * Logins for startHub, which opens the ledger itself: the auth module gets the ledger in
 * `beforeStart` (after migrations, before the broker accepts anyone). `then` runs any other
 * beforeStart work (demo seeding).
 *
 *   const logins = createHubLogins({ log, https, automationToken: cfg.HUB_API_TOKEN, hubMqtt });
 *   await startHub(cfg, { log, ...logins.startOptions });
 */
export function createHubLogins(deps: Omit<HubAuthDeps, "db">, then?: StartOptions["beforeStart"]): HubLogins {
  let ledger: Kysely<any> | undefined;
  const auth = createHubAuth({
    ...deps,
    db: () => {
      if (!ledger) throw new Error("logins used before the ledger was opened");
      return ledger;
    },
  });
  return {
    auth,
    startOptions: {
      broker: auth.broker,
      web: { auth: auth.middleware, extraRoutes: [{ path: "/", app: auth.routes }] },
      beforeStart: async (db) => {
        ledger = db;
        await then?.(db);
      },
    },
  };
}
