import type { Context, MiddlewareHandler } from "hono";
import { setCookie } from "hono/cookie";
import type { Logger } from "pino";
import { siteRefusal } from "#hub/sites/access.js";
import { readSessionCookie } from "./cookies.js";
import { isPublicPath, isReadMethod, refusal } from "./policy.js";
import type { Principal } from "./schema.js";
import type { AuthService } from "./service.js";
import { sameSecret } from "./tokens.js";

/**
 * Hono environment of every route behind the auth middleware: `c.get("principal")`, and the
 * sites it may see as `siteAccess` (hub/sites/access.ts reads it for every site-filtered route).
 */
export type AuthEnv = { Variables: { principal: Principal; siteAccess: readonly string[] | null } };

export interface AuthMiddlewareDeps {
  service: AuthService;
  log: Logger;
  /** True when the dashboard is served over HTTPS (Secure, `__Host-` cookie). */
  secureCookies: boolean;
}

/** Form field and header that carry the per-session CSRF token on every state-changing request. */
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "X-CSRF-Token";
/**
 * The same token in a cookie the dashboard's own script can read (double submit): /static/csrf.js
 * copies it into the header of every htmx request and into every posted form. Another site can
 * neither read it nor make the browser send it (SameSite=Strict), and the server still compares
 * what was submitted with the session's own token.
 */
export const CSRF_COOKIE = "vaultline_csrf";

const isApi = (path: string) => path === "/api" || path.startsWith("/api/");

function deny(c: Context, status: 401 | 403, reason: string): Response {
  if (isApi(c.req.path)) return c.json({ error: reason }, status);
  if (status === 401) {
    const next = encodeURIComponent(c.req.path);
    // htmx follows HX-Redirect with a full page load instead of swapping the login page into a part.
    if (c.req.header("HX-Request")) return c.body(null, 401, { "HX-Redirect": `/login?next=${next}` });
    return c.redirect(`/login?next=${next}`, 303);
  }
  // A dashboard tap (htmx) gets the reason as a part to show where it was tapped (/static/refusals.js).
  if (c.req.header("HX-Request"))
    return c.html(`<p class="warn" role="alert" data-refused="403">Forbidden: ${escapeHtml(reason)}</p>`, 403);
  return c.text(`Forbidden: ${reason}`, 403);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

async function submittedCsrfToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data"))
    return undefined;
  const body = await c.req.parseBody();
  const field = body[CSRF_FIELD];
  return typeof field === "string" ? field : undefined;
}

async function identify(c: Context, deps: AuthMiddlewareDeps): Promise<Principal | "bad-bearer" | undefined> {
  const authz = c.req.header("Authorization");
  if (authz) {
    const m = /^Bearer\s+(\S+)$/i.exec(authz);
    if (!m?.[1] || !isApi(c.req.path)) return "bad-bearer";
    return (await deps.service.resolveBearer(m[1])) ?? "bad-bearer";
  }
  const sid = readSessionCookie(c, deps.secureCookies);
  return sid ? deps.service.resolveSession(sid) : undefined;
}

/**
 * Signs every request in (session cookie, or bearer token on /api), checks the role policy and the
 * login's sites (`?site=` of a site it may not see is refused with 403 and the reason), and for
 * cookie sessions checks the per-session CSRF token on every write. Public paths pass.
 */
export function createAuthMiddleware(deps: AuthMiddlewareDeps): MiddlewareHandler<AuthEnv> {
  const log = deps.log.child({ mod: "auth" });
  return async (c, next) => {
    const path = c.req.path;
    if (isPublicPath(path)) return next();
    const who = await identify(c, deps);
    if (who === "bad-bearer") {
      log.warn({ path }, "bearer token refused");
      return c.json({ error: "invalid or revoked bearer token (tokens are accepted on /api only)" }, 401);
    }
    if (!who) return deny(c, 401, "sign-in required");
    const why = refusal(who, c.req.method, path);
    if (why) {
      log.warn(
        { path, method: c.req.method, employeeId: who.employeeId, role: who.role },
        "request refused by role policy",
      );
      return deny(c, 403, why);
    }
    const site = c.req.query("site");
    const offSite = site ? siteRefusal(who.sites, site) : undefined;
    if (offSite) {
      log.warn({ path, site, employeeId: who.employeeId }, "request refused: another site's data");
      return deny(c, 403, offSite);
    }
    if (who.kind === "session" && !isReadMethod(c.req.method)) {
      const sent = await submittedCsrfToken(c);
      if (!sent || !who.csrfToken || !sameSecret(sent, who.csrfToken)) {
        log.warn({ path, employeeId: who.employeeId }, "CSRF token missing or wrong");
        return deny(c, 403, "form expired or forged (CSRF token mismatch): reload the page and try again");
      }
    }
    c.set("principal", who);
    c.set("siteAccess", who.sites);
    if (who.kind === "session" && who.csrfToken) {
      setCookie(c, CSRF_COOKIE, who.csrfToken, { path: "/", sameSite: "Strict", secure: deps.secureCookies });
    }
    return next();
  };
}

/** Who acts, as the audit trail names them: the signed-in employee, else `fallback` (a hub without logins). */
export function actorOf(c: Context, fallback: "dashboard" | "api"): string {
  return (c.get("principal") as Principal | undefined)?.employeeId ?? fallback;
}

/**
 * The signed-in session's CSRF token, for forms (`<input type="hidden" name="_csrf">`) and for
 * htmx (`hx-headers='{"X-CSRF-Token": "…"}'` on <body>); empty for token and public requests.
 */
export function csrfTokenOf(c: Context): string {
  const who = c.get("principal") as Principal | undefined;
  return who?.csrfToken ?? "";
}
