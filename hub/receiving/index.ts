/**
 * Receiving on the hub: manifests offered to the stations, the vault's decisions recorded, the
 * METRC receiving checklist, and the watch on METRC's outcome. The rest of the hub imports from here.
 */
export { receivingModule, type ReceivingModuleOptions } from "./module.js";
export { createReceivingService, type ReceivingService, type ReceivingServiceDeps } from "./service.js";
export { receivingApi, receivingPages, type ReceivingRoutesDeps } from "./routes.js";
export { buildChecklist, checklistCsv, type Checklist, type ChecklistRow } from "./checklist.js";
export { listManifests, manifestDetail, type ManifestDetail, type ManifestSummary } from "./queries.js";
export { openManifests, buildManifests, transferViews } from "./manifests.js";
export { watchOutcomes, findDifferences, sameQuantity } from "./outcome.js";
export { applyReceiveEvent } from "./decisions.js";
