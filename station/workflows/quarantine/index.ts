import { join } from "node:path";
import { stationWorkflows } from "../registry.js";
import { RestockReplica } from "../restock/replica-view.js";
import type { Workflow, WorkflowPlugin } from "../workflow.js";
import { quarantineConfigSlice, type QuarantineConfig } from "./config.js";
import { quarantineRoutes } from "./routes.js";
import { Quarantine } from "./service.js";

/**
 * Quarantine at the kiosk: scan a package, choose why, it goes to the quarantine shelf
 * (`QUARANTINE_LOCATION`) with a printed quarantine label; a package held already can be asked
 * for release (a manager approves on the dashboard). Scans are quarantine's while its screen is
 * open and a coordinator, manager or admin is signed in.
 */
export const quarantineWorkflow: WorkflowPlugin<QuarantineConfig> = {
  name: "quarantine",
  config: quarantineConfigSlice,
  async open(ctx): Promise<Workflow> {
    const replica = new RestockReplica({ file: join(ctx.dataDir, "replica.json"), log: ctx.log });
    await replica.load();
    const quarantine = new Quarantine({
      stationId: ctx.stationId,
      siteId: ctx.siteId,
      location: ctx.config.location,
      log: ctx.log,
      clock: ctx.clock,
      timeZone: ctx.timeZone,
      outbox: ctx.outbox,
      replica,
      printer: () => ctx.devices.printer(),
      person: () => ctx.person(),
    });
    const off = [
      ctx.events.on("scan", (scan) => quarantine.onScan(scan), "quarantine"),
      ctx.events.on("sign-in", () => void quarantine.events.emit("changed"), "quarantine"),
      ctx.events.on("sign-out", () => void quarantine.events.emit("changed"), "quarantine"),
    ];
    return {
      name: "quarantine",
      tile: { title: "Quarantine", hint: "Set a package apart, ask for its release", path: "/quarantine" },
      commands: ["catalog"],
      onCommand: () => quarantine.reload(),
      claimsScans: () => quarantine.claims(),
      claimsWeights: () => false,
      routes: (app) => quarantineRoutes({ ...app, quarantine }),
      async close() {
        for (const f of off) f();
      },
    };
  },
};

stationWorkflows.register(quarantineWorkflow);
