import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { Envelope } from "#contract/envelope.js";
import { newId } from "#contract/ids.js";
import type { Manifest } from "#contract/receiving.js";
import type { Clock } from "#station/clock.js";
import type { Printer, WeightRead } from "#station/devices/index.js";
import {
  receive,
  startReceiving,
  type DecideInput,
  type ReceiveInput,
  type ReceiveRules,
  type ReceivingState,
} from "./machine.js";
import type { ReceivingConfig } from "./config.js";
import { ReceivingJournal, type JournalEntry } from "./journal.js";
import { replayJournal } from "./replay.js";
import type { LabelJob } from "./labels.js";
import { manifestToOpen, rulesOf } from "./opening.js";
import { mayReceive } from "./people.js";
import { placementFor } from "./placement.js";
import { ReceiveScreen } from "./screen.js";
import type { VaultShelves } from "./shelves.js";
import { ReceiveTasks } from "./task-runner.js";
import type { Outcome, Person, ReceiveChange, RecordedScan } from "./types.js";
import { tasksFor, type TaskContext } from "./tasks.js";
import { containerChoices, type Container } from "./weight.js";

export interface ReceivingDeps {
  stationId: string;
  siteId: string;
  clock: Clock;
  log: Logger;
  /** Path of `receiving.journal`. */
  file: string;
  outbox: { append(env: Envelope): Promise<void> };
  /** Manifests the hub offers this store (the replica's copy). */
  manifests(): readonly Manifest[];
  shelves: VaultShelves;
  printer(): Printer | undefined;
  person(): Person | null;
  config: ReceivingConfig;
  /** FACILITY_TIME_ZONE, for times printed on labels. */
  timeZone?: string | undefined;
  newId?: () => string;
}

export type { LabelJob } from "./labels.js";
export type { Outcome, Person, ReceiveChange, RecordedScan } from "./types.js";

/**
 * Receiving at the kiosk: feeds the pure workflow (workflows/receive.ts), journals every accepted
 * input before anything is shown or sent, then carries out the effects: line decisions and the
 * end of the manifest go to the outbox at once, labels to the printer with a print event each.
 * One receiving is open at a time; it survives power cuts, reloads and a hub that is away.
 */
export class Receiving {
  readonly events = new EventEmitter<{ changed: [ReceiveChange] }>();
  /** The receiving screens open now and who may use them: scans are the manifest's only then. */
  readonly screen: ReceiveScreen;
  private state: ReceivingState | null = null;
  private lastClosed: ReceivingState | null = null;
  private rules: ReceiveRules;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly newId: () => string;
  private readonly tasks: ReceiveTasks;

  private constructor(
    private readonly deps: ReceivingDeps,
    private readonly journal: ReceivingJournal,
  ) {
    this.newId = deps.newId ?? newId;
    this.rules = rulesOf(deps.config);
    this.events.setMaxListeners(100);
    this.screen = new ReceiveScreen({ person: deps.person, events: this.events });
    this.tasks = new ReceiveTasks({
      outbox: deps.outbox,
      printer: deps.printer,
      log: deps.log,
      events: this.events,
      done: (ids) => this.markDone(ids),
      context: () => {
        const open = this.state ?? this.lastClosed;
        return open ? this.context(open, undefined) : null;
      },
    });
  }

  /** Opens the journal and resumes an interrupted receiving exactly where it stopped. */
  static async open(deps: ReceivingDeps): Promise<Receiving> {
    const { journal, entries } = await ReceivingJournal.open(deps.file, deps.log);
    const r = new Receiving(deps, journal);
    await r.replay(entries);
    return r;
  }

  /** The open receiving, if any. */
  current(): ReceivingState | null {
    return this.state;
  }

  /** The receiving closed last (completed or rejected), for the summary screen. */
  closed(): ReceivingState | null {
    return this.lastClosed;
  }

  offered(): readonly Manifest[] {
    return this.deps.manifests();
  }

  labelJobs(): readonly LabelJob[] {
    return this.tasks.labelJobs();
  }

  /** Workflow and session id for scan events while a manifest is open and not set aside. */
  scanContext(): { workflow: "receive"; sessionId: string } | undefined {
    return this.state && !this.state.paused ? { workflow: "receive", sessionId: this.state.receivingId } : undefined;
  }

