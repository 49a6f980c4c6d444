/**
 * The chain view as a hub module (compose.ts adds it): `/chain`, every site's open variances
 * (through the `investigations` service when that module is installed), failed state-system
 * writes and stations offline, for the office roles (hub/auth/policy.ts). In the header when the
 * hub serves more than one site.
 */
import type { HubModule } from "#hub/modules.js";
import { chainRoutes } from "./routes.js";

export function chainModule(): HubModule {
  return {
    name: "chain",
    uses: ["investigations"],
    start(ctx) {
      const app = chainRoutes({
        db: ctx.db,
        sites: ctx.sites,
        clock: ctx.clock,
        investigations: ctx.services.use("investigations"),
      });
      return {
        routes: [{ path: "/chain", app }],
        nav: ctx.sites.ids().length > 1 ? [{ href: "/chain", label: "Chain" }] : [],
      };
    },
  };
}
