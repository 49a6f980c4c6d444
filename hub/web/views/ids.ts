/** htmx swap targets and SSE event names, used for both `id=` and `hx-target=` / `sse-swap=`. */
export const ids = {
  stations: "stations",
  counts: "counts",
  feed: "scan-feed",
  doors: "doors",
} as const;

/** Named SSE events of GET /events. */
export const sseEvents = {
  scan: "scan",
  stations: "stations",
  doors: "doors",
} as const;
