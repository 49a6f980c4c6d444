import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { Employee } from "#contract/domain.js";
import type { Envelope } from "#contract/envelope.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import type { AdjustmentReasonsPayload } from "#contract/vault-ops.js";
import type { Clock } from "#station/clock.js";
import type { Printer } from "#station/devices/index.js";
import { newPackageLabel } from "#station/devices/label-printer/vault-labels.js";
import type { StationScan } from "#station/events.js";
import { facilityDateTime } from "#contract/facility-time.js";
import type { Replica } from "#station/store/replica.js";
import { ScreenWatch } from "../screen-watch.js";
import { OpsJournal, pendingTasks, replayInputs } from "../vault-kit/journal.js";
import { amount, vaultPackage } from "../vault-kit/package-info.js";
import { OpsTasks, type OpsLabelJob, type OpsTask } from "../vault-kit/tasks.js";
import type { SignedInPerson } from "../workflow.js";
import { idleSplit, split, splitStep, type SplitInput, type SplitState, type SplitStep } from "./machine.js";

/** Roles that may make new packages. */
const SPLITTERS = new Set<Employee["role"]>(["coordinator", "manager", "admin"]);

/** The split's journal in STATION_DATA_DIR. */
export const SPLIT_JOURNAL = "split.journal";

export interface SplitDeps {
  stationId: string;
  siteId: string;
  clock: Clock;
  log: Logger;
  file: string;
  timeZone: string;
  outbox: { append(env: Envelope): Promise<void> };
  printer(): Printer | undefined;
  person(): SignedInPerson | null;
  replica: Pick<Replica, "packageWithItem" | "adjustmentReasons">;
  doorSessionId(): string | undefined;
}

/** Everything the split screen shows. */
export interface SplitView {
  state: SplitState;
  step: SplitStep;
  refusal: string | null;
  reading: { grams: number; stable: boolean } | null;
  reasons: AdjustmentReasonsPayload;
  jobs: readonly OpsLabelJob[];
  mayEdit: boolean;
  /** Refusals of scans and weights so far: a screen plays the bad tone when it grows. */
  tone: number;
}

export type Answer = { ok: true } | { ok: false; reason: string };

/**
 * New packages from a bulk one at the kiosk: feeds the machine from scans, the scale and taps,
 * journals each accepted input before it shows, prints each new package's label as it is
 * weighed, and once confirmed sends the `split` event.
 */
export class Split {
  readonly events = new EventEmitter<{ changed: [] }>();
  readonly screen = new ScreenWatch();
  private state: SplitState = idleSplit;
  private refusal: string | null = null;
  private reading: { grams: number; stable: boolean } | null = null;
  private tone = 0;
  /** A weighing is taken once; the platform must be cleared before the next one counts. */
  private cleared = true;
  private readonly tasks: OpsTasks;

  private constructor(
    private readonly deps: SplitDeps,
    private readonly journal: OpsJournal<SplitInput>,
  ) {
    this.events.setMaxListeners(100);
    this.tasks = new OpsTasks(
      { ...deps, employeeId: () => deps.person()?.employeeId },
      (ids) => this.journal.append([{ k: "done", ids }]),
      () => this.events.emit("changed"),
    );
  }

  static async open(deps: SplitDeps): Promise<Split> {
    const { journal, entries } = await OpsJournal.open<SplitInput>(deps.file, "split journal", deps.log);
    const s = new Split(deps, journal);
    s.state = replayInputs(entries, s.state, split);
    await s.tasks.run(pendingTasks(entries));
    return s;
  }

  view(): SplitView {
    const person = this.deps.person();
    return {
      state: this.state,
      step: splitStep(this.state),
      refusal: this.refusal,
      reading: this.reading,
      reasons: this.deps.replica.adjustmentReasons(),
      jobs: this.tasks.jobs,
      mayEdit: person !== null && SPLITTERS.has(person.role),
      tone: this.tone,
    };
  }

  /** A scan tied to the split screen: the source first, then a fresh tag per new package. */
  async onScan(scan: StationScan): Promise<Answer> {
    const c = scan.classification;
    const a =
      c.kind !== "metrc-tag"
        ? this.refuse(c.kind === "invalid" ? `not a tag: ${c.reason}` : "scan a package tag")
        : splitStep(this.state) === "source" || splitStep(this.state) === "done"
          ? await this.pickSource(c.tag)
          : await this.freshTag(c.tag);
    if (!a.ok) this.beep();
    return a;
  }

