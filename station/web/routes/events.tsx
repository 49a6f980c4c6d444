import { Hono } from "hono";
import type { Banner, LiveFeedEvents } from "#station/scans/live-feed.js";
import type { AppDeps } from "../deps.js";
import { streamScreen } from "../screen-stream.js";
import { sseEvents } from "../views/ids.js";
import { KioskBanner } from "../views/parts/banner.js";
import { DeviceList } from "../views/parts/devices.js";
import { KioskHeader } from "../views/parts/header.js";
import { ScanFeed } from "../views/parts/scan-feed.js";
import { SignInPanel } from "../views/parts/sign-in-panel.js";
import { headerProps } from "./kiosk.js";

type FeedEvent = keyof LiveFeedEvents;

/** The SSE event name each feed event goes out under (a scan and a row change both redraw the feed). */
const eventName: Record<FeedEvent, string> = {
  scan: sseEvents.feed,
  rows: sseEvents.feed,
  banner: sseEvents.banner,
  header: sseEvents.header,
  devices: sseEvents.devices,
  signIn: sseEvents.signIn,
};

/** Renders the fragment a named SSE event carries. */
function render(deps: AppDeps, event: FeedEvent, quiet = false): string {
  switch (event) {
    case "scan":
    case "rows":
      return (<ScanFeed rows={deps.feed.scans()} timeZone={deps.timeZone} />).toString();
    case "banner":
      return (<KioskBanner banner={quietly(deps.feed.banner(), quiet)} />).toString();
    case "header":
      return (<KioskHeader {...headerProps(deps)} />).toString();
    case "devices":
      return (<DeviceList devices={deps.devices.statuses()} />).toString();
    case "signIn":
      return (<SignInPanel view={deps.signIn.view()} />).toString();
  }
}

function quietly(b: Banner | null, quiet: boolean): Banner | null {
  return b && quiet ? { ...b, sound: false } : b;
}

const feedEvents: FeedEvent[] = ["scan", "rows", "banner", "header", "devices", "signIn"];

/**
 * Header (outbox depth) and device readings change with every scan and every ack; they go out at
 * most every this many ms so that the scan itself reaches the screen first, ms.
 */
const LAZY_MS = 250;
const lazyEvents = new Set<FeedEvent>(["header", "devices"]);

/**
 * GET /events — named SSE events carrying rendered HTML, one per swap target. Bursts are
 * coalesced: an event already waiting to go out is not rendered twice, and the busy header and
 * device list are sent at most every LAZY_MS.
 */
export function eventRoutes(deps: AppDeps) {
  return new Hono().get("/", (c) =>
    streamScreen(
      c,
      (send) => {
        const queued = new Set<FeedEvent>();
        const timers = new Set<NodeJS.Timeout>();
        const flush = (event: FeedEvent, quiet = false) =>
          send(eventName[event], () => {
            queued.delete(event);
            return render(deps, event, quiet);
          });
        const schedule = (event: FeedEvent) => {
          if (queued.has(event)) return;
          queued.add(event);
          if (!lazyEvents.has(event)) return flush(event);
          const t = setTimeout(() => {
            timers.delete(t);
            flush(event);
          }, deps.sseLazyMs ?? LAZY_MS);
          timers.add(t);
        };
        const listeners = feedEvents.map((e) => [e, () => schedule(e)] as const);
        for (const [e, fn] of listeners) deps.feed.events.on(e, fn);
        // Everything once on connect: a kiosk that reconnects after a restart or a network blip
        // catches up at once. The banner comes without its sound: it already played.
        for (const e of feedEvents) flush(e, true);
        return () => {
          for (const t of timers) clearTimeout(t);
          for (const [e, fn] of listeners) deps.feed.events.off(e, fn);
        };
      },
      deps.sseHeartbeatMs,
    ),
  );
}
