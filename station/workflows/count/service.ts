import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { CountItem } from "#contract/counting.js";
import type { Envelope } from "#contract/envelope.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import type { Clock } from "#station/clock.js";
import type { WeightRead } from "#station/devices/index.js";
import type { StationScan } from "#station/events.js";
import { ScreenWatch } from "../screen-watch.js";
import { CountJournal, type CountJournalEntry } from "./journal.js";
import {
  countStep,
  initialCountState,
  type CountInput,
  type CountState,
  type CountStep,
  type Counter,
} from "./machine.js";

export interface CountingDeps {
  stationId: string;
  siteId: string;
  clock: Clock;
  log: Logger;
  /** Path of `count.journal`. */
  file: string;
  outbox: { append(env: Envelope): Promise<void> };
  /** The signed-in person who may count (coordinator, manager, admin), else null. */
  person(): Counter | null;
  /** What the replica knows of a package's item (for a package found that the list does not name). */
  knownItem(label: string): CountItem | undefined;
}

/** What a tap or scan came to: taken, refused with the reason, or a question first. */
export type CountOutcome = { ok: true } | { ok: false; reason: string; confirm?: { notFound: number } };

/**
 * Counting at the kiosk: feeds the pure machine (machine.ts) with the hub's assignments, scans,
 * scale readings and taps, journals each input before it shows, and on submit puts one `count`
 * event per line in the outbox. It works the same with the hub away: the outbox delivers later.
 */
export class Counting {
  /** `changed` carries whether the screens should play the tone (a scan's verdict; a tap's own answer plays its tone). */
  readonly events = new EventEmitter<{ changed: [tone: boolean] }>();
  readonly screens = new ScreenWatch();
  private state: CountState = initialCountState;
  private queue: Promise<unknown> = Promise.resolve();
  /** The last refusal, for the screens (with the bad tone); cleared by the next accepted input. */
  private notice: string | null = null;
  /** The units typed on the keypad for the current package (screen state, not journaled). */
  private typed = "";

  private constructor(
    private readonly deps: CountingDeps,
    private readonly journal: CountJournal,
  ) {
    this.events.setMaxListeners(100);
  }

  static async open(deps: CountingDeps): Promise<Counting> {
    const { journal, entries } = await CountJournal.open(deps.file, deps.log);
    const c = new Counting(deps, journal);
    await c.replay(entries);
    return c;
  }

  current(): CountState {
    return this.state;
  }

  lastNotice(): string | null {
    return this.notice;
  }

  /** The keypad's entry for the current package. */
  entry(): string {
    return this.typed;
  }

  /** A keypad press: a digit, the decimal point, back or clear. */
  press(key: string): void {
    if (key === "clear") this.typed = "";
    else if (key === "back") this.typed = this.typed.slice(0, -1);
    else if (/^[0-9]$/.test(key) && this.typed.length < 9) this.typed += key;
    else if (key === "." && !this.typed.includes(".")) this.typed += this.typed === "" ? "0." : ".";
    this.notice = null;
  }

  /** The open count's session while a count screen is open and someone may count: scans are the count's then. */
  scanClaim(): { sessionId: string } | undefined {
    return this.screens.watching() && this.state.open && this.deps.person()
      ? { sessionId: this.state.open.countSessionId }
      : undefined;
  }

  /** The hub's `count` command: the station's open counts; the journal starts again from here. */
  assign(counts: CountState["counts"]): Promise<void> {
    return this.serial(async () => {
      this.state = countStep(this.state, { type: "assign", counts }).state;
      await this.journal.replace([{ k: "state", state: this.state }]);
      this.changed(false);
    });
  }

  onScan(scan: StationScan): Promise<CountOutcome> {
    const who = this.deps.person();
    if (!who) return Promise.resolve({ ok: false, reason: "sign in with your badge to count" });
    // Badges and command barcodes are sign-in's.
    if (scan.classification.kind === "employee-badge" || scan.classification.kind === "command")
      return Promise.resolve({ ok: true });
    if (scan.classification.kind !== "metrc-tag") {
      const reason =
        scan.classification.kind === "invalid" ? scan.classification.reason : `${scan.code} is not a package tag`;
      return Promise.resolve(this.refuse(`Not counted: ${reason}. Scan the package's tag.`, true));
    }
    const label = scan.classification.tag;
    return this.take({
      type: "scan",
      label,
      who,
      at: Date.parse(scan.at),
      scanId: scan.id,
      known: this.deps.knownItem(label),
    });
  }

