import type { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { Envelope } from "#contract/envelope.js";
import type { Printer } from "#station/devices/index.js";
import type { ReceiveTask } from "./journal.js";
import { sendLabel, type LabelJob } from "./labels.js";
import { printEvent, taskId, type TaskContext } from "./tasks.js";
import type { Outcome, ReceiveChange } from "./types.js";

export interface TaskRunnerDeps {
  outbox: { append(env: Envelope): Promise<void> };
  printer(): Printer | undefined;
  log: Logger;
  events: EventEmitter<{ changed: [ReceiveChange] }>;
  /** Stamps for a print event, while a receiving is open or just closed; null when none is. */
  context(): TaskContext | null;
  /** Tasks carried out: journaled as done so a restart does not do them again. */
  done(ids: string[]): void;
}

/**
 * Carries out a receiving's tasks: events into the outbox at once (awaited), labels to the
 * printer in the background, each finished label followed by its print event. Keeps this
 * receiving's label jobs for the kiosk and "Print again".
 */
export class ReceiveTasks {
  private jobs: LabelJob[] = [];

  constructor(private readonly deps: TaskRunnerDeps) {}

  labelJobs(): readonly LabelJob[] {
    return this.jobs;
  }

  /** A new receiving starts with no label jobs. */
  reset(): void {
    this.jobs = [];
  }

  /** Events into the outbox now (awaited); labels to the printer in the background. */
  async run(tasks: readonly ReceiveTask[]): Promise<void> {
    const sent: string[] = [];
    for (const t of tasks) {
      if (t.kind === "print") {
        const job: LabelJob = { ...t.print, state: "printing" };
        this.jobs.push(job);
        void this.print(job, t);
        continue;
      }
      await this.deps.outbox.append(t.env);
      sent.push(t.env.id);
    }
    if (sent.length > 0) this.deps.done(sent);
  }

  /** Sends a failed label job to the printer again. */
  async reprint(jobId: string): Promise<Outcome> {
    const job = this.jobs.find((j) => j.id === jobId);
    if (!job) return { ok: false, reason: "No such label job" };
    await this.print(job, null);
    return { ok: true };
  }

  private async print(job: LabelJob, task: ReceiveTask | null): Promise<void> {
    this.deps.events.emit("changed", "labels");
    const outcome = await sendLabel(this.deps.printer(), job);
    this.deps.events.emit("changed", "labels");
    const ctx = this.deps.context();
    if (ctx) {
      const env = printEvent({ ...outcome, template: job.template, label: job.label }, ctx);
      await this.deps.outbox
        .append(env)
        .catch((err: unknown) => this.deps.log.error({ err, label: job.label }, "print event not recorded"));
    }
    if (task) this.deps.done([taskId(task)]);
    if (!outcome.ok)
      this.deps.log.warn(
        { label: job.label, template: job.template, error: outcome.error },
        "receiving label not printed",
      );
  }
}
