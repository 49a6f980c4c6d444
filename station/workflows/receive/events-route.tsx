import { Hono } from "hono";
import { streamScreen } from "#station/web/screen-stream.js";
import type { ReceiveChange } from "./service.js";
import { receiveIds } from "./views/ids.js";
import { ReceiveBody } from "./views/page.js";
import { ReceiveLine } from "./views/line.js";
import { ReceiveLines } from "./views/lines.js";
import { ReceiveFlash, ReceiveLabels, ReceiveProgress } from "./views/status.js";
import { receiveView, type ReceiveDeps } from "./view-model.js";

type Part = "flash" | "progress" | "line" | "lines" | "labels" | "page";

/** Parts redrawn for each change, the verdict first so it reaches the screen before the list. */
const PARTS: Record<ReceiveChange, Part[]> = {
  scan: ["flash", "progress", "line", "lines"],
  line: ["line", "progress", "lines"],
  labels: ["labels"],
  session: ["page"],
};

/** Renders one part; `quiet` drops the verdict tone (a reconnect must not beep again). */
function render(deps: ReceiveDeps, part: Part, quiet: boolean): string | null {
  if (part === "page") return (<ReceiveBody v={receiveView(deps)} />).toString();
  if (part === "labels") return (<ReceiveLabels jobs={deps.receiving.labelJobs()} />).toString();
  const s = deps.receiving.current();
  if (!s) return null;
  switch (part) {
    case "flash":
      return (
        <ReceiveFlash
          scan={s.lastScan}
          line={s.lastScan?.label ? s.lines[s.lastScan.label] : undefined}
          sound={!quiet}
        />
      ).toString();
    case "progress":
      return (<ReceiveProgress state={s} />).toString();
    case "line":
      return (
        <ReceiveLine p={s.current ? (s.lines[s.current] ?? null) : null} containers={deps.receiving.containers()} />
      ).toString();
    case "lines":
      return (<ReceiveLines state={s} />).toString();
  }
}

/**
 * GET /receive/events — the receiving screen's own SSE stream: named events `rx-flash`,
 * `rx-progress`, `rx-line`, `rx-lines`, `rx-labels`, `rx-page`, each carrying rendered HTML.
 * A part already waiting to go out is not rendered twice. On connect the whole body is sent
 * once, quietly, so a reloaded kiosk shows exactly where receiving stands. While a stream is open
 * the receiving screen counts as open (`receiving.screen`): scans then belong to the manifest.
 */
export function receiveEventsRoute(deps: ReceiveDeps) {
  return new Hono().get("/", (c) =>
    streamScreen(
      c,
      (send) => {
        const queued = new Set<Part>();
        const onChange = (change: ReceiveChange) => {
          for (const part of PARTS[change]) {
            if (queued.has(part)) continue;
            queued.add(part);
            send(receiveIds[part], () => {
              queued.delete(part);
              return render(deps, part, false);
            });
          }
        };
        deps.receiving.events.on("changed", onChange);
        // While this stream is open the receiving screen is: scans and weights go to the manifest.
        const unwatch = deps.receiving.screen.watch.watch();
        send(receiveIds.page, () => {
          queued.delete("page");
          return render(deps, "page", true);
        });
        return () => {
          unwatch();
          deps.receiving.events.off("changed", onChange);
        };
      },
      deps.sseHeartbeatMs,
    ),
  );
}
