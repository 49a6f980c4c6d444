/**
 * The reconciliation slice of the hub's one configuration schema (hub/config.ts): when the
 * scheduled run happens. Sites and their time zones come with the hub's context.
 *
 *   RECONCILE_AT=06:00   (default) once each site's clock passes 06:00, its previous business day is reconciled
 *   RECONCILE_AT=off     no scheduled runs (the dashboard's "Run now", the API and the CLI still run)
 */
import type { HubConfig } from "#hub/config.js";

export interface ReconcileConfig {
  /** "HH:MM" in each site's zone, or "off" for no schedule. */
  at: string;
}

/** The reconciliation slice of a loaded hub configuration. */
export function reconcileSlice(cfg: HubConfig): ReconcileConfig {
  return Object.freeze({ at: cfg.RECONCILE_AT });
}
