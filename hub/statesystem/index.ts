/**
 * The state-system module's entry points for the rest of the hub: the port, the module and its
 * configuration slice.
 */
export type { StateSystem } from "./port.js";
export { stateSystemSlice } from "./config.js";
export { stateSystemModule, type StateSystemModule } from "./module.js";
