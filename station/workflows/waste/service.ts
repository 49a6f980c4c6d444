import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { Employee } from "#contract/domain.js";
import type { Envelope } from "#contract/envelope.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { verifyPin } from "#contract/pin.js";
import type { AdjustmentReasonsPayload } from "#contract/vault-ops.js";
import type { Clock } from "#station/clock.js";
import type { Printer } from "#station/devices/index.js";
import { wasteLabel } from "#station/devices/label-printer/vault-labels.js";
import type { StationScan } from "#station/events.js";
import type { PadKey } from "#station/kiosk/sign-in.js";
import type { Replica } from "#station/store/replica.js";
import { ScreenWatch } from "../screen-watch.js";
import { type OpsJournal, pendingTasks, replayInputs } from "../vault-kit/journal.js";
import { amount, vaultPackage } from "../vault-kit/package-info.js";
import { OpsTasks, type OpsLabelJob, type OpsTask } from "../vault-kit/tasks.js";
import type { SignedInPerson } from "../workflow.js";
import { openWasteJournal } from "./journal.js";
import { idleWaste, waste, wasteStep, type WasteInput, type WasteState, type WasteStep } from "./machine.js";

/** Roles that may waste, and that may witness one. */
const WASTERS = new Set<Employee["role"]>(["coordinator", "manager", "admin"]);
const WITNESSES = new Set<Employee["role"]>(["coordinator", "manager", "admin", "budtender"]);
/** Wrong PINs before the witness must scan the badge again. */
const WITNESS_TRIES = 3;

export interface WasteDeps {
  stationId: string;
  siteId: string;
  clock: Clock;
  log: Logger;
  file: string;
  timeZone: string;
  outbox: { append(env: Envelope): Promise<void> };
  printer(): Printer | undefined;
  person(): SignedInPerson | null;
  replica: Pick<Replica, "packageWithItem" | "employeeByBadge" | "adjustmentReasons">;
  doorSessionId(): string | undefined;
}

/** The witness step in progress: a badge scanned, the PIN being typed (kept in memory only). */
interface WitnessPad {
  employee: Employee;
  digits: string;
  failures: number;
}

/** Everything the waste screen shows. */
export interface WasteView {
  state: WasteState;
  step: WasteStep;
  refusal: string | null;
  pad: { name: string; digits: number } | null;
  reading: { grams: number; stable: boolean } | null;
  reasons: AdjustmentReasonsPayload;
  jobs: readonly OpsLabelJob[];
  person: SignedInPerson | null;
  mayWaste: boolean;
  draft: ReasonDraft;
  /** Refusals of scans so far: a screen plays the bad tone when it grows. */
  tone: number;
}

export type Answer = { ok: true } | { ok: false; reason: string };

/** What the reason form held when it was sent. */
export interface ReasonDraft {
  reason?: string | undefined;
  notePick?: string | undefined;
  note?: string | undefined;
  method?: string | undefined;
}

/**
 * Waste at the kiosk: feeds the machine from scans, the scale and taps, journals each accepted
 * input before it shows, checks the witness's badge and PIN (against the replica's PIN hash,
 * never stored), and once witnessed sends the `waste` event and prints the waste label.
 */
export class Waste {
  readonly events = new EventEmitter<{ changed: [] }>();
  readonly screen = new ScreenWatch();
  private state: WasteState = idleWaste;
  private refusal: string | null = null;
  private pad: WitnessPad | null = null;
  private reading: { grams: number; stable: boolean } | null = null;
  private draft: ReasonDraft = {};
  /** Counts refusals of scans: each new one plays the bad tone on the open screens. */
  private tone = 0;
  private readonly tasks: OpsTasks;

  private constructor(
    private readonly deps: WasteDeps,
    private readonly journal: OpsJournal<WasteInput>,
  ) {
    this.events.setMaxListeners(100);
    this.tasks = new OpsTasks(
      { ...deps, employeeId: () => deps.person()?.employeeId },
      (ids) => this.journal.append([{ k: "done", ids }]),
      () => this.events.emit("changed"),
    );
  }

