import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzParams, jsonTextOf, nastyJson, nastyText, PROTOTYPE_KEYS } from "../../test/support/fuzz.js";
import type { Role } from "#contract/domain.js";
import { createHubAuth } from "../auth/index.js";
import { addEmployee, ORIGIN, signIn, TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { FakeClock } from "#hub/testing/clock.js";
import { idleSyncWorker } from "#hub/testing/dashboard-kit.js";
import { silentLog } from "../log.js";
import { stateSystemRoutes } from "../statesystem/web/routes.js";
import { openTestLedger, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { createApp } from "./app.js";
import { LiveFeed } from "./live.js";
import { singleSite } from "#hub/sites/directory.js";

/**
 * The dashboard's HTTP surface under random requests, logins in front as in production: the
 * sign-in form, API tokens, login management, the state-system screen's forms, package pages
 * and the JSON API, with random fields, bodies, content types, Origins, cookies, CSRF tokens and
 * bearer tokens. Bad input gets a 4xx with its reason; no request gets a 5xx.
 */
const PASSWORD = "correct horse battery";
const AUTOMATION = "automation-secret-123";
let ledger: TestLedger;
let app: ReturnType<typeof createApp>;
let admin: { cookie: string; csrf: string };

beforeAll(async () => {
  ledger = await openTestLedger("sqlite");
  const clock = new FakeClock();
  const log = silentLog();
  const auth = createHubAuth({
    db: ledger.db,
    log,
    https: false,
    clock,
    automationToken: AUTOMATION,
    passwordCost: TEST_PASSWORD_COST,
    clientAddress: () => "10.0.0.1",
  });
  for (const role of ["admin", "manager", "auditor"] as Role[]) {
    await addEmployee(ledger.db, `e-${role}`, role);
    await auth.service.setPassword(`e-${role}`, role, PASSWORD);
  }
  const worker = idleSyncWorker();
  app = createApp({
    db: ledger.db,
    dialect: "sqlite",
    log,
    clock: { now: () => clock.now() },
    sites: singleSite(),
    live: new LiveFeed({ db: ledger.db, log, sites: singleSite() }),
    broker: () => ({ connected: true, url: "mqtt://127.0.0.1:1", embedded: true }),
    ingestStats: () => ({ received: 0, stored: 0, duplicates: 0, deadLettered: 0, pending: 0, failing: null }),
    apiToken: AUTOMATION,
    auth: auth.middleware,
    extraRoutes: [
      { path: "/", app: auth.routes },
      {
        path: "/statesystem",
        app: stateSystemRoutes({
          db: ledger.db,
          sites: [{ site: TEST_SITE, worker }],
          clock: { now: () => clock.now(), monotonic: () => clock.monotonic(), sleep: async () => undefined },
          log,
          ssePingMs: 60_000,
        }),
      },
    ],
    ssePingMs: 60_000,
  });
  const signed = await signIn(app, "admin", PASSWORD);
  expect(signed.res.status).toBe(303);
  admin = { cookie: signed.cookie, csrf: signed.csrf };
});
afterAll(() => ledger.dispose());

const pathText = fc.oneof(
  nastyText.map((t) =>
    [...Buffer.from(t, "utf8")]
      .map((b) =>
        /[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, "0")}`,
      )
      .join(""),
  ),
  fc.constantFrom("%", "%zz", "%E0%A4%A", "%00", "1A4060300002199000003445", "1234567890123456", ...PROTOTYPE_KEYS),
);
const path = fc.oneof(
  fc.constantFrom(
    "/login",
    "/logout",
    "/account/tokens",
    "/admin/users",
    "/",
    "/dead-letters",
    "/packages",
    "/statesystem",
    "/statesystem/sync",
    "/api/health",
    "/api/stations",
    "/statesystem/parts/failed",
    "/parts/counts",
  ),
  fc
    .tuple(
      fc.constantFrom(
        "/api/packages/",
        "/packages/",
        "/account/tokens/",
        "/statesystem/submissions/",
        "/statesystem/packages/",
      ),
      pathText,
    )
    .map(([p, t]) => p + t),
  fc
    .tuple(pathText, fc.constantFrom("/retry", "/resolve", "/amend", "/revoke", ""))
    .map(([id, action]) => `/statesystem/submissions/${id}${action}`),
);
const field = fc.constantFrom(
  "username",
  "password",
  "next",
  "name",
  "readOnly",
  "employeeId",
  "reason",
  "note",
  "_csrf",
  ...PROTOTYPE_KEYS,
);
const value = fc.oneof(
  nastyText,
  fc.constantFrom("admin", PASSWORD, "/", "//evil.example", "on", "e-manager", "x".repeat(300), "Spoilage"),
);
const fields = fc.array(fc.tuple(field, value), { maxLength: 5 });
const body = fc.oneof(
  fields.map((f) => ({ type: "application/x-www-form-urlencoded", body: new URLSearchParams(f).toString() })),
  jsonTextOf(nastyJson).map((b) => ({ type: "application/json", body: b })),
  fc
    .tuple(
      fc.constantFrom("multipart/form-data; boundary=x", "text/plain", "application/x-www-form-urlencoded", ""),
      nastyText,
    )
    .map(([type, b]) => ({ type, body: b })),
);
const who = fc.constantFrom("anonymous", "admin", "admin-bad-csrf", "bearer", "bearer-wrong", "cookie-garbage");
const origin = fc.constantFrom(ORIGIN, ORIGIN, "https://evil.example", "null", undefined);
const request = fc.record({
  method: fc.constantFrom("POST", "POST", "GET", "DELETE"),
  path,
  body,
  who,
  origin,
  csrfInBody: fc.boolean(),
  htmx: fc.boolean(),
});

function headersFor(r: {
  who: string;
  origin: string | undefined;
  htmx: boolean;
  body: { type: string };
}): Record<string, string> {
  const h: Record<string, string> = {};
  if (r.body.type) h["content-type"] = r.body.type;
  if (r.origin) h.origin = r.origin;
  if (r.htmx) h["HX-Request"] = "true";
  if (r.who === "admin" || r.who === "admin-bad-csrf") h.cookie = admin.cookie;
  if (r.who === "admin") h["x-csrf-token"] = admin.csrf;
  if (r.who === "admin-bad-csrf") h["x-csrf-token"] = "not-the-token";
  if (r.who === "bearer") h.authorization = `Bearer ${AUTOMATION}`;
  if (r.who === "bearer-wrong") h.authorization = "Bearer nope";
  if (r.who === "cookie-garbage") h.cookie = "vl_session=%E0%A4%A; other=\u0001";
  return h;
}

describe("dashboard HTTP under random requests", () => {
  it("answers every request below 500", async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const bodyText =
          r.csrfInBody && r.body.type.startsWith("application/x-www-form-urlencoded")
            ? `${r.body.body}&_csrf=${encodeURIComponent(admin.csrf)}`
            : r.body.body;
        const res = await app.request(`${ORIGIN}${r.path}`, {
          method: r.method,
          headers: headersFor(r),
          ...(r.method === "GET" ? {} : { body: bodyText }),
        });
        const text = await res.text();
        expect(res.status, `${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
      }),
      fuzzParams(300),
    );
  });

  it("the sign-in form answers random credentials with 303, 400, 401 or 429 (same origin)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("username", "password", "next"), value, { maxKeys: 3 }),
        async (form) => {
          const res = await app.request(`${ORIGIN}/login`, {
            method: "POST",
            headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams(form),
          });
          expect([303, 400, 401, 429]).toContain(res.status);
          if (res.status === 303) expect(res.headers.get("location")).toMatch(/^\/(?![/\\])/);
        },
      ),
      fuzzParams(80),
    );
  });
});

describe("found by fuzzing", () => {
  it.each([
    ["multipart/form-data; boundary=x", ""],
    ["application/json", "{"],
  ])("a sign-in body that cannot be parsed (%s) is refused below 500", async (type, bodyText) => {
    const res = await app.request(`${ORIGIN}/login`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": type },
      body: bodyText,
    });
    expect(res.status).toBeLessThan(500);
  });
});