  /** A stable reading weighs the pending package or the remainder, once per placing on the scale. */
  async onWeight(read: { grams: number; stable: boolean }): Promise<void> {
    this.reading = { grams: read.grams, stable: read.stable };
    const step = splitStep(this.state);
    if (!read.stable || read.grams <= 0.2) {
      this.cleared = this.cleared || read.grams <= 0.2;
      this.events.emit("changed");
      return;
    }
    if (!this.cleared || (step !== "quantity" && step !== "remaining") || !this.state.source?.weightBased) {
      this.events.emit("changed");
      return;
    }
    this.cleared = false;
    const a = await this.apply({ kind: "weight", grams: read.grams });
    if (!a.ok) this.beep();
  }

  async pickSource(label: string): Promise<Answer> {
    const person = this.deps.person();
    if (!person || !SPLITTERS.has(person.role))
      return this.refuse("sign in as a coordinator or manager to make packages");
    const found = vaultPackage(this.deps.replica, label);
    if (!found.ok) return this.refuse(found.reason);
    return this.apply({ kind: "start", splitId: newId(), employeeId: person.employeeId, source: found.pkg });
  }

  freshTag(label: string): Promise<Answer> {
    return this.apply({ kind: "tag", label, known: this.deps.replica.packageWithItem(label) !== undefined });
  }

  count(units: number): Promise<Answer> {
    return this.apply({ kind: "count", units });
  }

  finish = () => this.apply({ kind: "finish" });
  empty = () => this.apply({ kind: "empty" });
  confirm = () => this.apply({ kind: "confirm" });
  cancel = () => this.apply({ kind: "cancel" });
  next = () => this.apply({ kind: "next" });

  difference(as: "waste" | "adjustment", name: string, note?: string): Promise<Answer> {
    const reason = this.deps.replica.adjustmentReasons().reasons.find((r) => r.name === name);
    if (!reason) return Promise.resolve(this.refuse(`"${name}" is not one of the state's adjustment reasons`));
    return this.apply({ kind: "difference", as, reason, note });
  }

  async close(): Promise<void> {
    await this.journal.close();
  }

  private async apply(input: SplitInput): Promise<Answer> {
    const r = split(this.state, input);
    if (!r.ok) return this.refuse(r.reason);
    const tasks = this.tasksFor(this.state, r.state);
    const entry = { k: "input" as const, input, ...(tasks.length ? { tasks } : {}) };
    if (input.kind === "start") await this.journal.replace([entry]);
    else if (input.kind === "cancel" || input.kind === "next") await this.journal.replace([]);
    else await this.journal.append([entry]);
    this.state = r.state;
    this.refusal = null;
    this.events.emit("changed");
    await this.tasks.run(tasks);
    return { ok: true };
  }

  /** A label for a package just added; the split event once confirmed. Ids fixed before anything runs. */
  private tasksFor(before: SplitState, after: SplitState): OpsTask[] {
    const src = after.source;
    if (!src) return [];
    const at = new Date(this.deps.clock.now()).toISOString();
    if (after.packages.length > before.packages.length) {
      const p = after.packages.at(-1)!;
      const zpl = newPackageLabel({
        uid: p.label,
        productName: src.itemName,
        amount: amount(p.quantity, src.unit),
        sourceUid: src.label,
        packagedDate: facilityDateTime(at, this.deps.timeZone).slice(0, 10),
      }).toString();
      return [{ kind: "print", print: { id: newId(), template: "package", label: p.label, zpl } }];
    }
    if (!after.done || before.done) return [];
    const doorSessionId = this.deps.doorSessionId();
    const env = eventSchemas.split.parse({
      id: newId(),
      type: "split",
      stationId: this.deps.stationId,
      siteId: this.deps.siteId,
      at,
      employeeId: after.employeeId!,
      payload: {
        splitId: after.splitId!,
        source: src.label,
        unit: src.unit,
        sourceBefore: src.quantity,
        sourceRemaining: after.remaining!,
        packages: after.packages,
        ...(after.difference ? { difference: after.difference } : {}),
        ...(doorSessionId ? { doorSessionId } : {}),
      },
    });
    return [{ kind: "event", env }];
  }

  private beep(): void {
    this.tone++;
    this.events.emit("changed");
  }

  private refuse(reason: string): Answer {
    this.refusal = reason;
    this.events.emit("changed");
    return { ok: false, reason };
  }
}