  /** Opens `waste.journal`, rebuilds the open waste from it and carries out what was left undone. */
  static async open(deps: WasteDeps): Promise<Waste> {
    const { journal, entries } = await openWasteJournal(deps.file, deps.log);
    const w = new Waste(deps, journal);
    w.state = replayInputs(entries, w.state, waste);
    await w.tasks.run(pendingTasks(entries));
    return w;
  }

  view(): WasteView {
    const person = this.deps.person();
    return {
      state: this.state,
      step: wasteStep(this.state),
      refusal: this.refusal,
      pad: this.pad ? { name: this.pad.employee.name, digits: this.pad.digits.length } : null,
      reading: this.reading,
      reasons: this.deps.replica.adjustmentReasons(),
      jobs: this.tasks.jobs,
      person,
      mayWaste: person !== null && WASTERS.has(person.role),
      draft: this.draft,
      tone: this.tone,
    };
  }

  /** True while the screen waits for the witness's badge: a badge scanned now is the witness's. */
  wantsBadge(): boolean {
    return wasteStep(this.state) === "witness" && this.pad === null;
  }

  /** A scan tied to the waste screen: the package's tag, or the witness's badge. */
  async onScan(scan: StationScan): Promise<Answer> {
    const c = scan.classification;
    const a =
      c.kind === "metrc-tag"
        ? await this.pickPackage(c.tag)
        : c.kind === "employee-badge"
          ? this.witnessBadge(c.badge)
          : this.refuse(c.kind === "invalid" ? `not a tag: ${c.reason}` : "scan the package's tag");
    // A scan has no tap to answer: the screen's stream plays the bad tone with the refusal.
    if (!a.ok) {
      this.tone++;
      this.events.emit("changed");
    }
    return a;
  }

  /** A scale reading: a stable one weighs the waste while the screen waits for it. */
  async onWeight(read: { grams: number; stable: boolean }): Promise<void> {
    this.reading = { grams: read.grams, stable: read.stable };
    if (read.stable && read.grams > 0.2 && wasteStep(this.state) === "weigh")
      await this.apply({ kind: "weight", grams: read.grams });
    else this.events.emit("changed");
  }

  async pickPackage(label: string): Promise<Answer> {
    const person = this.deps.person();
    if (!person || !WASTERS.has(person.role)) return this.refuse("sign in as a coordinator or manager to waste");
    const found = vaultPackage(this.deps.replica, label);
    if (!found.ok) return this.refuse(found.reason);
    return this.apply({ kind: "start", wasteId: newId(), employeeId: person.employeeId, pkg: found.pkg });
  }

  /** The reason step's choices: kept on a refusal so the person fixes only what was missing. */
  chooseReason(name: string, draft: ReasonDraft = {}): Promise<Answer> {
    this.draft = { ...draft, reason: name };
    const note = [draft.notePick, draft.note?.trim()].filter(Boolean).join(": ") || undefined;
    const method = draft.method || undefined;
    const reason = this.deps.replica.adjustmentReasons().reasons.find((r) => r.name === name);
    if (!reason) return Promise.resolve(this.refuse(`"${name}" is not one of the state's adjustment reasons`));
    return this.apply({ kind: "reason", reason, note, method });
  }

  units(units: number): Promise<Answer> {
    return this.apply({ kind: "units", units });
  }

  reweigh(): Promise<Answer> {
    return this.apply({ kind: "reweigh" });
  }

  /** After a witnessed waste: an empty screen for the next package. */
  next(): Promise<Answer> {
    return this.apply({ kind: "next" });
  }

  cancel(): Promise<Answer> {
    this.pad = null;
    return this.apply({ kind: "cancel" });
  }

