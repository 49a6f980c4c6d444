/**
 * The station's workflows. Importing a folder's index.ts registers that workflow in
 * `stationWorkflows`; the order here is the order they claim scans and appear on the kiosk.
 * Adding a workflow is one folder and one line here (station/README.md, "Adding a workflow").
 */
import "./receive/index.js";
import "./look-up/index.js";
import "./restock/index.js";
import "./quarantine/index.js";
import "./count/index.js";
import "./waste/index.js";
import "./split/index.js";

export { stationWorkflows, WorkflowRegistry, OpenWorkflows } from "./registry.js";
export type { ConfigSlice } from "./workflow.js";