  /** Opens a manifest for receiving (or returns to the one already open). */
  start(manifestNumber: string): Promise<Outcome> {
    return this.serial(async (): Promise<Outcome> => {
      const who = this.mayReceive("receive a manifest");
      if (!who.ok) return who;
      const person = this.deps.person()!;
      if (this.state) return this.reopen(this.state, manifestNumber);
      const manifest = manifestToOpen(manifestNumber, this.deps.manifests(), this.lastClosed);
      if (typeof manifest === "string") return refused(manifest);
      const entry: JournalEntry = {
        k: "start",
        receivingId: this.newId(),
        manifest,
        employeeId: person.employeeId,
        at: this.deps.clock.now(),
        rules: this.rules,
      };
      await this.journal.replace([entry]);
      this.state = startReceiving(entry);
      this.lastClosed = null;
      this.tasks.reset();
      this.deps.log.info(
        { manifest: manifestNumber, receivingId: entry.receivingId, lines: manifest.lines.length },
        "receiving started",
      );
      this.events.emit("changed", "session");
      return { ok: true };
    }).catch(failed);
  }

  /** A recorded scan (already in the outbox): classified against the open manifest. */
  async onScan(scan: RecordedScan): Promise<Outcome> {
    if (!this.state) return { ok: true };
    const input: ReceiveInput = {
      type: "scan",
      scanId: scan.id,
      code: scan.code,
      classification: scan.classification,
      at: Date.parse(scan.at),
    };
    const out = await this.apply(input, "scan");
    if (!out.ok && out.failed)
      this.deps.log.error(
        { scanId: scan.id, reason: out.reason, code: "STORE_WRITE_FAILED" },
        "scan not applied to the open manifest",
      );
    // A scan that raced the manifest's end belongs to no manifest: it is recorded, nothing more.
    return out.ok || out.failed ? out : { ok: true };
  }

  /** A scale reading; only stable ones count, and only for a package waiting to be weighed. */
  async onWeight(read: WeightRead): Promise<void> {
    if (!this.state || read.overload) return;
    await this.apply({ type: "weight", grams: read.grams, stable: read.stable, at: read.at.getTime() }, "line", {
      scaleId: read.scaleId,
      raw: read.raw,
    });
  }

  select(label: string): Promise<Outcome> {
    return this.apply({ type: "select", label }, "line");
  }

  reweigh(label: string): Promise<Outcome> {
    return this.apply({ type: "reweigh", label }, "line");
  }

  /** The vault's own containers (RECEIVE_CONTAINERS), offered besides the item profile's and none. */
  containers(): readonly Container[] {
    return this.deps.config.containers;
  }

  /** Weighs the line in the container chosen by key (`containerChoices`): its tare is what is subtracted. */
  chooseContainer(label: string, key: string): Promise<Outcome> {
    const line = this.state?.lines[label]?.line;
    const choice = line ? containerChoices(line, this.containers()).find((c) => c.key === key) : undefined;
    if (!choice)
      return Promise.resolve(
        refused(line ? `No container "${key}" here` : `${label} is not a line of the open manifest`),
      );
    return this.apply({ type: "container", label, container: choice.container }, "line");
  }

  /** Decides a line; an accepted package gets its shelf from the replica in FEFO order. */
  async decide(d: Omit<DecideInput, "placement">): Promise<Outcome> {
    const who = this.mayReceive("decide");
    if (!who.ok) return who;
    const s = this.state;
    const placement =
      s && d.decision !== "reject"
        ? placementFor(s, d.label, this.deps.shelves, this.deps.config.defaultShelf)
        : undefined;
    return this.apply({ type: "decide", at: this.deps.clock.now(), ...d, ...(placement ? { placement } : {}) }, "line");
  }

  complete(): Promise<Outcome> {
    return this.tap("complete", { type: "complete", at: this.deps.clock.now() }, "session");
  }

  rejectManifest(reason: string): Promise<Outcome> {
    return this.tap("reject the manifest", { type: "reject-manifest", reason, at: this.deps.clock.now() }, "session");
  }

  /** Sets the open manifest aside: it keeps everything and takes no scans until resumed. */
  pause(): Promise<Outcome> {
    return this.tap("set the manifest aside", { type: "pause", at: this.deps.clock.now() }, "session");
  }

  /** Takes up the manifest set aside, where it stood. */
  resume(): Promise<Outcome> {
    return this.tap("resume the manifest", { type: "resume", at: this.deps.clock.now() }, "session");
  }

  /** Takes back a mistaken scan of a package not on the manifest (the hub audits it). */
  removeScan(label: string): Promise<Outcome> {
    return this.tap("remove a scan", { type: "remove", label, at: this.deps.clock.now() }, "line");
  }

