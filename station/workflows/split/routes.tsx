import { zValidator } from "@hono/zod-validator";
import { Hono, type Context } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { z } from "zod";
import type { AppDeps } from "#station/web/deps.js";
import { headerProps } from "#station/web/routes/kiosk.js";
import { Layout } from "#station/web/views/layout.js";
import { panelStream } from "../vault-kit/stream.js";
import type { Answer, Split } from "./service.js";
import { SplitPage } from "./views/page.js";
import { SplitPanel, splitIds } from "./views/panel.js";

export type SplitRouteDeps = AppDeps & { split: Split };

const CountForm = z.object({ units: z.coerce.number({ error: "type how many units" }) });
const DifferenceForm = z.object({
  as: z.enum(["waste", "adjustment"], { error: "choose waste or adjustment" }),
  reason: z.string({ error: "choose a reason" }).min(1, "choose a reason").max(256),
  note: z.string().max(400).optional(),
});

/** The panel after a tap: 200, or 422 (400 for a bad form) with the refusal and the bad tone. */
function answer(c: Context, deps: SplitRouteDeps, a: Answer, status: 400 | 422 = 422) {
  deps.signIn.touch();
  const v = deps.split.view();
  return c.html(<SplitPanel v={a.ok ? v : { ...v, refusal: a.reason }} sound={!a.ok} />, a.ok ? 200 : status);
}

const badForm =
  (deps: SplitRouteDeps) =>
  (r: { success: true } | { success: false; error: { issues: ReadonlyArray<{ message: string }> } }, c: Context) =>
    r.success
      ? undefined
      : answer(c, deps, { ok: false, reason: r.error.issues.map((i) => i.message).join("; ") }, 400);

/**
 * /split — new packages from a bulk one: the screen, its SSE stream (`sp-panel`; while one is
 * open, scans and the scale go to the split), and the taps `POST /split/count` (units),
 * `/finish` (done adding), `/empty` (nothing left in the source), `/difference` (as, reason,
 * note), `/confirm`, `/cancel`, `/next`; `GET /split/status` answers the state as JSON.
 */
export function splitRoutes(deps: SplitRouteDeps) {
  const s = deps.split;
  return new Hono()
    .use(
      "/",
      jsxRenderer(({ children }) => <Layout title={`New packages · ${deps.stationId}`}>{children}</Layout>),
    )
    .get("/", (c) =>
      c.req.header("HX-Request")
        ? c.html(<SplitPanel v={s.view()} sound={false} />)
        : c.render(
            <SplitPage
              header={headerProps(deps)}
              banner={deps.feed.banner()}
              view={s.view()}
              signIn={deps.signIn.view()}
            />,
          ),
    )
    .get("/status", (c) => {
      const v = s.view();
      return c.json({ step: v.step, refusal: v.refusal, state: v.state, jobs: v.jobs.map(({ zpl: _z, ...j }) => j) });
    })
    .post("/count", zValidator("form", CountForm, badForm(deps)), async (c) =>
      answer(c, deps, await s.count(c.req.valid("form").units)),
    )
    .post("/finish", async (c) => answer(c, deps, await s.finish()))
    .post("/empty", async (c) => answer(c, deps, await s.empty()))
    .post("/difference", zValidator("form", DifferenceForm, badForm(deps)), async (c) => {
      const f = c.req.valid("form");
      return answer(c, deps, await s.difference(f.as, f.reason, f.note));
    })
    .post("/confirm", async (c) => answer(c, deps, await s.confirm()))
    .post("/cancel", async (c) => answer(c, deps, await s.cancel()))
    .post("/next", async (c) => answer(c, deps, await s.next()))
    .get("/events", (c) =>
      panelStream(
        c,
        { events: s.events, screen: s.screen, tone: () => s.view().tone },
        splitIds.panel,
        (sound) => (<SplitPanel v={s.view()} sound={sound} />).toString(),
        deps.sseHeartbeatMs,
      ),
    );
}
