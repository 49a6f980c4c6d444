import type { EventEmitter } from "node:events";
import type { Context } from "hono";
import { streamWatchedScreen } from "#station/web/screen-stream.js";

/** What a vault operation's screen stream needs from its service. */
export interface PanelSource {
  readonly events: EventEmitter<{ changed: [] }>;
  readonly screen: { watch(): () => void };
  /** Refusals of scans and weights so far: a frame carries the bad tone when it grew. */
  tone(): number;
}

/**
 * The screen's SSE stream: one named event with the rendered panel after every change. While it
 * is open the screen is watched (scans and the scale go to the workflow); the tone plays once per
 * refusal of a scan or a weight, which no tap answers.
 */
export function panelStream(
  c: Context,
  src: PanelSource,
  event: string,
  render: (sound: boolean) => string,
  heartbeatMs = 15_000,
) {
  let tone = src.tone();
  const frame = () => {
    const sound = src.tone() !== tone;
    tone = src.tone();
    return render(sound);
  };
  return streamWatchedScreen(c, { events: src.events, watch: () => src.screen.watch() }, event, frame, heartbeatMs);
}
