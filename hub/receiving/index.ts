/**
 * Receiving on the hub: manifests offered to the stations, the vault's decisions recorded, the
 * METRC receiving checklist, and the watch on METRC's outcome. Code outside receiving takes its
 * shared types from here; the module itself is started through module.ts.
 */
export type { Checklist } from "./checklist.js";
export type { ManifestDetail } from "./queries.js";
