import type { EventEmitter } from "node:events";
import { ScreenWatch } from "../screen-watch.js";
import { mayReceive } from "./people.js";
import type { Outcome, Person, ReceiveChange } from "./types.js";

/**
 * The receiving screen as the station sees it: how many are open (their SSE streams), whether the
 * person signed in may receive, and the last scan made on it that went nowhere because nobody who
 * may receive was signed in ("sign in to receive").
 */
export class ReceiveScreen {
  readonly watch = new ScreenWatch();
  private unclaimed: { code: string; at: string } | null = null;

  constructor(private readonly deps: { person(): Person | null; events: EventEmitter<{ changed: [ReceiveChange] }> }) {}

  /** True while a receiving screen is open. */
  open(): boolean {
    return this.watch.watching();
  }

  /** Whether the signed-in person may receive: the screen shows only sign-in otherwise. */
  access(): Outcome {
    return mayReceive(this.deps.person(), "receive");
  }

  /** The last scan made on the screen while nobody who may receive was signed in. */
  plainScan(): { code: string; at: string } | null {
    return this.unclaimed;
  }

  /** A scan on the screen that stayed a plain scan because nobody may receive. */
  scannedSignedOut(scan: { code: string; at: string }): void {
    this.unclaimed = { code: scan.code, at: scan.at };
    this.deps.events.emit("changed", "session");
  }

  /** Someone signed in or out: the screen switches between sign-in and the manifest. */
  peopleChanged(): void {
    this.unclaimed = null;
    this.deps.events.emit("changed", "session");
  }
}