  /** The witness's badge: a second, active employee opens the PIN pad. */
  witnessBadge(badge: string): Answer {
    if (wasteStep(this.state) !== "witness") return this.refuse("the witness signs after the reason is chosen");
    const who = this.deps.replica.employeeByBadge(badge);
    if (!who || !who.active) return this.refuse(`badge ${badge} is not an active employee of this vault`);
    if (who.id === this.state.employeeId)
      return this.refuse(
        `${who.name} is wasting this package and cannot witness it: a second employee must scan their badge`,
      );
    if (!WITNESSES.has(who.role)) return this.refuse(`${who.name} (${who.role}) may not witness a waste`);
    this.pad = { employee: who, digits: "", failures: 0 };
    return this.ok();
  }

  /** One key on the witness's PIN pad; OK checks the PIN against the replica's hash. */
  async witnessKey(key: PadKey): Promise<Answer> {
    const pad = this.pad;
    if (!pad) return this.refuse("the witness scans their badge first");
    if (key === "cancel") {
      this.pad = null;
      return this.ok();
    }
    if (key !== "ok") {
      if (key === "clear") pad.digits = "";
      else if (key === "back") pad.digits = pad.digits.slice(0, -1);
      else if (pad.digits.length < 8) pad.digits += key;
      return this.ok();
    }
    if (!verifyPin(pad.digits, pad.employee.pinHash)) {
      pad.digits = "";
      pad.failures++;
      if (pad.failures >= WITNESS_TRIES) this.pad = null;
      return this.refuse(
        `Wrong PIN for ${pad.employee.name}: NOT witnessed${this.pad ? "" : ". Scan the witness's badge again"}`,
      );
    }
    this.pad = null;
    return this.apply({ kind: "witnessed", witnessId: pad.employee.id, witnessName: pad.employee.name });
  }

  async close(): Promise<void> {
    await this.journal.close();
  }

  private async apply(input: WasteInput): Promise<Answer> {
    const r = waste(this.state, input);
    if (!r.ok) return this.refuse(r.reason);
    const tasks = r.state.done && !this.state.done ? this.finishTasks(r.state) : [];
    const entry = { k: "input" as const, input, ...(tasks.length ? { tasks } : {}) };
    if (input.kind === "start" || input.kind === "cancel")
      await this.journal.replace(input.kind === "start" ? [entry] : []);
    else await this.journal.append([entry]);
    this.state = r.state;
    this.refusal = null;
    if (input.kind !== "reason") this.draft = {};
    this.events.emit("changed");
    await this.tasks.run(tasks);
    return { ok: true };
  }

  /** The waste event and the waste label, with their ids fixed before anything runs. */
  private finishTasks(s: WasteState): OpsTask[] {
    const pkg = s.pkg!;
    const at = new Date(this.deps.clock.now()).toISOString();
    const doorSessionId = this.deps.doorSessionId();
    const env = eventSchemas.waste.parse({
      id: newId(),
      type: "waste",
      stationId: this.deps.stationId,
      siteId: this.deps.siteId,
      at,
      employeeId: s.employeeId!,
      payload: {
        wasteId: s.wasteId!,
        label: pkg.label,
        quantity: s.quantity!,
        unit: pkg.unit,
        weighing: s.weighing!,
        reason: s.reason!.name,
        ...(s.reason!.note ? { note: s.reason!.note } : {}),
        ...(s.reason!.method ? { wasteMethod: s.reason!.method } : {}),
        witnessId: s.witness!.id,
        ...(doorSessionId ? { doorSessionId } : {}),
      },
    });
    const zpl = wasteLabel({
      uid: pkg.label,
      productName: pkg.itemName,
      amount: amount(s.quantity!, pkg.unit),
      netGrams: s.weighing!.netGrams,
      reason: s.reason!.name,
      method: s.reason!.method,
      employeeName: this.deps.person()?.name ?? s.employeeId!,
      witnessName: s.witness!.name,
      at,
      timeZone: this.deps.timeZone,
    }).toString();
    return [
      { kind: "event", env },
      { kind: "print", print: { id: newId(), template: "waste", label: pkg.label, zpl } },
    ];
  }

  private ok(): Answer {
    this.refusal = null;
    this.events.emit("changed");
    return { ok: true };
  }

  private refuse(reason: string): Answer {
    this.refusal = reason;
    this.events.emit("changed");
    return { ok: false, reason };
  }
}
