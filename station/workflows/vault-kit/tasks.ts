import type { Logger } from "pino";
import type { Envelope } from "#contract/envelope.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import type { Printer } from "#station/devices/index.js";
import type { LabelTemplate } from "#station/devices/label-printer/port.js";

/** A label to print, rendered when it was decided so a replay prints the same thing. */
export interface OpsPrint {
  id: string;
  template: LabelTemplate;
  label: string;
  zpl: string;
}

/** Something the station must do: put an event in the outbox, or print a label. */
export type OpsTask = { kind: "event"; env: Envelope } | { kind: "print"; print: OpsPrint };

/** A label job as the kiosk shows it. */
export interface OpsLabelJob extends OpsPrint {
  state: "printing" | "printed" | "failed";
  error?: string;
}

export interface TaskDeps {
  stationId: string;
  siteId: string;
  outbox: { append(env: Envelope): Promise<void> };
  printer(): Printer | undefined;
  log: Logger;
  /** Who is signed in, for the print events. */
  employeeId(): string | undefined;
  clock: { now(): number };
}

/**
 * Carries out tasks: events into the outbox at once (awaited), labels to the printer, each
 * finished label followed by its print event; `done` is told every finished task's id. Keeps
 * the label jobs for the kiosk.
 */
export class OpsTasks {
  readonly jobs: OpsLabelJob[] = [];

  constructor(
    private readonly deps: TaskDeps,
    private readonly done: (ids: string[]) => Promise<void>,
    private readonly changed: () => void,
  ) {}

  async run(tasks: readonly OpsTask[]): Promise<void> {
    const sent: string[] = [];
    for (const t of tasks) {
      if (t.kind === "event") {
        await this.deps.outbox.append(t.env);
        sent.push(t.env.id);
      } else void this.print(t.print);
    }
    if (sent.length > 0) await this.done(sent);
  }

  private async print(p: OpsPrint): Promise<void> {
    const job: OpsLabelJob = { ...p, state: "printing" };
    this.jobs.push(job);
    this.changed();
    const printer = this.deps.printer();
    const outcome = printer
      ? await printer.print({ id: p.id, template: p.template, label: p.label, zpl: p.zpl }).then(
          () => ({ printerId: printer.id, ok: true, error: undefined as string | undefined }),
          (e: unknown) => ({ printerId: printer.id, ok: false, error: (e as Error).message }),
        )
      : { printerId: "none", ok: false, error: "no label printer configured" };
    job.state = outcome.ok ? "printed" : "failed";
    if (outcome.error) job.error = outcome.error;
    this.changed();
    try {
      const employeeId = this.deps.employeeId();
      await this.deps.outbox.append(
        eventSchemas.print.parse({
          id: newId(),
          type: "print",
          stationId: this.deps.stationId,
          siteId: this.deps.siteId,
          at: new Date(this.deps.clock.now()).toISOString(),
          ...(employeeId ? { employeeId } : {}),
          payload: {
            printerId: outcome.printerId,
            template: p.template,
            label: p.label,
            ok: outcome.ok,
            ...(outcome.error ? { error: outcome.error.slice(0, 500) } : {}),
          },
        }),
      );
      await this.done([p.id]);
    } catch (err) {
      this.deps.log.error({ err, label: p.label }, "print event not recorded");
    }
  }
}
