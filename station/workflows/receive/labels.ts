import type { Printer } from "#station/devices/index.js";
import type { PrintTask } from "./journal.js";

/** A label job of this receiving, for the kiosk and the tests. */
export interface LabelJob extends PrintTask {
  state: "printing" | "printed" | "failed";
  /** Why it failed, in words for the kiosk. */
  error?: string;
}

/** What came of sending a label: for the job's state and the print event. */
export interface LabelOutcome {
  printerId: string;
  ok: boolean;
  error?: string | undefined;
}

/**
 * Sends one label to the printer and records the outcome on the job; never throws. A printer
 * that fails after its retries keeps the job in its own failed list, and the kiosk offers
 * "Print again" for it.
 */
export async function sendLabel(printer: Printer | undefined, job: LabelJob): Promise<LabelOutcome> {
  job.state = "printing";
  const outcome: LabelOutcome = printer
    ? await printer.print({ id: job.id, template: job.template, label: job.label, zpl: job.zpl }).then(
        () => ({ printerId: printer.id, ok: true }),
        (e: unknown) => ({ printerId: printer.id, ok: false, error: (e as Error).message }),
      )
    : { printerId: "none", ok: false, error: "no label printer configured" };
  job.state = outcome.ok ? "printed" : "failed";
  if (outcome.error) job.error = outcome.error;
  else delete job.error;
  return outcome;
}
