import type { Logger } from "pino";
import type { BarcodeClass } from "#contract/barcode.js";
import type { workflows } from "#contract/messages.js";
import type { AnyCommand } from "#contract/validate.js";
import type { DoorRead, WeightRead } from "#station/devices/index.js";

/** A workflow name as scan events carry it (`receive`, `lookup`…; contract/messages.ts). */
export type WorkflowName = (typeof workflows)[number];

/** A scan once it is fsynced in the outbox, as workflows get it. */
export interface StationScan {
  /** Event id of the scan in the outbox. */
  id: string;
  /** ISO time of the scan. */
  at: string;
  code: string;
  scannerId: string;
  classification: BarcodeClass;
  employeeId?: string | undefined;
  /** The workflow the scan was tied to when it was recorded (`idle` when none claimed it). */
  workflow: WorkflowName;
}

/**
 * The station's domain events, what workflows listen to (never the kiosk's UI feed):
 * - `scan`: a scan recorded and fsynced in the outbox, whichever scanner read it;
 * - `weight`: every scale reading, stable or not (a workflow keeps what it needs);
 * - `door`: a debounced door sensor change;
 * - `command`: a hub command, after the replica applied it;
 * - `sign-in` / `sign-out`: who is at the kiosk changed.
 */
export interface StationEventMap {
  scan: StationScan;
  weight: WeightRead;
  door: DoorRead;
  command: AnyCommand;
  "sign-in": { employeeId: string; name: string };
  "sign-out": { employeeId: string };
}

export type StationEventName = keyof StationEventMap;
type Handler<K extends StationEventName> = (event: StationEventMap[K]) => void | Promise<void>;

/**
 * The in-process event bus between the station's recorders and its workflows. Handlers may be
 * async; `emit` starts each one in subscription order (synchronously up to its first await, so a
 * scan reaches every workflow in the order it was recorded) and resolves once all have settled.
 * A failing handler is logged with its workflow and code and never keeps the others from running.
 */
export class StationEvents {
  private readonly handlers = new Map<StationEventName, Array<{ owner: string; fn: Handler<never> }>>();

  constructor(private readonly log: Logger) {}

  /**
   * Subscribes `fn` to one kind of event; `owner` (a workflow name) names it in error logs.
   * @returns a function that unsubscribes it.
   */
  on<K extends StationEventName>(name: K, fn: Handler<K>, owner = "station"): () => void {
    const list = this.handlers.get(name) ?? [];
    const entry = { owner, fn: fn as Handler<never> };
    this.handlers.set(name, [...list, entry]);
    return () =>
      this.handlers.set(
        name,
        (this.handlers.get(name) ?? []).filter((h) => h !== entry),
      );
  }

  /** Hands `event` to every subscriber; resolves when each has finished (or failed, logged). */
  async emit<K extends StationEventName>(name: K, event: StationEventMap[K]): Promise<void> {
    const list = this.handlers.get(name) ?? [];
    const runs = list.map(async (h) => {
      try {
        await (h.fn as Handler<K>)(event);
      } catch (err) {
        const code = (err as { code?: unknown }).code ?? "WORKFLOW_FAILED";
        this.log.error({ err, code, event: name, owner: h.owner }, "station event handler failed");
      }
    });
    await Promise.all(runs);
  }
}
