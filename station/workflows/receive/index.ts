import { join } from "node:path";
import { stationWorkflows } from "../registry.js";
import type { Workflow, WorkflowContext, WorkflowPlugin } from "../workflow.js";
import { receiveConfigSlice, type ReceivingConfig } from "./config.js";
import { receiveRoutes } from "./routes.js";
import { Receiving } from "./service.js";
import { replicaFileView } from "./shelves.js";

/** Scans that could be a package: a badge or a command barcode on the screen is sign-in's. */
const PACKAGE_CODES = new Set(["metrc-tag", "gs1", "retail-id", "invalid"]);

/** Receiving's journal in STATION_DATA_DIR. */
const JOURNAL = "receiving.journal";

/**
 * Opens receiving in `ctx.dataDir` (`receiving.journal`; shelves and manifests read from
 * `replica.json`) and resumes an interrupted manifest.
 */
export function openReceiving(ctx: WorkflowContext<ReceivingConfig>): Promise<Receiving> {
  const { config, log } = ctx;
  const replica = replicaFileView({
    file: join(ctx.dataDir, "replica.json"),
    notShelves: [config.quarantineLocation, ...config.notShelves],
    log,
  });
  return Receiving.open({
    stationId: ctx.stationId,
    siteId: ctx.siteId,
    clock: ctx.clock,
    log,
    file: join(ctx.dataDir, JOURNAL),
    outbox: ctx.outbox,
    manifests: () => replica.manifests(),
    shelves: replica,
    printer: () => ctx.devices.printer(),
    config,
    person: () => ctx.person(),
    timeZone: ctx.timeZone,
  });
}

/**
 * Receiving a manifest at the kiosk. Scans and scale readings belong to the open manifest only
 * while a receiving screen is open and the manifest is not set aside: scans recorded then carry
 * workflow "receive" and its session, and only those reach the manifest. A scan made on the home
 * screen, on another workflow's screen or with the manifest set aside stays a plain scan, and so
 * does one made while nobody who may receive is signed in (the screen then says "sign in to receive").
 */
export const receiveWorkflow: WorkflowPlugin<ReceivingConfig> = {
  name: "receive",
  config: receiveConfigSlice,
  async open(ctx): Promise<Workflow> {
    const receiving = await openReceiving(ctx);
    const screen = receiving.screen;
    const claim = () => (screen.open() && screen.access().ok ? receiving.scanContext() : undefined);
    const unsubscribe = [
      ctx.events.on(
        "scan",
        async (scan) => {
          if (scan.workflow !== "receive") {
            if (screen.open() && !screen.access().ok && PACKAGE_CODES.has(scan.classification.kind))
              screen.scannedSignedOut(scan);
            return;
          }
          const out = await receiving.onScan(scan);
          // The scan itself is safe in the outbox; say plainly that the manifest did not take it.
          if (!out.ok)
            ctx.banner({
              level: "error",
              text: `Scan ${scan.code} recorded, but NOT added to the manifest: ${out.reason}. Scan it again.`,
              sound: true,
            });
        },
        "receive",
      ),
      ctx.events.on("sign-in", () => screen.peopleChanged(), "receive"),
      ctx.events.on("sign-out", () => screen.peopleChanged(), "receive"),
      ctx.events.on(
        "weight",
        (read) =>
          claim()
            ? receiving
                .onWeight(read)
                .catch((err: unknown) => ctx.log.error({ err }, "weight not applied to receiving"))
            : undefined,
        "receive",
      ),
    ];
    return {
      name: "receive",
      tile: { title: "Receive", hint: "Check a delivery against its manifest", path: "/receive" },
      journal: JOURNAL,
      claimsScans: () => claim(),
      claimsWeights: () => claim() !== undefined,
      routes: (app) => receiveRoutes({ ...app, receiving }),
      async close() {
        for (const off of unsubscribe) off();
        await receiving.close();
      },
    };
  },
};

stationWorkflows.register(receiveWorkflow);
