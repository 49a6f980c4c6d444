import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "#contract/domain.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import { csrfTokenOf } from "./middleware.js";
import { addEmployee, buildTestApp, capturingLog, formPost, ORIGIN, signIn } from "#hub/testing/auth-kit.js";
import { FakeClock } from "#hub/testing/clock.js";

const PASSWORD = "correct horse battery";
const roles: Role[] = ["coordinator", "budtender", "manager", "auditor", "admin"];

let ledger: TestLedger;
let clock: FakeClock;
let kit: ReturnType<typeof buildTestApp>;
let logLines: string[];

beforeEach(async () => {
  ledger = await openTestLedger("sqlite");
  clock = new FakeClock();
  const { log, lines } = capturingLog();
  logLines = lines;
  kit = buildTestApp({ db: ledger.db, log, https: false, clock, automationToken: "automation-secret-123" });
  for (const role of roles) {
    await addEmployee(ledger.db, `e-${role}`, role);
    await kit.auth.service.setPassword(`e-${role}`, role, PASSWORD);
  }
});
afterEach(() => ledger.dispose());

describe("sign-in", () => {
  it("sends anonymous pages to the login form and anonymous API calls a 401, but leaves /api/health open", async () => {
    const page = await kit.app.request(`${ORIGIN}/reports`);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login?next=%2Freports");
    const api = await kit.app.request(`${ORIGIN}/api/reports/end-of-day`);
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: string }).error).toMatch(/sign-in required/);
    expect((await kit.app.request(`${ORIGIN}/api/health`)).status).toBe(200);
  });

  it("refuses a wrong password and sets an HttpOnly SameSite=Strict cookie on success", async () => {
    const bad = await signIn(kit.app, "manager", "wrong password!");
    expect(bad.res.status).toBe(401);
    expect(await bad.res.text()).toContain("Wrong username or password");
    const good = await signIn(kit.app, "manager", PASSWORD);
    expect(good.res.status).toBe(303);
    const cookie = good.res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^vl_session=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect((await kit.app.request(`${ORIGIN}/reports`, { headers: { cookie: good.cookie } })).status).toBe(200);
  });

  it("uses a Secure __Host- cookie and HSTS over HTTPS", async () => {
    const { log } = capturingLog();
    const https = buildTestApp({ db: ledger.db, log, https: true, clock });
    const good = await signIn(https.app, "manager", PASSWORD);
    const cookie = good.res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-vl_session=/);
    expect(cookie).toContain("Secure");
    expect(good.res.headers.get("strict-transport-security")).toContain("max-age=");
  });

  it("follows only local paths after sign-in (no open redirect)", async () => {
    const post = (next: string) =>
      kit.app.request(`${ORIGIN}/login`, {
        method: "POST",
        headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username: "manager", password: PASSWORD, next }),
      });
    expect((await post("/reports")).headers.get("location")).toBe("/reports");
    for (const evil of ["//evil.example/x", "https://evil.example", "/\\evil.example"])
      expect((await post(evil)).headers.get("location")).toBe("/");
  });

  it("refuses an inactive employee's login", async () => {
    await ledger.db.updateTable("employees").set({ active: 0 }).where("id", "=", "e-manager").execute();
    expect((await signIn(kit.app, "manager", PASSWORD)).res.status).toBe(401);
  });
});

describe("role policy over HTTP", () => {
  const cases: Array<[string, string, Role[]]> = [
    ["GET", "/packages", ["coordinator", "budtender", "manager", "auditor", "admin"]],
    ["GET", "/reports", ["manager", "auditor", "admin"]],
    ["GET", "/audit", ["manager", "auditor", "admin"]],
    ["POST", "/audit", []],
    ["POST", "/adjustments", ["manager", "admin"]],
    ["POST", "/packages", ["manager", "admin"]],
    ["POST", "/stations", ["admin"]],
    ["GET", "/admin/settings", ["admin"]],
    ["POST", "/admin/settings", ["admin"]],
  ];
  for (const role of roles) {
    it(`gives ${role} exactly what the policy allows`, async () => {
      const { cookie, csrf } = await signIn(kit.app, role, PASSWORD);
      for (const [method, path, allowed] of cases) {
        const res =
          method === "GET"
            ? await kit.app.request(`${ORIGIN}${path}`, { headers: { cookie } })
            : await formPost(kit.app, path, cookie, { _csrf: csrf });
        expect({ method, path, status: res.status }).toEqual({
          method,
          path,
          status: allowed.includes(role) ? 200 : 403,
        });
      }
    });
  }
});

