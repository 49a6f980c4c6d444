/**
 * The hub's real web app with logins mounted as the product mounts them, over a test ledger:
 * one employee with a login per role (username = role), for the dashboard's route tests.
 */
import { EventEmitter } from "node:events";
import { singleSite } from "#hub/sites/directory.js";
import type { Role } from "#contract/domain.js";
import { createHubAuth } from "#hub/auth/index.js";
import { silentLog } from "#hub/log.js";
import { createApp, type WebDeps } from "#hub/web/app.js";
import { LiveFeed } from "#hub/web/live.js";
import { addEmployee, TEST_PASSWORD_COST } from "./auth-kit.js";
import type { LedgerDialect } from "#hub/store/open.js";
import { openTestLedger, type TestLedger } from "./ledger.js";
import type { SyncProgress } from "#hub/statesystem/sync.js";
import { IDLE_SYNC, type StateSystemWorker } from "#hub/statesystem/worker.js";

export const DASHBOARD_PASSWORD = "correct horse battery";
export const DASHBOARD_ROLES: readonly Role[] = ["coordinator", "budtender", "manager", "auditor", "admin"];

/**
 * A state-system worker for the dashboard's pages that never syncs by itself: idle progress, and
 * a sync now that reports success with no entities.
 */
export function idleSyncWorker(): Pick<StateSystemWorker, "syncNow" | "progress" | "events"> {
  return {
    syncNow: async () => ({ ok: true, entities: [] }),
    progress: () => IDLE_SYNC,
    events: new EventEmitter<{ progress: [SyncProgress] }>(),
  };
}

export interface DashboardKit {
  ledger: TestLedger;
  app: ReturnType<typeof createApp>;
  dispose(): Promise<void>;
}

/** Builds the app; `prepare` fills the ledger first, `deps` overrides web dependencies (nav, extra routes…). */
export async function startDashboardKit(
  opts: {
    prepare?: (ledger: TestLedger) => Promise<void>;
    deps?: Partial<WebDeps> | ((ledger: TestLedger) => Partial<WebDeps>);
    nowMs?: number;
    /** The ledger's database (default SQLite). */
    dialect?: LedgerDialect;
  } = {},
): Promise<DashboardKit> {
  const ledger = await openTestLedger(opts.dialect ?? "sqlite");
  await opts.prepare?.(ledger);
  const log = silentLog();
  const auth = createHubAuth({
    db: ledger.db,
    log,
    https: false,
    passwordCost: TEST_PASSWORD_COST,
    clientAddress: () => "10.0.0.1",
  });
  for (const role of DASHBOARD_ROLES) {
    const id = `e-${role}`;
    if (!(await ledger.db.selectFrom("employees").select("id").where("id", "=", id).executeTakeFirst()))
      await addEmployee(ledger.db, id, role);
    await auth.service.setPassword(id, role, DASHBOARD_PASSWORD);
  }
  const sites = singleSite();
  const live = new LiveFeed({ db: ledger.db, log, sites });
  const extra = typeof opts.deps === "function" ? opts.deps(ledger) : opts.deps;
  const app = createApp({
    db: ledger.db,
    dialect: opts.dialect ?? "sqlite",
    log,
    clock: { now: () => opts.nowMs ?? Date.now() },
    sites,
    live,
    broker: () => ({ connected: true, url: "mqtt://127.0.0.1:1", embedded: true }),
    ingestStats: () => ({ received: 0, stored: 0, duplicates: 0, deadLettered: 0, pending: 0, failing: null }),
    auth: auth.middleware,
    ...extra,
    extraRoutes: [{ path: "/", app: auth.routes }, ...(extra?.extraRoutes ?? [])],
  });
  return { ledger, app, dispose: () => ledger.dispose() };
}
