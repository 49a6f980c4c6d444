import type { EventEmitter } from "node:events";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";

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
  return streamSSE(c, async (stream) => {
    const unwatch = src.screen.watch();
    let writing = Promise.resolve();
    let tone = src.tone();
    const push = () => {
      writing = writing.then(async () => {
        if (stream.aborted || stream.closed) return;
        const sound = src.tone() !== tone;
        tone = src.tone();
        await stream.writeSSE({ event, data: render(sound) }).catch(() => undefined);
      });
    };
    src.events.on("changed", push);
    const heartbeat = setInterval(() => {
      writing = writing.then(() =>
        stream.write(": keep-alive\n\n").then(
          () => undefined,
          () => undefined,
        ),
      );
    }, heartbeatMs);
    await new Promise<void>((resolve) => stream.onAbort(resolve));
    clearInterval(heartbeat);
    src.events.off("changed", push);
    unwatch();
  });
}
