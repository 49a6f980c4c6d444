import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler, Next } from "hono";

/** Set on requests signed with HUB_API_TOKEN so the login middleware lets them by. */
export type TokenEnv = { Variables: { apiToken: boolean } };

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * HUB_API_TOKEN on /api/*: `Authorization: Bearer <token>` may read (GET/HEAD), never write.
 * Other requests go on to the login middleware when there is one; without logins and with a
 * token configured, /api/* other than /api/health needs the token.
 */
export function apiTokenGuard(token: string | undefined, hasLogins: boolean): MiddlewareHandler<TokenEnv> {
  return async (c: Context<TokenEnv>, next: Next) => {
    if (!token) return next();
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "");
    if (m?.[1] && sameToken(m[1], token)) {
      if (!READ_METHODS.has(c.req.method)) return c.json({ error: "the API token is read-only" }, 403);
      c.set("apiToken", true);
      return next();
    }
    if (hasLogins || c.req.path === "/api/health") return next();
    return c.json({ error: m ? "wrong API token" : "this hub needs Authorization: Bearer <HUB_API_TOKEN>" }, 401);
  };
}
