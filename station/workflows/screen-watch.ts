import { EventEmitter } from "node:events";

/**
 * How many kiosk screens of one workflow are open now, counted by their SSE streams: a workflow
 * takes scans only while one of its screens is open ("scans belong to a workflow only while its
 * screen is open"). A tab closed, reloaded or navigated away ends its stream and its watch.
 */
export class ScreenWatch {
  /** `changed` fires when the first screen opens or the last one closes. */
  readonly events = new EventEmitter<{ changed: [boolean] }>();
  private screens = 0;

  /** True while at least one screen is open. */
  watching(): boolean {
    return this.screens > 0;
  }

  /** A screen opened; call the returned function (once is enough) when it closes. */
  watch(): () => void {
    this.screens++;
    if (this.screens === 1) this.events.emit("changed", true);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.screens--;
      if (this.screens === 0) this.events.emit("changed", false);
    };
  }
}
