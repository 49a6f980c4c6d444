/** Swap-target ids: used for `id=` on the element and `hx-target=` on whatever updates it. */
export const ids = {
  header: "kiosk-header",
  banner: "kiosk-banner",
  devices: "kiosk-devices",
  signIn: "kiosk-sign-in",
  feed: "kiosk-feed",
} as const;

/** Named SSE events, one per swap target. */
export const sseEvents = {
  header: "header",
  banner: "banner",
  devices: "devices",
  signIn: "sign-in",
  feed: "feed",
} as const;
