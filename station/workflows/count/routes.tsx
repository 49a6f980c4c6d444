import { Hono, type Context } from "hono";
import { jsxRenderer } from "hono/jsx-renderer";
import { classifyBarcode } from "#contract/barcode.js";
import type { AppDeps } from "#station/web/deps.js";
import { headerProps } from "#station/web/routes/kiosk.js";
import { toneFile } from "#station/web/sound.js";
import { Layout } from "#station/web/views/layout.js";
import { streamWatchedScreen } from "#station/web/screen-stream.js";
import type { CountInput } from "./machine.js";
import type { CountOutcome, Counting } from "./service.js";
import { CountMain, countIds, type CountView } from "./views/main.js";
import { CountPage } from "./views/page.js";

export type CountRouteDeps = AppDeps & { counting: Counting; signedIn(): { employeeId: string; name: string } | null };

function viewOf(deps: CountRouteDeps, sound: boolean, confirm?: { notFound: number }): CountView {
  const c = deps.counting;
  return { state: c.current(), entry: c.entry(), notice: c.lastNotice(), signedIn: deps.signedIn(), sound, confirm };
}

/** Every tap answers with the main part: 200 when taken, 422 with the refusal (and its tone), or JSON without HX-Request. */
function answer(c: Context, deps: CountRouteDeps, out: CountOutcome) {
  const status = out.ok ? 200 : out.confirm ? 409 : 422;
  if (!c.req.header("HX-Request"))
    return c.json(
      out.ok ? { ok: true } : { ok: false, reason: out.reason, ...(out.confirm ? { confirm: out.confirm } : {}) },
      status,
    );
  const confirm = !out.ok ? out.confirm : undefined;
  return c.html(<CountMain view={viewOf(deps, !out.ok || Boolean(confirm), confirm)} />, status);
}

async function field(c: Context, name: string): Promise<string> {
  const type = c.req.header("content-type") ?? "";
  const body = type.includes("json") ? ((await c.req.json()) as Record<string, unknown>) : await c.req.parseBody();
  return String(body[name] ?? "").trim();
}

/**
 * /count — the blind count: the assigned counts, the open one (scan, count or weigh, submit),
 * its SSE stream (`ct-main`; while one is open, scans are the count's), `GET /count/status` (JSON)
 * and the tones. Taps: `POST /count/open` (countSessionId), `/key` (key), `/enter` (label,
 * quantity or the keypad's entry), `/container` (profile|none), `/tag` (a typed tag), `/submit` (confirmed).
 */
export function countRoutes(deps: CountRouteDeps) {
  const k = deps.counting;
  const tap = async (c: Context, input: Parameters<Counting["tap"]>[0]) => {
    deps.signIn.touch();
    return answer(c, deps, await k.tap(input));
  };
  return new Hono()
    .use(
      "/",
      jsxRenderer(({ children }) => <Layout title={`Count · ${deps.stationId}`}>{children}</Layout>),
    )
    .get("/", (c) => {
      if (c.req.header("HX-Request")) return c.html(<CountMain view={viewOf(deps, false)} />);
      return c.render(
        <CountPage
          header={headerProps(deps)}
          banner={deps.feed.banner()}
          view={viewOf(deps, false)}
          signIn={deps.signIn.view()}
        />,
      );
    })
    .get("/status", (c) => c.json({ ...k.current(), entry: k.entry(), notice: k.lastNotice() }))
    .get("/tone/:file", (c) => toneFile(c, c.req.param("file")))
    .post("/open", async (c) => {
      const id = await field(c, "countSessionId");
      if (!id) return answer(c, deps, k.refuse("countSessionId is missing"));
      return tap(c, (who): CountInput => ({ type: "open", countSessionId: id, who }));
    })
    .post("/key", async (c) => {
      k.press(await field(c, "key"));
      return answer(c, deps, { ok: true });
    })
    .post("/enter", async (c) => {
      const label = await field(c, "label");
      const raw = (await field(c, "quantity")) || k.entry();
      const quantity = Number(raw);
      if (raw === "" || !Number.isFinite(quantity))
        return answer(c, deps, k.refuse(`"${raw.slice(0, 20)}" is not a number: type the units counted`));
      return tap(c, (who, at): CountInput => ({ type: "enter", label, quantity, who, at }));
    })
    .post("/container", async (c) => {
      const container = await field(c, "container");
      if (container !== "profile" && container !== "none")
        return answer(c, deps, k.refuse("container is profile or none"));
      return tap(c, (): CountInput => ({ type: "container", container }));
    })
    .post("/tag", async (c) => {
      const code = await field(c, "tag");
      const cls = classifyBarcode(code);
      if (cls.kind !== "metrc-tag")
        return answer(c, deps, k.refuse(`Not counted: ${cls.kind === "invalid" ? cls.reason : "not a package tag"}`));
      return tap(c, (who, at): CountInput => ({ type: "scan", label: cls.tag, who, at, typed: true }));
    })
    .post("/submit", async (c) => {
      const confirmed = (await field(c, "confirmed")) === "true";
      return tap(c, (who, at): CountInput => ({ type: "submit", who, at, confirmed }));
    })
    .get("/events", (c) =>
      streamWatchedScreen(
        c,
        { events: k.events, watch: () => k.screens.watch() },
        countIds.main,
        () => (<CountMain view={viewOf(deps, true)} />).toString(),
        deps.sseHeartbeatMs,
      ),
    );
}
