import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";

/**
 * The kiosk's request guard, in front of every route:
 *
 * ```
 *  request ─▶ write (POST, PUT, PATCH, DELETE) from another origin? ─▶ 403 { error, code: CROSS_ORIGIN }
 *          ─▶ body over MAX_BODY_BYTES? (Content-Length, or counted while streaming) ─▶ 413 { error, code: BODY_TOO_LARGE }
 *          ─▶ routes
 * ```
 *
 * Why the origin rule: the kiosk has no login cookie to steal, but any page the kiosk's browser (or
 * a browser on the same network) opens could otherwise post PIN keys, sign-outs and receiving
 * decisions to it. Browsers send `Origin` on every request that is not GET or HEAD (Fetch
 * standard, "append a request `Origin` header"), so a write whose Origin is not the station's own,
 * or is `null` (sandboxed frames, `file:`), came from someone else's page. Requests without
 * `Origin` are not from a browser page (curl, the hub's tooling, tests) and pass.
 */

/** Largest request body the station reads, bytes. Its forms and sim controls are well under 1 KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Why a write is refused as cross-origin, or undefined when it may proceed. */
export function crossOriginReason(c: Context): string | undefined {
  if (!WRITE_METHODS.has(c.req.method)) return undefined;
  const own = new URL(c.req.url).origin;
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== own)
    return `writes are accepted only from the station's own pages (${own}); this came from ${origin}`;
  // Sec-Fetch-Site is set by the browser and cannot be forged by a page; "same-site" still means
  // another origin (another port on this host, such as the hub's dashboard).
  const site = c.req.header("sec-fetch-site");
  if (site === "cross-site" || site === "same-site")
    return `writes are accepted only from the station's own pages (${own}); the browser marked this ${site}`;
  return undefined;
}

/** Refuses cross-origin writes (403) and bodies over `maxBytes` (413), each with its reason. */
export function requestGuard(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.json({ error: `request body over the station's limit of ${maxBytes} bytes`, code: "BODY_TOO_LARGE" }, 413),
  });
  return createMiddleware(async (c, next) => {
    const refused = crossOriginReason(c);
    if (refused) return c.json({ error: refused, code: "CROSS_ORIGIN" }, 403);
    return limit(c, next);
  });
}
