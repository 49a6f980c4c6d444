import { join } from "node:path";
import type { Role } from "#contract/domain.js";
import { stationWorkflows } from "../registry.js";
import type { Workflow, WorkflowPlugin } from "../workflow.js";
import { itemOf, assignmentOf } from "./machine.js";
import { countRoutes } from "./routes.js";
import { Counting } from "./service.js";

/** Roles that count the vault. */
const COUNTERS: ReadonlySet<Role> = new Set(["coordinator", "manager", "admin"]);

/** The count's journal in STATION_DATA_DIR. */
const JOURNAL = "count.journal";

/**
 * Blind cycle counts at the kiosk. The hub assigns counts with the `count` command; while a
 * count screen is open on an open count and someone who may count is signed in, scans carry
 * workflow "count" and the count's session, and the scale is the count's while the package being
 * counted is counted by weight. The kiosk never learns, so never shows, what the ledger expects.
 */
export const countWorkflow: WorkflowPlugin = {
  name: "count",
  async open(ctx): Promise<Workflow> {
    const person = () => {
      const p = ctx.person();
      return p && COUNTERS.has(p.role) ? { employeeId: p.employeeId, name: p.name } : null;
    };
    const counting = await Counting.open({
      stationId: ctx.stationId,
      siteId: ctx.siteId,
      clock: ctx.clock,
      log: ctx.log,
      file: join(ctx.dataDir, JOURNAL),
      outbox: ctx.outbox,
      person,
      knownItem: () => undefined,
    });
    const weighing = () => {
      const s = counting.current();
      const a = assignmentOf(s, s.open?.countSessionId);
      return a && s.open?.current ? itemOf(a, s.open.current).item?.countBy === "weight" : false;
    };
    const unsubscribe = [
      ctx.events.on(
        "scan",
        async (scan) => {
          if (scan.workflow !== "count") return;
          const out = await counting.onScan(scan);
          if (!out.ok) ctx.log.info({ code: scan.code, reason: out.reason }, "scan not counted");
        },
        "count",
      ),
      ctx.events.on(
        "weight",
        (read) => (counting.scanClaim() ? counting.onWeight(read).then(() => undefined) : undefined),
        "count",
      ),
      ctx.events.on("sign-in", () => void counting.events.emit("changed", false), "count"),
      ctx.events.on("sign-out", () => void counting.events.emit("changed", false), "count"),
    ];
    return {
      name: "count",
      tile: { title: "Count", hint: "Blind cycle counts the hub assigned", path: "/count" },
      journal: JOURNAL,
      commands: ["count"],
      async onCommand(cmd) {
        if (cmd.name === "count") await counting.assign(cmd.payload.counts);
      },
      claimsScans: () => counting.scanClaim(),
      claimsWeights: () => counting.scanClaim() !== undefined && weighing(),
      routes: (app) => countRoutes({ ...app, counting, signedIn: person }),
      async close() {
        for (const off of unsubscribe) off();
        await counting.close();
      },
    };
  },
};

stationWorkflows.register(countWorkflow);
