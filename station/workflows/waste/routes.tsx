import { zValidator } from "@hono/zod-validator";
import { Hono, type Context } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { z } from "zod";
import type { AppDeps } from "#station/web/deps.js";
import { headerProps } from "#station/web/routes/kiosk.js";
import { Layout } from "#station/web/views/layout.js";
import { panelStream } from "../vault-kit/stream.js";
import type { Answer, Waste } from "./service.js";
import { WastePage } from "./views/page.js";
import { WastePanel, wasteIds } from "./views/panel.js";

export type WasteRouteDeps = AppDeps & { waste: Waste };

const TagForm = z.object({ tag: z.string().trim().min(1, "scan or type a tag").max(64) });
const UnitsForm = z.object({ units: z.coerce.number({ error: "type how many units" }) });
const ReasonForm = z.object({
  reason: z.string({ error: "choose a reason" }).min(1, "choose a reason").max(256),
  notePick: z.string().max(100).optional(),
  note: z.string().max(400).optional(),
  method: z.string().max(256).optional(),
});
const KeyForm = z.object({
  key: z.enum(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "clear", "ok", "cancel"]),
});

/** A bad form: 400 with the panel showing why, and the bad tone. */
const badForm =
  (deps: WasteRouteDeps) =>
  (r: { success: true } | { success: false; error: { issues: ReadonlyArray<{ message: string }> } }, c: Context) =>
    r.success
      ? undefined
      : answer(c, deps, { ok: false, reason: r.error.issues.map((i) => i.message).join("; ") }, 400);

/** The panel after a tap: 200, or 422 with the refusal and the bad tone (htmx swaps both). */
function answer(c: Context, deps: WasteRouteDeps, a: Answer, status: 400 | 422 = 422) {
  deps.signIn.touch();
  const v = deps.waste.view();
  const shown = a.ok ? v : { ...v, refusal: a.reason };
  return c.html(<WastePanel v={shown} sound={!a.ok} />, a.ok ? 200 : status);
}

/**
 * /waste — waste a package with a witness: the screen, its SSE stream (`ws-panel`; while one is
 * open, scans and the scale go to waste), and the taps: `POST /waste/package` (tag), `/units`,
 * `/reweigh`, `/reason` (reason, note or notePick, method), `/witness/key` (the witness's PIN
 * pad), `/cancel`, `/next`; `GET /waste/status` answers the screen's state as JSON.
 */
export function wasteRoutes(deps: WasteRouteDeps) {
  const w = deps.waste;
  return new Hono()
    .use(
      "/",
      jsxRenderer(({ children }) => <Layout title={`Waste · ${deps.stationId}`}>{children}</Layout>),
    )
    .get("/", (c) => {
      if (c.req.header("HX-Request")) return c.html(<WastePanel v={w.view()} sound={false} />);
      return c.render(
        <WastePage
          header={headerProps(deps)}
          banner={deps.feed.banner()}
          view={w.view()}
          signIn={deps.signIn.view()}
        />,
      );
    })
    .get("/status", (c) => {
      const v = w.view();
      return c.json({ step: v.step, refusal: v.refusal, state: v.state, jobs: v.jobs.map(({ zpl: _z, ...j }) => j) });
    })
    .post("/package", zValidator("form", TagForm, badForm(deps)), async (c) =>
      answer(c, deps, await w.pickPackage(c.req.valid("form").tag.toUpperCase())),
    )
    .post("/units", zValidator("form", UnitsForm, badForm(deps)), async (c) =>
      answer(c, deps, await w.units(c.req.valid("form").units)),
    )
    .post("/reweigh", async (c) => answer(c, deps, await w.reweigh()))
    .post("/reason", zValidator("form", ReasonForm, badForm(deps)), async (c) => {
      const { reason, ...draft } = c.req.valid("form");
      return answer(c, deps, await w.chooseReason(reason, draft));
    })
    .post("/witness/key", zValidator("form", KeyForm, badForm(deps)), async (c) =>
      answer(c, deps, await w.witnessKey(c.req.valid("form").key)),
    )
    .post("/cancel", async (c) => answer(c, deps, await w.cancel()))
    .post("/next", async (c) => answer(c, deps, await w.next()))
    .get("/events", (c) =>
      panelStream(
        c,
        { events: w.events, screen: w.screen, tone: () => w.view().tone },
        wasteIds.panel,
        (sound) => (<WastePanel v={w.view()} sound={sound} />).toString(),
        deps.sseHeartbeatMs,
      ),
    );
}
