import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { jsxRenderer } from "hono/jsx-renderer";
import { StationError } from "#station/errors.js";
import type { Workflow } from "#station/workflows/workflow.js";
import type { AppDeps } from "./deps.js";
import { requestGuard } from "./guard.js";
import { apiRoutes } from "./routes/api.js";
import { eventRoutes } from "./routes/events.js";
import { kioskRoutes } from "./routes/kiosk.js";
import { signInRoutes } from "./routes/sign-in.js";
import { simRoutes } from "./routes/sim.js";
import { staticRoutes } from "./routes/static.js";
import { Layout } from "./views/layout.js";
import { KioskBanner } from "./views/parts/banner.js";

export type { AppDeps } from "./deps.js";

/**
 * The station's HTTP app: kiosk pages and fragments, the SSE stream, /api/status, each workflow's
 * screens at its tile's path, and the simulator controls when the devices are simulated. Holds
 * no state of its own.
 */
export function createApp(input: AppDeps & { workflows?: readonly Workflow[] }): Hono {
  const { workflows = [], ...rest } = input;
  const deps: AppDeps = { ...rest, tiles: rest.tiles ?? workflows.map((w) => ({ name: w.name, ...w.tile })) };
  const app = new Hono();
  app.use(requestGuard());
  app.use(
    "/",
    jsxRenderer(({ children }) => <Layout title={`Vaultline ${deps.stationId}`}>{children}</Layout>),
  );
  app.route("/", kioskRoutes(deps));
  app.route("/static", staticRoutes());
  app.route("/events", eventRoutes(deps));
  app.route("/sign-in", signInRoutes(deps));
  app.route("/api", apiRoutes(deps));
  for (const w of workflows) app.route(w.tile.path, w.routes(deps));
  if (deps.devices.sim) app.route("/sim", simRoutes(deps, deps.devices.sim));

  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    const code = err instanceof StationError ? err.code : "INTERNAL";
    deps.log.error({ err, code, path: c.req.path }, "request failed");
    const status = err instanceof StationError ? statusFor(err) : 500;
    if (c.req.header("HX-Request"))
      return c.html(<KioskBanner banner={{ level: "error", text: err.message, sound: true }} />, status);
    return c.json({ error: err.message, code }, status);
  });
  return app;
}

/** 422 for a refused scan, 507 Insufficient Storage when the station's disk is full, else 500. */
function statusFor(err: StationError): 422 | 500 | 507 {
  if (err.code === "SCAN_REJECTED") return 422;
  return err.code === "STORE_FULL" ? 507 : 500;
}
