import { join } from "node:path";
import { DEFAULT_TIME_ZONE } from "#contract/facility-time.js";
import { stationWorkflows } from "../registry.js";
import type { Workflow, WorkflowPlugin } from "../workflow.js";
import { WASTE_JOURNAL } from "./journal.js";
import { wasteRoutes } from "./routes.js";
import { Waste } from "./service.js";

/**
 * Waste at the kiosk: scan the package, weigh it, choose the state's reason, a second employee
 * witnesses with badge and PIN, a waste label prints and the `waste` event goes to the hub.
 * Scans and the scale belong to waste only while its screen is open and someone who may waste is
 * signed in; while it waits for the witness, a badge scanned goes to it (not to sign-in).
 */
export const wasteWorkflow: WorkflowPlugin = {
  name: "waste",
  async open(ctx): Promise<Workflow> {
    const w = await Waste.open({
      stationId: ctx.stationId,
      siteId: ctx.siteId,
      clock: ctx.clock,
      log: ctx.log,
      file: join(ctx.dataDir, WASTE_JOURNAL),
      timeZone: ctx.timeZone ?? DEFAULT_TIME_ZONE,
      outbox: ctx.outbox,
      printer: () => ctx.devices.printer(),
      person: () => ctx.person(),
      replica: ctx.replica,
      doorSessionId: () => ctx.doorSessionId(),
    });
    const claim = () => (w.screen.watching() && w.view().mayWaste ? w : undefined);
    const unsubscribe = [
      ctx.events.on(
        "scan",
        async (scan) => void (scan.workflow === "waste" ? await w.onScan(scan) : undefined),
        "waste",
      ),
      ctx.events.on("weight", (read) => (claim() ? w.onWeight(read) : undefined), "waste"),
      ctx.events.on("sign-in", () => void w.events.emit("changed"), "waste"),
      ctx.events.on("sign-out", () => void w.events.emit("changed"), "waste"),
    ];
    return {
      name: "waste",
      tile: { title: "Waste", hint: "Weigh, reason, witness, label", path: "/waste" },
      journal: WASTE_JOURNAL,
      claimsScans: () =>
        claim() ? { sessionId: w.view().state.wasteId ?? undefined, takesBadges: w.wantsBadge() } : undefined,
      claimsWeights: () => claim() !== undefined,
      routes: (app) => wasteRoutes({ ...app, waste: w }),
      async close() {
        for (const off of unsubscribe) off();
        await w.close();
      },
    };
  },
};

stationWorkflows.register(wasteWorkflow);
