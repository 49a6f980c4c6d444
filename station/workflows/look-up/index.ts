import { join } from "node:path";
import { stationWorkflows } from "../registry.js";
import type { Workflow, WorkflowPlugin } from "../workflow.js";
import { lookUpConfigSlice, type LookUpConfig } from "./config.js";
import { lookUpRoutes } from "./routes.js";
import { LookUp } from "./service.js";
import { hubPackages, replicaPackages } from "./sources.js";

/**
 * Look-up: scan or type any tag and see what the hub's ledger (or, when the hub is away, this
 * vault's replica) knows about it. Scans are tied to look-up while a look-up screen is open; it
 * claims no weights, handles no hub commands and keeps no journal.
 */
export const lookUpWorkflow: WorkflowPlugin<LookUpConfig> = {
  name: "lookup",
  config: lookUpConfigSlice,
  async open(ctx): Promise<Workflow> {
    const { hubUrl, hubToken, hubTimeoutMs } = ctx.config;
    const lookUp = new LookUp({
      hub: hubUrl ? hubPackages({ url: hubUrl, token: hubToken, timeoutMs: hubTimeoutMs }) : undefined,
      replica: replicaPackages({ file: join(ctx.dataDir, "replica.json"), log: ctx.log }),
      log: ctx.log,
    });
    const off = ctx.events.on("scan", (scan) => lookUp.onScan(scan), "lookup");
    return {
      name: "lookup",
      tile: { title: "Look up", hint: "Any tag: item, place, lab, history", path: "/look-up" },
      claimsScans: () => (lookUp.watching() ? {} : undefined),
      claimsWeights: () => false,
      routes: (app) => lookUpRoutes({ ...app, lookUp }),
      close: async () => off(),
    };
  },
};

stationWorkflows.register(lookUpWorkflow);
