import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

/**
 * The session cookie: HttpOnly (no script can read it), SameSite=Strict (never sent on a request
 * started by another site), and Secure with the `__Host-` prefix when served over HTTPS, which
 * also pins it to this host and path "/".
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-vl_session" : "vl_session";
}

export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, sessionCookieName(secure)) || undefined;
}

/** Sets the session cookie; `maxAgeMs` bounds it to the session's absolute lifetime. */
export function writeSessionCookie(c: Context, secure: boolean, sessionId: string, maxAgeMs: number): void {
  setCookie(c, sessionCookieName(secure), sessionId, {
    httpOnly: true,
    secure,
    sameSite: "Strict",
    path: "/",
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, sessionCookieName(secure), { path: "/", secure, httpOnly: true, sameSite: "Strict" });
}
