import { join } from "node:path";
import { DEFAULT_TIME_ZONE } from "#contract/facility-time.js";
import { stationWorkflows } from "../registry.js";
import type { Workflow, WorkflowPlugin } from "../workflow.js";
import { splitRoutes } from "./routes.js";
import { Split, SPLIT_JOURNAL } from "./service.js";

/**
 * New packages from a bulk one: scan the source, a fresh tag per new package, weigh or count
 * each (its label prints), then what is left; the `split` event goes to the hub, which queues the
 * state system's package creation. Scans and the scale belong to it only while its screen is open.
 */
export const splitWorkflow: WorkflowPlugin = {
  name: "split",
  async open(ctx): Promise<Workflow> {
    const s = await Split.open({
      stationId: ctx.stationId,
      siteId: ctx.siteId,
      clock: ctx.clock,
      log: ctx.log,
      file: join(ctx.dataDir, SPLIT_JOURNAL),
      timeZone: ctx.timeZone ?? DEFAULT_TIME_ZONE,
      outbox: ctx.outbox,
      printer: () => ctx.devices.printer(),
      person: () => ctx.person(),
      replica: ctx.replica,
      doorSessionId: () => ctx.doorSessionId(),
    });
    const claim = () => (s.screen.watching() && s.view().mayEdit ? s : undefined);
    const unsubscribe = [
      ctx.events.on(
        "scan",
        async (scan) => void (scan.workflow === "split" ? await s.onScan(scan) : undefined),
        "split",
      ),
      ctx.events.on("weight", (read) => (claim() ? s.onWeight(read) : undefined), "split"),
      ctx.events.on("sign-in", () => void s.events.emit("changed"), "split"),
      ctx.events.on("sign-out", () => void s.events.emit("changed"), "split"),
    ];
    return {
      name: "split",
      tile: { title: "Split", hint: "New packages from a bulk one, each labelled", path: "/split" },
      journal: SPLIT_JOURNAL,
      claimsScans: () => (claim() ? { sessionId: s.view().state.splitId ?? undefined } : undefined),
      claimsWeights: () => claim() !== undefined,
      routes: (app) => splitRoutes({ ...app, split: s }),
      async close() {
        for (const off of unsubscribe) off();
        await s.close();
      },
    };
  },
};

stationWorkflows.register(splitWorkflow);
