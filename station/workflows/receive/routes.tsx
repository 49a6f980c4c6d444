import { zValidator } from "@hono/zod-validator";
import { Hono, type Context } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { z } from "zod";
import { RejectReasonSchema } from "#contract/receiving.js";
import { TAG_LENGTH } from "#contract/metrc-tag.js";
import type { Outcome } from "./service.js";
import { toneFile } from "#station/web/sound.js";
import { Layout } from "#station/web/views/layout.js";
import { ReceiveBody, ReceivePage } from "./views/page.js";
import { ReceiveCoa } from "./views/line.js";
import { receiveIds } from "./views/ids.js";
import { RejectReasons } from "./views/reasons.js";
import { manifestRejectReasons, RejectManifestPanel } from "./views/reject-manifest.js";
import { ReceiveConfirm, ReceiveNotice } from "./views/status.js";
import { headerProps } from "#station/web/routes/kiosk.js";
import { receiveEventsRoute } from "./events-route.js";
import { receiveStatusJson } from "./status-json.js";
import { receiveView, type ReceiveDeps } from "./view-model.js";
import { receiveCoaRoutes } from "./coa-routes.js";

export type { ReceiveDeps } from "./view-model.js";

const Label = z.string().regex(new RegExp(`^[0-9A-Z]{${TAG_LENGTH}}$`), "a METRC tag of 24 letters and digits");
const LabelParam = z.object({ label: Label });
const OpenForm = z.object({ manifestNumber: z.string().min(1).max(64) });
const RejectForm = z.object({ reason: RejectReasonSchema, note: z.string().max(500).optional() });
const CorrectedForm = z.object({
  quantity: z.coerce.number().positive("more than 0").finite(),
  confirmed: z.literal("true").optional(),
});
const ContainerForm = z.object({
  container: z.string().regex(/^(profile|none|c\d{1,3})$/, "a container offered on the screen"),
});
const ManifestRejectForm = z.object({ reason: z.string().trim().min(1, "say why").max(200) });

/** Bad input gets a 4xx with its reason: a notice for the kiosk, JSON for anything else. */
function badInput(
  result: { success: boolean; error?: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } },
  c: Context,
) {
  if (result.success) return;
  const reason = (result.error?.issues ?? [])
    .map((i) => `${i.path.map(String).join(".") || "input"}: ${i.message}`)
    .join("; ");
  return answer(c, { ok: false, reason }, 400);
}

/** The answer to a tap: an empty notice (or the refusal) for htmx, `{ ok, reason? }` otherwise. */
function answer(c: Context, out: Outcome, refusedStatus: 400 | 409 | 422 = 422) {
  if (c.req.header("HX-Request"))
    return c.html(<ReceiveNotice text={out.ok ? undefined : out.reason} />, out.ok ? 200 : refusedStatus);
  return c.json(out, out.ok ? 200 : refusedStatus);
}

/**
 * /receive — receiving a manifest at the kiosk: the screen, its SSE stream, the coordinator's
 * taps (each answered with a notice; the stream redraws the rest), the verdict tones, and
 * `/receive/status` (JSON) for automation and the browser tests.
 */
