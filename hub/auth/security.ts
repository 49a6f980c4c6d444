import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { every } from "hono/combine";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";

export interface SecurityOptions {
  /** True when served over HTTPS: adds Strict-Transport-Security. */
  https: boolean;
  /** Largest accepted request body, bytes (default 1 MiB: forms and JSON, not file uploads). */
  maxBodyBytes?: number;
  /** Paths that take file uploads, each with its own larger limit (POS imports). */
  uploadLimits?: readonly UploadLimit[];
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
 *   covers the login form that has no session token yet.
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
    csrf(),
  );
}

function limitBodies(maxSize: number, uploads: readonly UploadLimit[]): MiddlewareHandler {
  const limiter = (size: number) => bodyLimit({ maxSize: size, onError: (c) => c.text(`Request body too large: the limit is ${size} bytes`, 413) });
  const general = limiter(maxSize);
  const byPath = new Map(uploads.map((u) => [u.path, limiter(u.maxBytes)]));
  return (c, next) => (byPath.get(c.req.path) ?? general)(c, next);
}
