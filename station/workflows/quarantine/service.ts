/**
 * Quarantine at the kiosk: a scanned package is shown with the reasons to hold it (or, held
 * already, the release notes to ask a manager with); a choice puts its event in the outbox
 * (fsynced before the screen says it is done, so nothing is lost with the hub away) and prints the
 * quarantine label, whose outcome goes to the hub as a print event.
 *
 *   scan (workflow "quarantine") ─▶ machine ─▶ outbox: quarantine hold / release-request ─▶ hub
 *   tap reason ───────────────────────┘      └▶ printer: quarantine label ─▶ outbox: print
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { Role } from "#contract/domain.js";
import type { Envelope } from "#contract/envelope.js";
import { newId } from "#contract/ids.js";
import { eventSchemas, type EventPayload } from "#contract/messages.js";
import type { QuarantineReason } from "#contract/quarantine.js";
import type { Clock } from "#station/clock.js";
import { quarantineLabel, type Printer } from "#station/devices/index.js";
import type { StationScan } from "#station/events.js";
import { ScreenWatch } from "../screen-watch.js";
import type { ScanClaim, SignedInPerson } from "../workflow.js";
import type { RestockReplica } from "../restock/replica-view.js";
import { initialQuarantine, quarantine, type QuarantineInput, type QuarantineState } from "./machine.js";

const HOLDERS: ReadonlySet<Role> = new Set(["coordinator", "manager", "admin"]);

export interface QuarantineDeps {
  stationId: string;
  siteId: string;
  location: string;
  log: Logger;
  clock: Clock;
  timeZone?: string | undefined;
  outbox: { append(env: Envelope): Promise<void> };
  replica: RestockReplica;
  printer(): Printer | undefined;
  person(): SignedInPerson | null;
}

export type Outcome = { ok: true } | { ok: false; reason: string };

/** The last quarantine label's fate, for the screen. */
export interface LabelState {
  label: string;
  state: "printing" | "printed" | "failed";
  error?: string;
}

export class Quarantine {
  readonly events = new EventEmitter<{ changed: [] }>();
  private readonly screens = new ScreenWatch();
  private state: QuarantineState = initialQuarantine;
  private lastLabel: LabelState | null = null;

  constructor(private readonly deps: QuarantineDeps) {
    this.events.setMaxListeners(100);
  }

  current(): QuarantineState {
    return this.state;
  }

  label(): LabelState | null {
    return this.lastLabel;
  }

  watch(): () => void {
    return this.screens.watch();
  }

  may(): Outcome {
    const p = this.deps.person();
    if (!p) return { ok: false, reason: "Sign in with your badge to quarantine a package" };
    if (!HOLDERS.has(p.role)) return { ok: false, reason: `${p.name} (${p.role}) may not quarantine packages` };
    return { ok: true };
  }

  claims(): ScanClaim | undefined {
    return this.screens.watching() && this.may().ok ? {} : undefined;
  }

  async reload(): Promise<void> {
    await this.deps.replica.load();
  }

  async onScan(scan: StationScan): Promise<void> {
    if (scan.workflow !== "quarantine") return;
    const label = scan.classification.kind === "metrc-tag" ? scan.classification.tag : scan.code.trim();
    const facts = this.deps.replica.scanned(label) ?? null;
    this.state = quarantine(this.state, { type: "scan", label, facts }).state;
    this.events.emit("changed");
  }

  hold(reason: QuarantineReason): Promise<Outcome> {
    return this.act({ type: "hold", reason, holdId: newId(), location: this.deps.location });
  }

  askRelease(note: string): Promise<Outcome> {
    return this.act({ type: "ask-release", note });
  }

  cancel(): Promise<Outcome> {
    return this.act({ type: "cancel" });
  }

  private envelope<K extends "quarantine" | "print">(type: K, payload: EventPayload<K>): Envelope {
    const who = this.deps.person();
    return eventSchemas[type].parse({
      id: newId(),
      type,
      stationId: this.deps.stationId,
      siteId: this.deps.siteId,
      at: new Date(this.deps.clock.now()).toISOString(),
      ...(who ? { employeeId: who.employeeId } : {}),
      payload,
    });
  }

  private async act(input: QuarantineInput): Promise<Outcome> {
    const may = this.may();
    if (!may.ok) return may;
    const out = quarantine(this.state, input);
    if (out.refused) return { ok: false, reason: out.refused };
    for (const p of out.send) await this.deps.outbox.append(this.envelope("quarantine", p));
    this.state = out.state;
    if (out.print) void this.print(out.print);
    this.events.emit("changed");
    return { ok: true };
  }

  private async print(p: { label: string; itemName: string; reason: QuarantineReason }): Promise<void> {
    const printer = this.deps.printer();
    const zpl = quarantineLabel({
      uid: p.label,
      productName: p.itemName,
      reason: p.reason.replace(/-/g, " "),
      at: new Date(this.deps.clock.now()).toISOString(),
      employeeName: this.deps.person()?.name ?? "",
      ...(this.deps.timeZone ? { timeZone: this.deps.timeZone } : {}),
    }).toString();
    this.lastLabel = { label: p.label, state: "printing" };
    this.events.emit("changed");
    const result = printer
      ? await printer.print({ id: newId(), template: "quarantine", label: p.label, zpl }).then(
          () => ({ ok: true as const, printerId: printer.id }),
          (e: unknown) => ({ ok: false as const, printerId: printer.id, error: (e as Error).message }),
        )
      : { ok: false as const, printerId: "none", error: "no label printer configured" };
    this.lastLabel = result.ok
      ? { label: p.label, state: "printed" }
      : { label: p.label, state: "failed", error: result.error };
    await this.deps.outbox
      .append(
        this.envelope("print", {
          printerId: result.printerId,
          template: "quarantine",
          label: p.label,
          ok: result.ok,
          ...(result.ok ? {} : { error: result.error }),
        }),
      )
      .catch((err: Error) => this.deps.log.error({ err: err.message }, "quarantine print event not recorded"));
    this.events.emit("changed");
  }
}
