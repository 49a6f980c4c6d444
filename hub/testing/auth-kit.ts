import { Hono } from "hono";
import type { Kysely } from "kysely";
import type { Database } from "#hub/store/database.js";
import { pino, type Logger } from "pino";
import { Writable } from "node:stream";
import type { Role } from "#contract/domain.js";
import { createHubAuth, type HubAuthDeps } from "#hub/auth/index.js";
import type { AuthEnv } from "#hub/auth/middleware.js";
import type { PasswordCost } from "#hub/auth/password.js";

/**
 * Shared by the auth tests: a cheap password cost, a log that can be searched
 * for leaked secrets, employees with logins, and a stand-in dashboard with one route per policy
 * area (the real dashboard mounts the same middleware and routes).
 */
export const TEST_PASSWORD_COST: PasswordCost = { N: 1024, r: 8, p: 1 };
export const ORIGIN = "http://hub.test";

/** A pino logger whose every line is kept in `lines`. */
export function capturingLog(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: pino({ level: "debug" }, sink), lines };
}

export async function addEmployee(db: Kysely<Database>, id: string, role: Role, active = true): Promise<void> {
  await db
    .insertInto("employees")
    .values({
      id,
      name: `Test ${role} ${id}`,
      role,
      badge: `EMP-${id.toUpperCase().replace(/[^A-Z0-9]/g, "")}`,
      pin_hash: "scrypt$1$1$1$x$y",
      active: active ? 1 : 0,
    })
    .execute();
}

/** A stand-in dashboard: every route answers 200 "ok <path>" once the auth middleware lets it through. */
export function buildTestApp(deps: Omit<HubAuthDeps, "passwordCost"> & { passwordCost?: PasswordCost }) {
  const auth = createHubAuth({
    passwordCost: TEST_PASSWORD_COST,
    clientAddress: (c) => c.req.header("x-test-address") ?? "10.0.0.1",
    ...deps,
  });
  const app = new Hono<AuthEnv>();
  app.use("*", auth.middleware);
  app.route("/", auth.routes);
  const ok = (c: { text: (s: string) => Response; req: { path: string } }) => c.text(`ok ${c.req.path}`);
  for (const path of [
    "/",
    "/api/health",
    "/api/stations",
    "/api/packages/:label",
    "/api/reports/end-of-day",
    "/packages",
    "/reports",
    "/audit",
    "/adjustments",
    "/stations",
    "/admin/settings",
  ]) {
    app.get(path, ok);
    app.post(path, ok);
  }
  return { app, auth };
}

/** Anything with Hono's `request()`: the stand-in app here, or the hub's real app. */
export interface Requester {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

/** Signs in through the form; returns the cookie header and the CSRF token for later requests. */
export async function signIn(app: Requester, username: string, password: string, address = "10.0.0.1") {
  const res = await app.request(`${ORIGIN}/login`, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", "x-test-address": address },
    body: new URLSearchParams({ username, password, next: "/" }),
  });
  const setCookie = res.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0] ?? "";
  let csrf = "";
  if (res.status === 303) {
    const page = await app.request(`${ORIGIN}/account/tokens`, { headers: { cookie } });
    csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  }
  return { res, cookie, csrf };
}

/** A form POST as the signed-in browser would send it. */
export function formPost(
  app: Requester,
  path: string,
  cookie: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return app.request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { origin: ORIGIN, cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  });
}
