import { Hono, type Context } from "hono";
import { raw } from "hono/html";
import { jsxRenderer } from "hono/jsx-renderer";
import { quarantineReasons, type QuarantineReason } from "#contract/quarantine.js";
import type { AppDeps } from "#station/web/deps.js";
import { headerProps } from "#station/web/routes/kiosk.js";
import { ids, sseEvents } from "#station/web/views/ids.js";
import { Layout } from "#station/web/views/layout.js";
import { KioskBanner } from "#station/web/views/parts/banner.js";
import { KioskHeader } from "#station/web/views/parts/header.js";
import { SignInPanel } from "#station/web/views/parts/sign-in-panel.js";
import { streamWatchedScreen } from "#station/web/screen-stream.js";
import { releaseNotes } from "./machine.js";
import type { Outcome, Quarantine } from "./service.js";
import { QuarantineScreen, quarantineIds } from "./views/screen.js";

export type QuarantineRouteDeps = AppDeps & { quarantine: Quarantine };

/** Big targets for gloves at 800×480 and 1024×600: reason buttons in two columns, 56 px high. */
const css = `
.kiosk-quarantine{grid-template-columns:minmax(0,1fr)}
.qt-stream{display:flex;flex-direction:column;min-height:0;overflow:hidden}
#qt-screen{display:flex;flex-direction:column;flex:1;min-height:0;padding:6px 8px;box-sizing:border-box;overflow:auto}
.qt{display:flex;flex-direction:column;gap:6px}
.qt-bar{display:flex;gap:8px;align-items:center;padding:6px 8px 0}
.qt-bar h2{flex:1;margin:0;font-size:20px}
.qt-btn{min-height:56px;padding:0 14px;font-size:18px;border-radius:8px;border:0;background:#6a3d9a;color:#fff;cursor:pointer;text-transform:capitalize}
.qt-btn-plain{background:#3b3b3b;text-transform:none}
a.qt-btn{display:inline-flex;align-items:center;text-decoration:none;text-transform:none;background:#3b3b3b}
.qt-choices{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:6px}
.qt-ask{grid-column:1/-1;margin:0;font-size:18px}
.qt-item{margin:0;font-size:21px}
.qt-tag{font-family:"DejaVu Sans Mono",monospace;font-size:15px;font-weight:normal;color:#ccc}
.qt-facts{margin:0;color:#bbb;font-size:16px}
.qt-empty,.qt-locked p{font-size:21px;color:#bbb}
.qt-done{padding:8px 12px;border-radius:8px;font-size:19px;font-weight:bold;background:#4b2d6e}
.qt-done-asked{background:#8a5a00}
.qt-label{font-size:16px;padding:4px 10px;border-radius:6px;background:#262626}
.qt-label-failed{background:#b3261e;font-weight:bold}
.qt-refusal{background:#b3261e;color:#fff;padding:8px 12px;border-radius:8px;font-size:19px;font-weight:bold}
.qt-sign-in{display:none}
.qt-sign-in:has(.pinpad){display:block;position:fixed;inset:6% 18%;background:#222;z-index:10;padding:12px;border-radius:12px;box-shadow:0 0 0 100vmax rgba(0,0,0,.6)}
`;

/**
 * /quarantine — set a package apart at the kiosk: `GET /quarantine`, `GET /quarantine/events`
 * (SSE `qt-screen`; while one is open, scans go to quarantine), `POST /quarantine/hold` (`reason`),
 * `POST /quarantine/ask-release` (`note`), `POST /quarantine/cancel`. A refusal answers 422 with the
 * screen and the refusal in it, with the bad tone.
 */
export function quarantineRoutes(deps: QuarantineRouteDeps) {
  const q = deps.quarantine;
  const screen = (notice?: string) => {
    const may = q.may();
    return (
      <QuarantineScreen state={q.current()} label={q.label()} locked={may.ok ? null : may.reason} notice={notice} />
    );
  };
  const answer = (c: Context, out: Outcome, status: 400 | 422 = 422) => {
    deps.signIn.touch();
    return out.ok ? c.html(screen()) : c.html(screen(out.reason), status);
  };
  const field = async (c: Context, name: string) =>
    String(((await c.req.parseBody()) as Record<string, unknown>)[name] ?? "");
  return new Hono()
    .use(
      "/",
      jsxRenderer(({ children }) => <Layout title={`Quarantine · ${deps.stationId}`}>{children}</Layout>),
    )
    .get("/", (c) => {
      if (c.req.header("HX-Request")) return c.html(screen());
      return c.render(
        <div class="kiosk kiosk-quarantine">
          <style>{raw(css)}</style>
          <header id={ids.header} class="kiosk-header" sse-swap={sseEvents.header}>
            <KioskHeader {...headerProps(deps)} />
          </header>
          <div id={ids.banner} class="banner-slot" sse-swap={sseEvents.banner}>
            <KioskBanner banner={deps.feed.banner()} />
          </div>
          <div class="qt-stream" hx-ext="sse" sse-connect="/quarantine/events">
            <div class="qt-bar">
              <h2>Quarantine</h2>
              <a class="qt-btn" href="/">
                Home
              </a>
            </div>
            <div id={quarantineIds.screen} sse-swap={quarantineIds.screen}>
              {screen()}
            </div>
          </div>
          <div id={ids.signIn} class="qt-sign-in" sse-swap={sseEvents.signIn}>
            <SignInPanel view={deps.signIn.view()} />
          </div>
        </div>,
      );
    })
    .post("/hold", async (c) => {
      const reason = await field(c, "reason");
      if (!(quarantineReasons as readonly string[]).includes(reason))
        return answer(c, { ok: false, reason: `choose why: ${quarantineReasons.join(", ")}` }, 400);
      return answer(c, await q.hold(reason as QuarantineReason));
    })
    .post("/ask-release", async (c) => {
      const note = await field(c, "note");
      if (!(releaseNotes as readonly string[]).includes(note))
        return answer(c, { ok: false, reason: "choose why it may be released" }, 400);
      return answer(c, await q.askRelease(note));
    })
    .post("/cancel", async (c) => answer(c, await q.cancel()))
    .get("/events", (c) =>
      streamWatchedScreen(c, q, quarantineIds.screen, () => screen().toString(), deps.sseHeartbeatMs),
    );
}
