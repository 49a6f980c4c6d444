import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { every } from "hono/combine";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";

export interface SecurityOptions {
  /** True when served over HTTPS: adds Strict-Transport-Security. */
  https: boolean;
  /** Largest accepted request body, bytes (default 1 MiB: forms and JSON, not file uploads). */
  maxBodyBytes?: number;
  /** Paths that take file uploads, each with its own larger limit (POS imports). */
  uploadLimits?: readonly UploadLimit[];
  /** Where refused origins are logged. */
  log?: Logger;
}

/** A path (exact) that accepts bodies up to `maxBytes`. */
export interface UploadLimit {
  path: string;
  maxBytes: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Headers, body limit and origin check for every hub response and request:
 * - a Content-Security-Policy that allows only the hub's own scripts (htmx is served from /static),
 *   no framing (clickjacking), no plugins;
 * - bodies over the limit (the upload path's own, else maxBodyBytes) are refused with 413 before they are read;
 * - hono/csrf refuses form posts whose Origin (or Sec-Fetch-Site) is another site, which also
 *   covers the login form that has no session token yet; see originGuard for the answer.
 */
export function securityMiddleware(opts: SecurityOptions): MiddlewareHandler {
  const maxSize = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return every(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // htmx adds an inline <style> for its request indicators.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
      strictTransportSecurity: opts.https ? "max-age=31536000; includeSubDomains" : false,
      referrerPolicy: "same-origin",
      xFrameOptions: "DENY",
    }),
    limitBodies(maxSize, opts.uploadLimits ?? []),
    originGuard(opts.log),
  );
}

function limitBodies(maxSize: number, uploads: readonly UploadLimit[]): MiddlewareHandler {
  const limiter = (size: number) =>
    bodyLimit({ maxSize: size, onError: (c) => c.text(`Request body too large: the limit is ${size} bytes`, 413) });
  const general = limiter(maxSize);
  const byPath = new Map(uploads.map((u) => [u.path, limiter(u.maxBytes)]));
  return (c, next) => (byPath.get(c.req.path) ?? general)(c, next);
}

/**
 * hono/csrf decides (a write whose body a plain HTML form could send must come from this hub's
 * own origin, by Origin or Sec-Fetch-Site); this answers its refusal as a 403 with the reason.
 * hono/csrf throws an HTTPException, which the hub's error handler would turn into a 500.
 */
export function originGuard(log?: Logger): MiddlewareHandler {
  const decide = csrf();
  return async (c, next) => {
    let allowed = false;
    try {
      await decide(c, async () => {
        allowed = true;
      });
    } catch (err) {
      if (!(err instanceof HTTPException) || err.status !== 403) throw err;
    }
    if (allowed) return next();
    const reason = originRefusal(c);
    log?.warn(
      { path: c.req.path, method: c.req.method, origin: c.req.header("origin") ?? null },
      "request refused: origin",
    );
    if (c.req.path === "/api" || c.req.path.startsWith("/api/")) return c.json({ error: reason }, 403);
    return c.text(`Forbidden: ${reason}`, 403);
  };
}

function originRefusal(c: Context): string {
  const own = new URL(c.req.url).origin;
  const origin = c.req.header("origin");
  if (origin === undefined) {
    return `a ${c.req.method} without an Origin header is refused: browsers send one; other clients send "Origin: ${own}" or a JSON body (Content-Type: application/json)`;
  }
  return `cross-origin request refused: Origin ${origin} is not this hub (${own})`;
}