describe("CSRF", () => {
  it("refuses a session's form post without, or with a wrong, token and accepts the right one", async () => {
    const { cookie, csrf } = await signIn(kit.app, "manager", PASSWORD);
    expect(csrf.length).toBeGreaterThan(20);
    expect((await formPost(kit.app, "/adjustments", cookie, {})).status).toBe(403);
    expect((await formPost(kit.app, "/adjustments", cookie, { _csrf: `${csrf}x` })).status).toBe(403);
    expect((await formPost(kit.app, "/adjustments", cookie, { _csrf: csrf })).status).toBe(200);
    expect((await formPost(kit.app, "/adjustments", cookie, {}, { "X-CSRF-Token": csrf })).status).toBe(200);
  });

  it("answers a refused dashboard tap (htmx) with its reason as a part to show, plain text otherwise", async () => {
    const { cookie } = await signIn(kit.app, "manager", PASSWORD);
    const tap = await formPost(kit.app, "/adjustments", cookie, {}, { "HX-Request": "true" });
    expect(tap.status).toBe(403);
    expect(await tap.text()).toMatch(
      /^<p class="warn" role="alert" data-refused="403">Forbidden: form expired or forged \(CSRF token mismatch\)/,
    );
    expect(await (await formPost(kit.app, "/adjustments", cookie, {})).text()).toMatch(/^Forbidden: form expired/);
  });

  it("refuses a form posted from another site even with the right token", async () => {
    const { cookie, csrf } = await signIn(kit.app, "manager", PASSWORD);
    const res = await formPost(kit.app, "/adjustments", cookie, { _csrf: csrf }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });
});

describe("session expiry", () => {
  it("signs out after 30 minutes idle but not while in use", async () => {
    const { cookie } = await signIn(kit.app, "manager", PASSWORD);
    for (let i = 0; i < 4; i++) {
      clock.advance(20 * 60_000);
      expect((await kit.app.request(`${ORIGIN}/reports`, { headers: { cookie } })).status).toBe(200);
    }
    clock.advance(31 * 60_000);
    expect((await kit.app.request(`${ORIGIN}/reports`, { headers: { cookie } })).status).toBe(303);
  });

  it("signs out 12 hours after sign-in however active", async () => {
    const { cookie } = await signIn(kit.app, "manager", PASSWORD);
    for (let i = 0; i < 36; i++) {
      clock.advance(20 * 60_000);
      await kit.app.request(`${ORIGIN}/reports`, { headers: { cookie } });
    }
    expect((await kit.app.request(`${ORIGIN}/reports`, { headers: { cookie } })).status).toBe(303);
  });

  it("ends the session on sign-out", async () => {
    const { cookie, csrf } = await signIn(kit.app, "manager", PASSWORD);
    expect((await formPost(kit.app, "/logout", cookie, { _csrf: csrf })).status).toBe(303);
    expect((await kit.app.request(`${ORIGIN}/reports`, { headers: { cookie } })).status).toBe(303);
  });
});

describe("brute-force lockout", () => {
  it("locks a username after 5 failures, even for the right password, until the window passes", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(kit.app, "manager", `guess-${i}-wrong`)).res.status).toBe(401);
    const locked = await signIn(kit.app, "manager", PASSWORD);
    expect(locked.res.status).toBe(429);
    expect(Number(locked.res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await locked.res.text()).toMatch(/try again in \d+ min/);
    clock.advance(15 * 60_000 + 1);
    expect((await signIn(kit.app, "manager", PASSWORD)).res.status).toBe(303);
  });

  it("locks an address that sprays many usernames", async () => {
    for (let i = 0; i < 20; i++) await signIn(kit.app, `nobody-${i}`, "whatever-wrong", "10.9.9.9");
    expect((await signIn(kit.app, "admin", PASSWORD, "10.9.9.9")).res.status).toBe(429);
    expect((await signIn(kit.app, "admin", PASSWORD, "10.0.0.2")).res.status).toBe(303);
  });
});

