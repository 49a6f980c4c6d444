import type { Context } from "hono";
import { streamSSE } from "hono/streaming";

/**
 * Queues one SSE frame named `event`. `render` runs when the frame's turn comes, so it draws the
 * screen as it is then; a null render sends nothing.
 */
export type SendFrame = (event: string, render: () => string | null) => void;

/**
 * Streams a kiosk screen over SSE. Frames go out one at a time in the order sent, a comment
 * keeps idle connections (and the proxies between) alive every `heartbeatMs` ms, and when the
 * kiosk goes away the cleanup `open` returned runs. `open` subscribes to whatever redraws the
 * screen (and may send the first frames at once).
 */
export function streamScreen(c: Context, open: (send: SendFrame) => () => void, heartbeatMs = 15_000) {
  return streamSSE(c, async (stream) => {
    let writing = Promise.resolve();
    const send: SendFrame = (event, render) => {
      writing = writing.then(async () => {
        if (stream.aborted || stream.closed) return;
        const data = render();
        if (data !== null) await stream.writeSSE({ event, data }).catch(() => undefined);
      });
    };
    const close = open(send);
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
    close();
  });
}

/** A workflow whose screen is redrawn whole on every change, and which is "open" while watched. */
export interface WatchedScreen {
  readonly events: {
    on(event: "changed", listener: () => void): unknown;
    off(event: "changed", listener: () => void): unknown;
  };
  /** Marks the screen open (scans and the scale go to the workflow); returns the unwatch. */
  watch(): () => void;
}

/**
 * "Stream this workflow's screen": while the stream is open the screen is watched, and after
 * every change one frame named `event` carries `render()`.
 */
export function streamWatchedScreen(
  c: Context,
  src: WatchedScreen,
  event: string,
  render: () => string,
  heartbeatMs?: number,
) {
  return streamScreen(
    c,
    (send) => {
      const unwatch = src.watch();
      const push = () => send(event, render);
      src.events.on("changed", push);
      return () => {
        src.events.off("changed", push);
        unwatch();
      };
    },
    heartbeatMs,
  );
}
