/**
 * The audit trail's dashboard page as a hub module: give it to startHub's `modules` (compose.ts does).
 *
 *   startHub(cfg, { modules: [auditModule()] })
 *
 * It mounts /audit (the export form and download, the chain's head) and adds "Audit trail" to the
 * header for the roles the policy lets read it. The trail itself is the ledger's (hub/ledger/audit*.ts).
 */
import type { HubModule } from "#hub/modules.js";
import { auditRoutes } from "./routes.js";

/** The auditors' page as a hub module. */
export function auditModule(): HubModule {
  return {
    name: "audit",
    start(ctx) {
      return {
        routes: [{ path: "/audit", app: auditRoutes({ db: ctx.db, sites: ctx.sites, clock: ctx.clock }) }],
        nav: [{ href: "/audit", label: "Audit trail" }],
      };
    },
  };
}