describe("bearer tokens", () => {
  async function createToken(role: Role, readOnly: boolean): Promise<string> {
    const { cookie, csrf } = await signIn(kit.app, role, PASSWORD);
    const res = await formPost(kit.app, "/account/tokens", cookie, {
      _csrf: csrf,
      name: "script",
      ...(readOnly ? { readOnly: "on" } : {}),
    });
    expect(res.status).toBe(201);
    return /id="new-token">([^<]+)</.exec(await res.text())?.[1] ?? "";
  }
  const api = (path: string, token: string, method = "GET") =>
    kit.app.request(`${ORIGIN}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(method === "GET" ? {} : { body: "{}" }),
    });

  it("lets a manager's read-write token write and a read-only one only read", async () => {
    const rw = await createToken("manager", false);
    const ro = await createToken("manager", true);
    expect(rw).toMatch(/^vlt_/);
    expect((await api("/api/reports/end-of-day", rw, "POST")).status).toBe(200);
    expect((await api("/api/reports/end-of-day", ro)).status).toBe(200);
    expect((await api("/api/reports/end-of-day", ro, "POST")).status).toBe(403);
  });

  it("makes an auditor's token read-only whatever was asked", async () => {
    const token = await createToken("auditor", false);
    expect((await api("/api/reports/end-of-day", token)).status).toBe(200);
    expect((await api("/api/reports/end-of-day", token, "POST")).status).toBe(403);
  });

  it("refuses a revoked token, tokens outside /api, and unknown tokens", async () => {
    const token = await createToken("manager", false);
    expect((await kit.app.request(`${ORIGIN}/reports`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );
    const { cookie, csrf } = await signIn(kit.app, "manager", PASSWORD);
    const page = await (await kit.app.request(`${ORIGIN}/account/tokens`, { headers: { cookie } })).text();
    const id = /action="\/account\/tokens\/([^/]+)\/revoke"/.exec(page)?.[1] ?? "";
    expect((await formPost(kit.app, `/account/tokens/${id}/revoke`, cookie, { _csrf: csrf })).status).toBe(303);
    expect((await api("/api/stations", token)).status).toBe(401);
    expect((await api("/api/stations", "vlt_notatoken")).status).toBe(401);
  });

  it("accepts HUB_API_TOKEN for reading only", async () => {
    expect((await api("/api/stations", "automation-secret-123")).status).toBe(200);
    expect((await api("/api/stations", "automation-secret-123", "POST")).status).toBe(403);
  });
});

describe("headers, limits and logs", () => {
  it("sends security headers on every response, public ones included", async () => {
    const res = await kit.app.request(`${ORIGIN}/login`);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses a request body over the limit with 413", async () => {
    const res = await kit.app.request(`${ORIGIN}/login`, {
      method: "POST",
      headers: {
        origin: ORIGIN,
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(2 * 1024 * 1024),
      },
      body: "a=".padEnd(2 * 1024 * 1024, "x"),
    });
    expect(res.status).toBe(413);
  });

  it("never writes a password, session id or token to the log", async () => {
    await signIn(kit.app, "manager", "wrong password here");
    const { res, cookie } = await signIn(kit.app, "manager", PASSWORD);
    expect(res.status).toBe(303);
    await kit.app.request(`${ORIGIN}/api/stations`, { headers: { authorization: "Bearer automation-secret-123" } });
    const all = logLines.join("\n");
    expect(all).toContain("signed in");
    for (const secret of [PASSWORD, "wrong password here", cookie.split("=")[1] ?? "-", "automation-secret-123"])
      expect(all).not.toContain(secret);
  });
});

describe("csrfTokenOf", () => {
  it("hands a dashboard route the session's token, which the middleware then accepts", async () => {
    kit.app.get("/reports/form", (c) => c.text(csrfTokenOf(c)));
    const { cookie, csrf } = await signIn(kit.app, "manager", PASSWORD);
    const token = await (await kit.app.request(`${ORIGIN}/reports/form`, { headers: { cookie } })).text();
    expect(token).toBe(csrf);
    expect((await formPost(kit.app, "/reports", cookie, {}, { "X-CSRF-Token": token })).status).toBe(200);
  });
});

describe("admin login management", () => {
  it("lets an admin give an employee a login, explains a bad password, and refuses managers", async () => {
    await addEmployee(ledger.db, "e-new", "budtender");
    const admin = await signIn(kit.app, "admin", PASSWORD);
    const weak = await formPost(kit.app, "/admin/users", admin.cookie, {
      _csrf: admin.csrf,
      employeeId: "e-new",
      username: "sam",
      password: "short",
    });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain("at least 10 characters");
    const ok = await formPost(kit.app, "/admin/users", admin.cookie, {
      _csrf: admin.csrf,
      employeeId: "e-new",
      username: "sam",
      password: "a proper passphrase",
    });
    expect(ok.status).toBe(200);
    expect((await signIn(kit.app, "sam", "a proper passphrase")).res.status).toBe(303);
    const manager = await signIn(kit.app, "manager", PASSWORD);
    expect((await kit.app.request(`${ORIGIN}/admin/users`, { headers: { cookie: manager.cookie } })).status).toBe(403);
  });
});
