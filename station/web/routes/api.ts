import { Hono } from "hono";
import type { AppDeps } from "../deps.js";

/** GET /api/status — station id, hub link, outbox depth, who is signed in, each device, disk and set-aside lines. */
export function apiRoutes(deps: AppDeps) {
  return new Hono().get("/status", (c) => {
    const hub = deps.hub();
    return c.json({
      stationId: deps.stationId,
      siteId: deps.siteId,
      version: deps.version,
      hub: { connected: hub.connected, lastAckAt: hub.lastAckAt, answering: hub.answering ?? hub.connected },
      outboxDepth: deps.outboxDepth(),
      signedIn: deps.signIn.view().signedIn,
      devices: deps.devices.statuses(),
      ...deps.storage?.(),
    });
  });
}
