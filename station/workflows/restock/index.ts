import { join } from "node:path";
import { stationWorkflows } from "../registry.js";
import type { Workflow, WorkflowPlugin } from "../workflow.js";
import { RestockReplica } from "./replica-view.js";
import { restockRoutes } from "./routes.js";
import { Restock } from "./service.js";

/** Restock's journal in STATION_DATA_DIR. */
const JOURNAL = "restock.journal";

/**
 * Restocking the sales floor: the hub's open requests (the `restock` command, kept in the replica)
 * with their FEFO/FIFO pick lists; scans belong to the open request while a restock screen is open
 * and someone who may pick is signed in. Budtenders ask for a restock on /restock/ask.
 */
export const restockWorkflow: WorkflowPlugin = {
  name: "restock",
  async open(ctx): Promise<Workflow> {
    const restock = await Restock.open({
      stationId: ctx.stationId,
      siteId: ctx.siteId,
      file: join(ctx.dataDir, JOURNAL),
      log: ctx.log,
      clock: ctx.clock,
      outbox: ctx.outbox,
      replica: new RestockReplica({ file: join(ctx.dataDir, "replica.json"), log: ctx.log }),
      person: () => ctx.person(),
      banner: (b) => ctx.banner(b),
    });
    const off = [
      ctx.events.on("scan", (scan) => restock.onScan(scan), "restock"),
      ctx.events.on("sign-in", () => void restock.events.emit("changed"), "restock"),
      ctx.events.on("sign-out", () => void restock.events.emit("changed"), "restock"),
    ];
    return {
      name: "restock",
      tile: { title: "Restock", hint: "Pick the floor's requests, first to expire first", path: "/restock" },
      journal: JOURNAL,
      commands: ["restock", "catalog"],
      onCommand: () => restock.reload(),
      claimsScans: () => restock.claims(),
      claimsWeights: () => false,
      routes: (app) => restockRoutes({ ...app, restock }),
      async close() {
        for (const f of off) f();
        await restock.close();
      },
    };
  },
};

stationWorkflows.register(restockWorkflow);
