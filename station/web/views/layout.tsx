import type { Child } from "hono/jsx";

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
        <link rel="stylesheet" href="/static/kiosk.css" />
        <script src="/static/htmx.min.js"></script>
        <script src="/static/sse.min.js"></script>
      </head>
      <body hx-ext="sse" sse-connect="/events">
        {props.children}
      </body>
    </html>
  );
}
