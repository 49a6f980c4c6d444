import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";
import { errorToneWav } from "../sound.js";

interface Asset {
  body: Uint8Array;
  type: string;
}

/**
 * /static — htmx and its SSE extension read from node_modules (the kiosk runs offline, never a
 * CDN), the kiosk stylesheet, its one script (taps that got no answer), and the error tone. Files are read once when the app is built.
 */
export function staticRoutes() {
  const require = createRequire(import.meta.url);
  const js = "text/javascript; charset=utf-8";
  const assets = new Map<string, Asset>([
    ["htmx.min.js", { body: readFileSync(require.resolve("htmx.org/dist/htmx.min.js")), type: js }],
    ["sse.min.js", { body: readFileSync(require.resolve("htmx-ext-sse/dist/sse.min.js")), type: js }],
    [
      "kiosk.css",
      { body: readFileSync(new URL("../static/kiosk.css", import.meta.url)), type: "text/css; charset=utf-8" },
    ],
    ["kiosk.js", { body: readFileSync(new URL("../static/kiosk.js", import.meta.url)), type: js }],
    ["error.wav", { body: errorToneWav(), type: "audio/wav" }],
  ]);
  return new Hono().get("/:name", (c) => {
    const asset = assets.get(c.req.param("name"));
    if (!asset) return c.text("not found", 404);
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": asset.type,
      "cache-control": "public, max-age=3600",
    });
  });
}
