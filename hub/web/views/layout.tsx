import type { Child } from "hono/jsx";

/** A link in the dashboard's header. */
export interface NavLink {
  href: string;
  label: string;
}

/** The dashboard shell: htmx and its SSE extension are served from /static (no CDN: stores run offline). */
export function Layout(props: { title: string; nav?: readonly NavLink[]; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · Vaultline hub</title>
        <link rel="stylesheet" href="/static/hub.css" />
        <script src="/static/htmx.min.js"></script>
        <script src="/static/sse.js"></script>
        <script src="/static/csrf.js"></script>
        <script src="/static/refusals.js"></script>
      </head>
      <body>
        <header class="top">
          <a href="/" class="brand"><strong>Vaultline</strong> <span class="muted">hub</span></a>
          <nav>
            {(props.nav ?? []).map((l) => (
              <a href={l.href}>{l.label}</a>
            ))}
          </nav>
          <form action="/packages" method="get" class="find">
            <input name="label" placeholder="Package tag (24 characters)" aria-label="Package tag" size={28} />
            <button type="submit">Find</button>
          </form>
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}
