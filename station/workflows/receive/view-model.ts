import type { AppDeps } from "#station/web/deps.js";
import { DEFAULT_TIME_ZONE } from "#contract/facility-time.js";
import type { Receiving } from "./service.js";
import type { ReceiveView } from "./views/page.js";

/** What the receiving screen needs besides the kiosk's own deps. */
export type ReceiveDeps = AppDeps & {
  receiving: Pick<
    Receiving,
    | "events"
    | "screen"
    | "current"
    | "closed"
    | "offered"
    | "labelJobs"
    | "start"
    | "select"
    | "reweigh"
    | "decide"
    | "complete"
    | "rejectManifest"
    | "reprint"
    | "pause"
    | "resume"
    | "removeScan"
    | "containers"
    | "chooseContainer"
  >;
};

/** The screen's data, read fresh for every render. */
export function receiveView(deps: ReceiveDeps): ReceiveView {
  const r = deps.receiving;
  const closed = r.closed();
  // The hub keeps offering a manifest until it has recorded the station's completion.
  const manifests = r.offered().filter((m) => m.manifestNumber !== closed?.manifest.manifestNumber);
  return {
    state: r.current(),
    closed,
    manifests,
    labels: r.labelJobs(),
    signedIn: deps.signIn.view().signedIn,
    access: r.screen.access(),
    plainScan: r.screen.plainScan(),
    containers: r.containers(),
    timeZone: deps.timeZone ?? DEFAULT_TIME_ZONE,
  };
}
