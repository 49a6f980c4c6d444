import { LiveFeed } from "#station/scans/live-feed.js";
import type { AppDeps } from "#station/web/deps.js";
import { quietLog } from "./helpers.js";

/**
 * The station web deps a workflow's route test needs and does not look at: station vault-1, a
 * live feed, a hub that answers, an empty outbox and no devices. `signedIn` is who the sign-in
 * panel shows (nobody unless given); `over` replaces any other part.
 */
export function kioskDeps(
  opts: { signedIn?: { employeeId: string; name: string }; over?: Partial<AppDeps> } = {},
): AppDeps {
  return {
    stationId: "vault-1",
    siteId: "s",
    version: "0",
    log: quietLog,
    feed: new LiveFeed(),
    signIn: { view: () => ({ signedIn: opts.signedIn ?? null, prompt: null }), touch: () => undefined },
    hub: () => ({ connected: true, lastAckAt: null }),
    outboxDepth: () => 0,
    devices: { statuses: () => [] },
    ...opts.over,
  } as unknown as AppDeps;
}
