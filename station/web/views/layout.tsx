import type { Child } from "hono/jsx";

/**
 * htmx swaps only 2xx answers by default; a refusal (422), a bad field (400) or a failure (500)
 * would reach the kiosk and never be shown. Every answer is swapped: each carries its own notice.
 */
const htmxConfig = JSON.stringify({
  /** A tap unanswered after this long is shown as not done (static/kiosk.js), ms. */
  timeout: 10_000,
  responseHandling: [
    { code: "204", swap: false },
    { code: "[2345]..", swap: true },
  ],
});

/**
 * The kiosk shell. htmx and its SSE extension come from /static (vendored from node_modules):
 * the kiosk must work with the internet down, so never a CDN.
 */
export function Layout(props: { title: string; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, user-scalable=no" />
        <title>{props.title}</title>
        <meta name="htmx-config" content={htmxConfig} />
        <link rel="stylesheet" href="/static/kiosk.css" />
        <script src="/static/htmx.min.js"></script>
        <script src="/static/sse.min.js"></script>
        <script src="/static/kiosk.js"></script>
      </head>
      <body hx-ext="sse" sse-connect="/events">
        {props.children}
      </body>
    </html>
  );
}
