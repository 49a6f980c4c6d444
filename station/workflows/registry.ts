import { StationError } from "#station/errors.js";
import type { WorkflowName } from "#station/events.js";
import { parseSlice } from "./config-slice.js";
import type { ConfigSlice, Workflow, WorkflowContext, WorkflowPlugin, WorkflowTile } from "./workflow.js";

/** The context every workflow shares; the registry adds each one's logger and config slice. */
export type SharedContext = Omit<WorkflowContext, "log" | "config"> & { log: WorkflowContext["log"] };

/**
 * The workflows the station runs, in registration order (the first one claiming a scan ties the
 * scan to itself). Each workflow folder's index.ts registers its plug-in here; the composition
 * root opens them all and nothing else names one (zigbee2mqtt's extension list is the model).
 */
export class WorkflowRegistry {
  private readonly plugins: WorkflowPlugin<never>[] = [];

  /** Adds a workflow. @throws StationError CONFIG_INVALID when the name is taken. */
  register<C>(plugin: WorkflowPlugin<C>): this {
    if (this.plugins.some((p) => p.name === plugin.name))
      throw new StationError(`workflow ${plugin.name} is registered twice`, "CONFIG_INVALID");
    this.plugins.push(plugin as WorkflowPlugin<never>);
    return this;
  }

  list(): readonly WorkflowPlugin<never>[] {
    return this.plugins;
  }

  /** The config slices of the registered workflows, for `loadConfig`. */
  configSlices(): ConfigSlice[] {
    return this.plugins.flatMap((p) => (p.config ? [p.config] : []));
  }

  /**
   * Opens every workflow with its config slice (`configs[slice.key]`, else the slice's defaults)
   * and routes hub commands to the ones that handle them. A workflow that fails to open closes
   * the ones opened before it and fails the start.
   */
  async open(shared: SharedContext, configs: Readonly<Record<string, unknown>> = {}): Promise<OpenWorkflows> {
    const opened: Workflow[] = [];
    try {
      for (const plugin of this.plugins) {
        const config = plugin.config ? (configs[plugin.config.key] ?? defaults(plugin.config)) : undefined;
        const log = shared.log.child({ mod: plugin.name });
        opened.push(await plugin.open({ ...shared, log, config: config as never }));
      }
    } catch (e) {
      await Promise.allSettled(opened.map((w) => w.close()));
      throw e;
    }
    for (const w of opened) {
      if (!w.commands?.length || !w.onCommand) continue;
      const handles = new Set<string>(w.commands);
      shared.events.on("command", (cmd) => (handles.has(cmd.name) ? w.onCommand?.(cmd) : undefined), w.name);
    }
    return new OpenWorkflows(opened);
  }
}

function defaults(slice: ConfigSlice): unknown {
  const r = parseSlice(slice, {});
  if (!r.ok)
    throw new StationError(
      `workflow config ${slice.key} has no defaults: ${r.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      "CONFIG_INVALID",
    );
  return r.value;
}

/** The running workflows: what the recorders ask while recording and the kiosk lists. */
export class OpenWorkflows {
  constructor(readonly all: readonly Workflow[]) {}

  /** The first workflow taking scans now, with its session: recorded scans are tied to it. */
  scanClaim(): { workflow: WorkflowName; sessionId?: string; takesBadges?: boolean } | undefined {
    for (const w of this.all) {
      const claim = w.claimsScans();
      if (claim)
        return {
          workflow: w.name,
          ...(claim.sessionId ? { sessionId: claim.sessionId } : {}),
          ...(claim.takesBadges ? { takesBadges: true } : {}),
        };
    }
    return undefined;
  }

  /** True while some workflow records its own weighings. */
  claimsWeights(): boolean {
    return this.all.some((w) => w.claimsWeights());
  }

  tiles(): Array<WorkflowTile & { name: WorkflowName }> {
    return this.all.map((w) => ({ name: w.name, ...w.tile }));
  }

  async close(): Promise<void> {
    const results = await Promise.allSettled(this.all.map((w) => w.close()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }
}

/** The station's workflows: each folder's index.ts registers itself here (station/workflows/index.ts imports them all). */
export const stationWorkflows = new WorkflowRegistry();
