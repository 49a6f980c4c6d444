import type { Child } from "hono/jsx";
import { Nav, type NavProps } from "./parts/nav.js";
import { SitePicker, type SitePickerProps } from "./parts/site-picker.js";

export type { NavLink } from "./parts/nav.js";

export interface LayoutProps {
  title: string;
  /** The header's navigation; without it (a bare render in a test) the header has only the search box. */
  nav?: NavProps | undefined;
  /** The site picker, when the hub serves more than one site. */
  sites?: SitePickerProps | undefined;
  children?: Child;
}

/** The dashboard shell: htmx and its SSE extension are served from /static (no CDN: stores run offline). */
export function Layout(props: LayoutProps) {
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
          <a href="/" class="brand">
            <strong>Vaultline</strong> <span class="muted">hub</span>
          </a>
          {props.nav && <Nav {...props.nav} />}
          {props.sites && <SitePicker {...props.sites} />}
          <form action="/packages" method="get" class="find">
            <input name="label" placeholder="Package tag (24 characters)" aria-label="Package tag" size={24} />
            <button type="submit">Find</button>
          </form>
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}
