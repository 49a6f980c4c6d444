import { Hono } from "hono";
import type { AppDeps } from "../deps.js";
import { HomePage } from "../views/pages/home.js";
import type { HeaderProps } from "../views/parts/header.js";
import { DEFAULT_TIME_ZONE } from "#contract/facility-time.js";

/** Header facts shared by the page and the SSE stream. */
export function headerProps(deps: AppDeps): HeaderProps {
  return {
    stationId: deps.stationId,
    signedIn: deps.signIn.view().signedIn,
    hubConnected: deps.hub().connected,
    hubAnswering: deps.hub().answering ?? true,
    outboxDepth: deps.outboxDepth(),
    nav: deps.tiles ?? [],
    timeZone: deps.timeZone ?? DEFAULT_TIME_ZONE,
  };
}

/** GET / — the kiosk home screen. */
export function kioskRoutes(deps: AppDeps) {
  return new Hono().get("/", (c) =>
    c.render(
      <HomePage
        header={headerProps(deps)}
        banner={deps.feed.banner()}
        signIn={deps.signIn.view()}
        devices={deps.devices.statuses()}
        scans={deps.feed.scans()}
        timeZone={deps.timeZone ?? DEFAULT_TIME_ZONE}
        tiles={deps.tiles ?? []}
      />,
    ),
  );
}