  onWeight(read: WeightRead): Promise<CountOutcome> {
    const who = this.deps.person();
    if (!who || !this.state.open) return Promise.resolve({ ok: true });
    return this.take({ type: "weight", grams: read.grams, stable: read.stable, who, at: read.at.getTime() });
  }

  /** A tap: open a count, units entered, a container chosen, a typed tag, submit. */
  tap(input: (who: Counter, at: number) => CountInput): Promise<CountOutcome> {
    const who = this.deps.person();
    if (!who) return Promise.resolve(this.refuse("Sign in with your badge to count"));
    return this.take(input(who, this.deps.clock.now()));
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  private take(input: CountInput, tone = false): Promise<CountOutcome> {
    return this.serial(async () => {
      const step = countStep(this.state, input);
      if (step.confirm)
        return { ok: false, reason: `${step.confirm.notFound} packages were not found`, confirm: step.confirm };
      const changed = step.state !== this.state;
      const before = this.state.open?.current;
      const events = step.send ? this.envelopes(step) : [];
      const entry = changed ? journaled(this.state, step.state, input, events) : undefined;
      if (entry) await this.journal.append([entry]);
      this.state = step.state;
      if (events.length) await this.send(events);
      if (step.refused) return this.refuse(capital(step.refused), tone);
      this.notice = null;
      if (step.state.open?.current !== before || input.type === "enter" || input.type === "scan") this.typed = "";
      if (changed) this.changed(tone);
      return { ok: true };
    });
  }

  private envelopes(step: CountStep): Envelope[] {
    const s = step.send!;
    return s.lines.map((l) =>
      eventSchemas.count.parse({
        id: newId(),
        type: "count",
        stationId: this.deps.stationId,
        siteId: this.deps.siteId,
        at: new Date(l.at).toISOString(),
        employeeId: l.employeeId,
        payload: {
          countSessionId: s.countSessionId,
          label: l.label,
          quantity: l.quantity,
          unit: l.unit,
          method: l.method,
          found: l.found,
          round: s.round,
          roundLines: s.lines.length,
          ...(l.unexpected ? { unexpected: true } : {}),
          ...(l.grossGrams !== undefined ? { grossGrams: l.grossGrams, tareGrams: l.tareGrams ?? 0 } : {}),
        },
      }),
    );
  }

  private async send(events: Envelope[]): Promise<void> {
    for (const e of events) await this.deps.outbox.append(e);
    await this.journal.append([{ k: "done", ids: events.map((e) => e.id) }]);
    this.deps.log.info({ lines: events.length }, "count submitted to the outbox");
  }

  /** Refuses a tap the routes could not even read (a bad field), shown like any refusal. */
  refuse(reason: string, tone = false): CountOutcome {
    this.notice = reason;
    this.changed(tone);
    return { ok: false, reason };
  }

  private changed(tone = false): void {
    this.events.emit("changed", tone);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async replay(entries: CountJournalEntry[]): Promise<void> {
    const pending = new Map<string, Envelope>();
    for (const e of entries) {
      if (e.k === "state") this.state = e.state;
      else if (e.k === "input") {
        this.state = countStep(this.state, e.input).state;
        for (const env of e.events ?? []) pending.set(env.id, env);
      } else for (const id of e.ids) pending.delete(id);
    }
    if (pending.size > 0) await this.send([...pending.values()]);
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * What an input leaves in the journal. Why not every input: a scan that only picks the package to
 * count changes nothing that must survive (the scan itself is in the outbox), and a second fsync
 * per scan doubles the scan → verdict time. So a counted line is journaled as it stands once
 * counted (and a package found unlisted as soon as it is scanned); opening and submitting as they are.
 */
function journaled(
  prev: CountState,
  next: CountState,
  input: CountInput,
  events: Envelope[],
): CountJournalEntry | undefined {
  if (input.type === "open" || input.type === "submit" || input.type === "recorded")
    return { k: "input", input, ...(events.length ? { events } : {}) };
  const o = next.open;
  if (!o) return undefined;
  const changedLine = Object.values(o.counted).find((l) => prev.open?.counted[l.label] !== l);
  return changedLine
    ? { k: "input", input: { type: "recorded", countSessionId: o.countSessionId, line: changedLine } }
    : undefined;
}
