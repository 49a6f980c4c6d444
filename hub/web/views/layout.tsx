import type { Child } from "hono/jsx";

/** The dashboard shell: htmx and its SSE extension are served from /static (no CDN: stores run offline). */
export function Layout(props: { title: string; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · Vaultline hub</title>
        <link rel="stylesheet" href="/static/hub.css" />
        <script src="/static/htmx.min.js"></script>
        <script src="/static/sse.js"></script>
      </head>
      <body>
        <header class="top">
          <strong>Vaultline</strong> <span class="muted">hub</span>
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}
