import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { classifyBarcode, type BarcodeClass } from "#contract/barcode.js";
import { initialLookUp, lookUp, type LookUpInput, type LookUpState } from "./machine.js";
import { ScreenWatch } from "../screen-watch.js";
import type { HubOutcome, ReplicaFacts } from "./sources.js";

export interface LookUpDeps {
  /** Asks the hub; absent when no hub address is configured. */
  hub?: ((label: string) => Promise<HubOutcome>) | undefined;
  replica(label: string): ReplicaFacts | undefined;
  log: Logger;
}

/** The answer to an ask: the state after it, and the refusal when it was not a tag. */
export type AskOutcome = { ok: true; state: LookUpState } | { ok: false; reason: string; state: LookUpState };

/** Shown when no HUB_URL is set: the replica is all the station has. */
const NO_HUB = "no hub address set (HUB_URL), so the hub was not asked";

/**
 * Look-up at the kiosk: feeds the pure machine (machine.ts) with scans and typed codes, fetches
 * from the hub and the replica, and tells open look-up screens when the result changed. It
 * changes nothing anywhere, so it keeps no journal. Scans count only while a look-up screen is
 * open (`watch`); then they are tied to look-up.
 */
export class LookUp {
  readonly events = new EventEmitter<{ changed: [] }>();
  private state: LookUpState = initialLookUp;
  private readonly screens = new ScreenWatch();

  constructor(private readonly deps: LookUpDeps) {
    this.events.setMaxListeners(100);
  }

  current(): LookUpState {
    return this.state;
  }

  /** True while at least one kiosk shows the look-up screen. */
  watching(): boolean {
    return this.screens.watching();
  }

  /** A look-up screen opened; call the returned function when it closes. */
  watch(): () => void {
    return this.screens.watch();
  }

  /** A recorded scan: looked up while a look-up screen is open. */
  async onScan(scan: { code: string; classification: BarcodeClass }): Promise<void> {
    if (!this.watching()) return;
    await this.ask(scan.code, scan.classification, false);
  }

  /**
   * A code scanned, or typed at the look-up screen (`typed`); resolves once the answer is on
   * screen. A typed code's refusal is not pushed to the screens: the tap's own answer shows it with
   * the bad tone, and a quiet redraw arriving just after would cut the tone off.
   */
  async ask(code: string, classification: BarcodeClass = classifyBarcode(code), typed = false): Promise<AskOutcome> {
    const step = this.step({ type: "ask", code, classification, typed }, typed);
    if (step.refused) return { ok: false, reason: step.refused, state: this.state };
    if (!step.fetch) return { ok: true, state: this.state };
    const { seq, label } = step.fetch;
    const [hub, replica] = await Promise.all([this.askHub(label), Promise.resolve(this.deps.replica(label))]);
    if (hub.kind === "unreachable")
      this.deps.log.warn(
        { label, reason: hub.reason, code: "HUB_NOT_ANSWERING" },
        "hub not answering: look-up from the replica",
      );
    this.step({ type: "answer", seq, label, hub, replica });
    return { ok: true, state: this.state };
  }

  private askHub(label: string): Promise<HubOutcome> {
    return this.deps.hub ? this.deps.hub(label) : Promise.resolve({ kind: "not-asked", reason: NO_HUB });
  }

  private step(input: LookUpInput, quietRefusal = false) {
    const step = lookUp(this.state, input);
    this.state = step.state;
    if (step.changed && !(quietRefusal && step.refused)) this.events.emit("changed");
    return step;
  }
}