  /** Sends a failed label job to the printer again. */
  reprint(jobId: string): Promise<Outcome> {
    return this.tasks.reprint(jobId);
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.journal.close();
  }

  /** Only a signed-in coordinator, manager or admin receives. */
  private mayReceive(what: string): Outcome {
    return mayReceive(this.deps.person(), what);
  }

  private tap(what: string, input: ReceiveInput, change: ReceiveChange): Promise<Outcome> {
    const who = this.mayReceive(what);
    return who.ok ? this.apply(input, change) : Promise.resolve(who);
  }

  /** Open tapped while a receiving is open: the same manifest (resumed if set aside), or a refusal. */
  private async reopen(s: ReceivingState, manifestNumber: string): Promise<Outcome> {
    const open = s.manifest.manifestNumber;
    if (open !== manifestNumber) {
      return refused(
        s.paused
          ? `Manifest ${open} is set aside: resume it, then finish or reject it first`
          : `Finish or reject manifest ${open} first`,
      );
    }
    if (!s.paused) return { ok: true };
    const input: ReceiveInput = { type: "resume", at: this.deps.clock.now() };
    await this.journal.append([{ k: "input", input }]);
    this.state = receive(s, input, this.rules).state;
    this.events.emit("changed", "session");
    return { ok: true };
  }

  private apply(input: ReceiveInput, change: ReceiveChange, scale?: TaskContext["scale"]): Promise<Outcome> {
    return this.serial(async (): Promise<Outcome> => {
      const s = this.state;
      if (!s) return refused("No manifest is open for receiving");
      const step = receive(s, input, this.rules);
      if (step.refused)
        return step.confirm ? { ok: false, reason: step.refused, confirm: true } : refused(step.refused);
      if (!step.changed) return { ok: true };
      const tasks = tasksFor(step.effects, step.state, this.context(s, scale));
      await this.journal.append([{ k: "input", input, ...(tasks.length > 0 ? { tasks } : {}) }]);
      this.state = step.state;
      this.events.emit("changed", change);
      try {
        await this.tasks.run(tasks);
      } catch (e) {
        // The input is journaled; its unsent events have no `done` line and go out on the next start.
        this.deps.log.error({ err: e, code: "STORE_WRITE_FAILED" }, "receiving: events not queued for the hub");
        return {
          ok: false,
          failed: true,
          reason: `Saved here, but not yet queued for the hub (${(e as Error).message}); it is sent when the station restarts`,
        };
      }
      if (step.state.status !== "open") await this.finish(step.state);
      return { ok: true };
    }).catch(failed);
  }

  private context(s: ReceivingState, scale?: TaskContext["scale"]): TaskContext {
    const person = this.deps.person();
    return {
      stationId: this.deps.stationId,
      siteId: this.deps.siteId,
      at: this.deps.clock.now(),
      employeeId: person?.employeeId ?? s.employeeId,
      employeeName: person?.name ?? s.employeeId,
      newId: this.newId,
      scale,
      timeZone: this.deps.timeZone,
    };
  }

  private markDone(ids: string[]): void {
    if (!this.state) return;
    this.journal
      .append([{ k: "done", ids }])
      .catch((err: unknown) => this.deps.log.error({ err }, "receiving journal: done line not written"));
  }

  private async finish(s: ReceivingState): Promise<void> {
    this.lastClosed = s;
    this.state = null;
    await this.journal.replace([]);
    this.deps.log.info(
      { manifest: s.manifest.manifestNumber, receivingId: s.receivingId, status: s.status },
      "receiving closed",
    );
    this.events.emit("changed", "session");
  }

  /** Rebuilds the open receiving from the journal and carries out tasks that were not done. */
  private async replay(entries: readonly JournalEntry[]): Promise<void> {
    const replayed = replayJournal(entries, this.rules);
    if (!replayed) return;
    const { state: s, pending } = replayed;
    this.rules = replayed.rules;
    this.state = s;
    this.deps.log.info(
      {
        manifest: s.manifest.manifestNumber,
        receivingId: s.receivingId,
        inputs: entries.length - 1,
        redo: pending.length,
      },
      "receiving resumed",
    );
    await this.tasks.run(pending);
    if (s.status !== "open") await this.finish(s);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function refused(reason: string): Outcome {
  return { ok: false, reason };
}

/** A failed write is shown as not saved, never as done. */
function failed(e: unknown): Outcome {
  return { ok: false, failed: true, reason: `Not saved: ${(e as Error).message}` };
}