export function receiveRoutes(deps: ReceiveDeps) {
  const r = deps.receiving;
  // A tap on the receiving screen is activity: it keeps the coordinator from being signed out idle.
  const tap = (c: Context, out: Promise<Outcome>) => {
    deps.signIn.touch();
    return out.then((o) => answer(c, o));
  };
  return new Hono()
    .use(
      "/",
      jsxRenderer(({ children }) => <Layout title={`Receiving · ${deps.stationId}`}>{children}</Layout>),
    )
    .get("/", (c) => {
      const view = receiveView(deps);
      if (c.req.header("HX-Request")) return c.html(<ReceiveBody v={view} />);
      return c.render(
        <ReceivePage
          header={headerProps(deps)}
          banner={deps.feed.banner()}
          view={view}
          devices={deps.devices.statuses()}
          signIn={deps.signIn.view()}
        />,
      );
    })
    .route("/events", receiveEventsRoute(deps))
    .get("/status", (c) => c.json(receiveStatusJson(r)))
    .get("/tone/:file", (c) => toneFile(c, c.req.param("file"), "public, max-age=3600"))
    .post("/open", zValidator("form", OpenForm, badInput), (c) => tap(c, r.start(c.req.valid("form").manifestNumber)))
    .post("/lines/:label/select", zValidator("param", LabelParam, badInput), (c) =>
      tap(c, r.select(c.req.valid("param").label)),
    )
    .post("/lines/:label/reweigh", zValidator("param", LabelParam, badInput), (c) =>
      tap(c, r.reweigh(c.req.valid("param").label)),
    )
    .post(
      "/lines/:label/container",
      zValidator("param", LabelParam, badInput),
      zValidator("form", ContainerForm, badInput),
      (c) => tap(c, r.chooseContainer(c.req.valid("param").label, c.req.valid("form").container)),
    )
    .post("/lines/:label/remove", zValidator("param", LabelParam, badInput), (c) =>
      tap(c, r.removeScan(c.req.valid("param").label)),
    )
    .post("/lines/:label/accept", zValidator("param", LabelParam, badInput), (c) =>
      tap(c, r.decide({ label: c.req.valid("param").label, decision: "accept" })),
    )
    .post(
      "/lines/:label/accept-corrected",
      zValidator("param", LabelParam, badInput),
      zValidator("form", CorrectedForm, badInput),
      async (c) => {
        const { label } = c.req.valid("param");
        const { quantity, confirmed } = c.req.valid("form");
        deps.signIn.touch();
        const out = await r.decide({ label, decision: "accept-corrected", quantity, confirmed: confirmed === "true" });
        if (out.ok || !out.confirm || !c.req.header("HX-Request"))
          return answer(c, out, !out.ok && out.confirm ? 409 : 422);
        const unit = r.current()?.lines[label]?.line?.unit ?? "";
        return c.html(
          <ReceiveConfirm
            question={out.reason}
            yes={`Yes, accept ${quantity} ${unit}`}
            post={`/receive/lines/${label}/accept-corrected`}
            vals={{ quantity: String(quantity) }}
            target={receiveIds.lineNotice}
          />,
          409,
        );
      },
    )
    .post(
      "/lines/:label/reject",
      zValidator("param", LabelParam, badInput),
      zValidator("form", RejectForm, badInput),
      (c) => {
        const { reason, note } = c.req.valid("form");
        return tap(c, r.decide({ label: c.req.valid("param").label, decision: "reject", reason, note }));
      },
    )
    .get("/lines/:label/coa", zValidator("param", LabelParam, badInput), (c) => {
      const label = c.req.valid("param").label;
      const line = r.current()?.lines[label]?.line;
      if (!line) return c.html(<ReceiveNotice text={`${label} is not a line of the open manifest`} />, 404);
      return c.html(<ReceiveCoa label={label} coa={line.coa} />);
    })
    .get("/lines/:label/reasons", zValidator("param", LabelParam, badInput), (c) => {
      const label = c.req.valid("param").label;
      const p = r.current()?.lines[label];
      if (!p) return c.html(<ReceiveNotice text={`${label} is not a line of the open manifest`} />, 404);
      return c.html(<RejectReasons p={p} />);
    })
    .get("/coa/close", (c) => c.html(<></>))
    .route("/lines", receiveCoaRoutes(r))
    .get("/notice/close", (c) => c.html(<></>))
    .post("/complete", (c) => tap(c, r.complete()))
    .post("/pause", (c) => tap(c, r.pause()))
    .post("/resume", (c) => tap(c, r.resume()))
    .get("/reject-manifest", (c) => {
      const s = r.current();
      if (!s) return c.html(<ReceiveNotice text="No manifest is open for receiving" />, 409);
      const reason = c.req.query("reason");
      const known = manifestRejectReasons.find((x) => x === reason);
      return c.html(<RejectManifestPanel s={s} reason={known} />);
    })
    .post("/reject-manifest", zValidator("form", ManifestRejectForm, badInput), (c) =>
      tap(c, r.rejectManifest(c.req.valid("form").reason)),
    )
    .post("/labels/:id/reprint", (c) => tap(c, r.reprint(c.req.param("id"))));
}
