import { zValidator } from "@hono/zod-validator";
import { Hono, type Context } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { z } from "zod";
import type { AppDeps } from "#station/web/deps.js";
import { headerProps } from "#station/web/routes/kiosk.js";
import { Layout } from "#station/web/views/layout.js";
import { streamWatchedScreen } from "#station/web/screen-stream.js";
import type { LookUpResult } from "./machine.js";
import type { LookUp } from "./service.js";
import { LookUpPage, lookUpIds } from "./views/page.js";
import { LookUpPanel } from "./views/result.js";

export type LookUpRouteDeps = AppDeps & { lookUp: Pick<LookUp, "events" | "current" | "watch" | "ask"> };

const AskForm = z.object({
  tag: z.string().trim().min(1, "scan or type a tag").max(64, "a tag is at most 64 characters"),
});

/** A refusal answers 422 with the panel and its bad tone (htmx swaps it), or JSON without HX-Request. */
function refused(c: Context, deps: LookUpRouteDeps, reason: string, status: 400 | 422 = 422) {
  if (c.req.header("HX-Request")) {
    const state = { ...deps.lookUp.current(), refusal: { code: "", text: reason } };
    return c.html(<LookUpPanel state={state} sound timeZone={deps.timeZone} />, status);
  }
  return c.json({ ok: false, reason }, status);
}

function answered(c: Context, deps: LookUpRouteDeps, result: LookUpResult | null) {
  if (c.req.header("HX-Request"))
    return c.html(<LookUpPanel state={deps.lookUp.current()} sound={false} timeZone={deps.timeZone} />);
  return c.json({ ok: true, result });
}

/**
 * /look-up — any tag's item, quantity, location, status, lab state, expiry and last history:
 * the screen, `POST /look-up` (form `tag`: answered with the result part, or 422 with the refusal
 * and the bad tone), `GET /look-up/events` (SSE `lu-result`; while one is open, scans go to
 * look-up) and `GET /look-up/packages/:label` (JSON) for automation and tests.
 */
export function lookUpRoutes(deps: LookUpRouteDeps) {
  const l = deps.lookUp;
  return new Hono()
    .use(
      "/",
      jsxRenderer(({ children }) => <Layout title={`Look up · ${deps.stationId}`}>{children}</Layout>),
    )
    .get("/", (c) => {
      if (c.req.header("HX-Request"))
        return c.html(<LookUpPanel state={l.current()} sound={false} timeZone={deps.timeZone} />);
      return c.render(
        <LookUpPage
          header={headerProps(deps)}
          banner={deps.feed.banner()}
          state={l.current()}
          signIn={deps.signIn.view()}
        />,
      );
    })
    .post(
      "/",
      zValidator("form", AskForm, (r, c) =>
        r.success ? undefined : refused(c, deps, r.error.issues.map((i) => i.message).join("; "), 400),
      ),
      async (c) => {
        deps.signIn.touch();
        const out = await l.ask(c.req.valid("form").tag, undefined, true);
        return out.ok ? answered(c, deps, out.state.result) : refused(c, deps, out.reason);
      },
    )
    .get("/packages/:label", async (c) => {
      const out = await l.ask(c.req.param("label"), undefined, true);
      return out.ok ? c.json({ ok: true, result: out.state.result }) : c.json({ ok: false, reason: out.reason }, 422);
    })
    .get("/events", (c) =>
      streamWatchedScreen(
        c,
        l,
        lookUpIds.result,
        () => (<LookUpPanel state={l.current()} sound={false} timeZone={deps.timeZone} />).toString(),
        deps.sseHeartbeatMs,
      ),
    );
}
