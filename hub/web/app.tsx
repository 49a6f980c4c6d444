import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { jsxRenderer } from "hono/jsx-renderer";
import { HubError } from "../errors.js";
import { apiTokenGuard, type TokenEnv } from "./api-token.js";
import type { WebDeps } from "./deps.js";
import { apiRoutes } from "./routes/api.js";
import { dashboardRoutes } from "./routes/dashboard.js";
import { packageRoutes } from "./routes/packages.js";
import { staticRoutes } from "./static.js";
import { permitsOf, signedInOf } from "./permits.js";
import { Layout, type LayoutProps } from "./views/layout.js";
import { sitePickerFor } from "./views/parts/site-picker.js";

export type { WebDeps } from "./deps.js";

declare module "hono" {
  interface ContextRenderer {
    /** Renders a page inside the dashboard's one layout (its navigation, its time-zone label). */
    (content: string | Promise<string>, props?: { title?: string }): Response | Promise<Response>;
  }
}

/** The shell of every page: one navigation, built for whoever is signed in. */
function pageShell(deps: WebDeps, c: Context): Omit<LayoutProps, "title" | "children"> {
  return {
    nav: { links: deps.nav ?? [], path: c.req.path, may: permitsOf(c), who: signedInOf(c) },
    sites: sitePickerFor(c, deps.sites),
  };
}

/**
 * The hub's web app: dashboard (hono/jsx + htmx), live SSE feed and the JSON API. Holds no module
 * state; everything comes through `deps`. Logins plug in as `deps.auth` (mounted before every
 * route; requests already signed with HUB_API_TOKEN skip it) and their pages as `deps.extraRoutes`.
 */
export function createApp(deps: WebDeps) {
  const log = deps.log.child({ mod: "web" });
  const app = new Hono<TokenEnv>();

  app.onError((err, c) => {
    // Hono middleware (hono/csrf, body limits…) refuse requests by throwing these: their answer stands.
    if (err instanceof HTTPException) return err.getResponse();
    const code = err instanceof HubError ? err.code : "INTERNAL";
    log.error({ err: err.message, code, path: c.req.path }, "request failed");
    if (c.req.path.startsWith("/api/")) return c.json({ error: err.message, code }, 500);
    if (c.req.header("HX-Request")) return c.html(<p class="warn">Something went wrong: {err.message}</p>, 500);
    return c.html(
      <Layout title="Error" {...pageShell(deps, c)}>
        <p class="warn">Something went wrong: {err.message}</p>
      </Layout>,
      500,
    );
  });
  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404)
      : c.text("Not found", 404),
  );

  app.route("/static", staticRoutes());
  app.use("/api/*", apiTokenGuard(deps.apiToken, deps.auth !== undefined));
  const auth = deps.auth;
  if (auth) app.use("*", async (c, next) => (c.get("apiToken") ? next() : auth(c, next)));

  app.use(
    "*",
    jsxRenderer(
      ({ children, title }, c) => (
        <Layout title={title ?? "Dashboard"} {...pageShell(deps, c)}>
          {children}
        </Layout>
      ),
      { docType: true },
    ),
  );
  app.route("/api", apiRoutes(deps));
  for (const extra of deps.extraRoutes ?? []) app.route(extra.path, extra.app);
  app.route("/packages", packageRoutes(deps));
  app.route("/", dashboardRoutes(deps));
  return app;
}
