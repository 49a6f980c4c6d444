/**
 * POS import as a hub module: give it to startHub's `modules` (compose.ts does).
 *
 *   startHub(cfg, { modules: [posModule(posSlice(cfg))] })
 *
 * It mounts /pos and /api/pos and adds "POS import" to the header. Imports write only the POS
 * tables (and one audit entry each); packages are read, never written.
 */
import type { HubModule } from "#hub/modules.js";
import type { PosConfig } from "./config.js";
import { posApi, posPages } from "./routes.js";
import { POS_UPLOAD_MAX_BYTES, POS_UPLOAD_PATHS } from "./upload.js";

/** Body limits for the hub's security middleware: imports take files larger than forms. */
export const posUploadLimits = POS_UPLOAD_PATHS.map((path) => ({ path, maxBytes: POS_UPLOAD_MAX_BYTES }));

/** POS import as a hub module, from its slice of the configuration (config.ts `posSlice`). */
export function posModule(cfg: PosConfig): HubModule {
  return {
    name: "pos",
    start(ctx) {
      const deps = { db: ctx.db, clock: ctx.clock, pos: cfg };
      return {
        routes: [
          { path: "/pos", app: posPages(deps) },
          { path: "/api/pos", app: posApi(deps) },
        ],
        nav: [{ href: "/pos", label: "POS import" }],
      };
    },
  };
}
