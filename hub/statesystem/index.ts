/**
 * The state-system module's entry points: the factory, the simulators, the worker, the
 * dashboard routes and the CLI. The rest of the hub imports from here only.
 */
export type { StateSystem, StateWrite } from "./port.js";
export { createStateSystem, DEMO_LICENSE, type StateSystemDeps } from "./factory.js";
export { loadStateSystemConfig, stateSystemSlice, type StateSystemConfig } from "./config.js";
export { startMetrcSimulator, type MetrcSimulator, type MetrcSimulatorControl } from "./metrc-sim/server.js";
export { simSeedFromDemoStore, syntheticSimSeed } from "./metrc-sim/seed.js";
export { startBioTrackSimulator } from "./biotrack/sim.js";
export { startStateSystemWorker, type StateSystemWorker } from "./worker.js";
export { stateSystemRoutes } from "./web/routes.js";
export { runStateSystemCli, stateSystemCommand } from "./cli.js";
export { requestLogSink } from "./store/request-log.js";
export { incomingManifests, labResultsFor, type IncomingManifest } from "./store/manifests.js";
export { startStateSystemModule, stateSystemModule, type StateSystemModule } from "./module.js";
