import { Hono, type Context } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { pickOverrideReasons, type PickOverrideReason } from "#contract/restock.js";
import { DEFAULT_TIME_ZONE } from "#contract/facility-time.js";
import { toneFile } from "#station/web/sound.js";
import type { AppDeps } from "#station/web/deps.js";
import { headerProps } from "#station/web/routes/kiosk.js";
import { Layout } from "#station/web/views/layout.js";
import { streamWatchedScreen } from "#station/web/screen-stream.js";
import type { Restock, TapOutcome } from "./service.js";
import { RestockShell } from "./views/page.js";
import { AskForm, RestockScreen, restockIds } from "./views/screen.js";

export type RestockRouteDeps = AppDeps & { restock: Restock };

/**
 * /restock — the pick list at the kiosk: `GET /restock` (requests, or the open one's pick list),
 * `GET /restock/events` (SSE `rs-screen`; while one is open, scans go to the open request),
 * `POST /restock/{open,close,override,dismiss,finish}` (`requestId`, `reason`), `GET|POST /restock/ask`
 * (`itemId`, `quantity`), `GET /restock/status` (JSON) and `GET /restock/tone/{ok,warn,bad}.wav`.
 * A refused tap answers 422 with the screen and the refusal in it, with the bad tone.
 */
export function restockRoutes(deps: RestockRouteDeps) {
  const r = deps.restock;
  const zone = deps.timeZone ?? DEFAULT_TIME_ZONE;
  const screen = (notice?: string, sound = false) => {
    const may = r.may("pick");
    return (
      <RestockScreen
        state={r.current()}
        locked={may.ok ? null : may.reason}
        asked={r.pending()}
        timeZone={zone}
        notice={notice}
        sound={sound}
      />
    );
  };
  const answer = (c: Context, out: TapOutcome) => {
    deps.signIn.touch();
    return out.ok ? c.html(screen()) : c.html(screen(out.reason), 422);
  };
  const askRefusal = () => {
    const may = r.may("ask");
    return may.ok ? undefined : may.reason;
  };
  const form = async (c: Context) => (await c.req.parseBody()) as Record<string, string | undefined>;
  return new Hono()
    .use(
      "/",
      jsxRenderer(({ children }) => <Layout title={`Restock · ${deps.stationId}`}>{children}</Layout>),
    )
    .use(
      "/ask",
      jsxRenderer(({ children }) => <Layout title={`Ask for a restock · ${deps.stationId}`}>{children}</Layout>),
    )
    .get("/", (c) => {
      if (c.req.header("HX-Request")) return c.html(screen());
      return c.render(
        <RestockShell header={headerProps(deps)} banner={deps.feed.banner()} signIn={deps.signIn.view()} stream>
          <div id={restockIds.screen} sse-swap={restockIds.screen}>
            {screen()}
          </div>
        </RestockShell>,
      );
    })
    .post("/open", async (c) => answer(c, await r.tap({ type: "open", requestId: (await form(c)).requestId ?? "" })))
    .post("/close", async (c) => answer(c, await r.tap({ type: "close" })))
    .post("/dismiss", async (c) => answer(c, await r.tap({ type: "dismiss" })))
    .post("/finish", async (c) => answer(c, await r.tap({ type: "finish" })))
    .post("/override", async (c) => {
      const reason = (await form(c)).reason ?? "";
      if (!(pickOverrideReasons as readonly string[]).includes(reason))
        return c.html(screen(`say why it is taken instead: ${pickOverrideReasons.join(" or ")}`), 400);
      return answer(
        c,
        await r.tap({ type: "override", reason: reason as PickOverrideReason, at: new Date().toISOString() }),
      );
    })
    .get("/ask", (c) =>
      c.render(
        <RestockShell header={headerProps(deps)} banner={deps.feed.banner()} signIn={deps.signIn.view()}>
          <div id={restockIds.screen}>
            <AskForm items={r.itemList()} notice={askRefusal()} />
          </div>
        </RestockShell>,
      ),
    )
    .post("/ask", async (c) => {
      const f = await form(c);
      const quantity = Number(f.quantity);
      const refuse = (why: string) => c.html(<AskForm items={r.itemList()} notice={why} />, 422);
      if (!f.itemId) return refuse("choose the item");
      if (!(quantity > 0)) return refuse("choose how many");
      const out = await r.ask([{ itemId: f.itemId, quantity }]);
      deps.signIn.touch();
      return out.ok ? c.html(<AskForm items={r.itemList()} sent />) : refuse(out.reason);
    })
    .get("/status", (c) => c.json({ ...r.current(), asked: r.pending() }))
    .get("/tone/:name{(ok|warn|bad)\\.wav}", (c) => toneFile(c, c.req.param("name")))
    .get("/events", (c) => {
      let lastVerdict = r.current().verdict;
      // The verdict tone plays once, in the frame where the verdict first shows.
      const render = () => {
        const v = r.current().verdict;
        const fresh = v !== null && v !== lastVerdict;
        lastVerdict = v;
        return screen(undefined, fresh).toString();
      };
      return streamWatchedScreen(c, r, restockIds.screen, render, deps.sseHeartbeatMs);
    });
}
