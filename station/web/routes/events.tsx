import { Hono } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import type { Banner, LiveFeedEvents } from "#station/scans/live-feed.js";
import type { AppDeps } from "../deps.js";
import { sseEvents } from "../views/ids.js";
import { KioskBanner } from "../views/parts/banner.js";
import { DeviceList } from "../views/parts/devices.js";
import { KioskHeader } from "../views/parts/header.js";
import { ScanFeed } from "../views/parts/scan-feed.js";
import { SignInPanel } from "../views/parts/sign-in-panel.js";
import { headerProps } from "./kiosk.js";

type FeedEvent = keyof LiveFeedEvents;

/** Renders the fragment a named SSE event carries. */
function render(deps: AppDeps, event: FeedEvent, quiet = false): { event: string; html: string } {
  switch (event) {
    case "scan":
    case "rows":
      return {
        event: sseEvents.feed,
        html: (<ScanFeed rows={deps.feed.scans()} timeZone={deps.timeZone} />).toString(),
      };
    case "banner":
      return {
        event: sseEvents.banner,
        html: (<KioskBanner banner={quietly(deps.feed.banner(), quiet)} />).toString(),
      };
    case "header":
      return { event: sseEvents.header, html: (<KioskHeader {...headerProps(deps)} />).toString() };
    case "devices":
      return { event: sseEvents.devices, html: (<DeviceList devices={deps.devices.statuses()} />).toString() };
    case "signIn":
      return { event: sseEvents.signIn, html: (<SignInPanel view={deps.signIn.view()} />).toString() };
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
    streamSSE(c, async (stream) => {
      const queued = new Set<FeedEvent>();
      let writing = Promise.resolve();
      const timers = new Set<NodeJS.Timeout>();
      const send = (event: FeedEvent) => {
        if (queued.has(event)) return;
        queued.add(event);
        if (!lazyEvents.has(event)) {
          writing = writing.then(() => flush(stream, event));
          return;
        }
        const t = setTimeout(() => {
          timers.delete(t);
          writing = writing.then(() => flush(stream, event));
        }, deps.sseLazyMs ?? LAZY_MS);
        timers.add(t);
      };
      const flush = async (s: SSEStreamingApi, event: FeedEvent, quiet = false) => {
        queued.delete(event);
        if (s.aborted || s.closed) return;
        const { event: name, html } = render(deps, event, quiet);
        await s.writeSSE({ event: name, data: html }).catch(() => undefined);
      };
      const listeners = feedEvents.map((e) => [e, () => send(e)] as const);
      for (const [e, fn] of listeners) deps.feed.events.on(e, fn);
      // Everything once on connect: a kiosk that reconnects after a restart or a network blip
      // catches up at once. The banner comes without its sound: it already played.
      for (const e of feedEvents) writing = writing.then(() => flush(stream, e, true));
      const heartbeat = setInterval(() => {
        writing = writing.then(() =>
          stream.write(": keep-alive\n\n").then(
            () => undefined,
            () => undefined,
          ),
        );
      }, deps.sseHeartbeatMs ?? 15_000);
      await new Promise<void>((resolve) => stream.onAbort(resolve));
      clearInterval(heartbeat);
      for (const t of timers) clearTimeout(t);
      for (const [e, fn] of listeners) deps.feed.events.off(e, fn);
    }),
  );
}
