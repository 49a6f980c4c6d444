import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLog } from "#hub/log.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import { createApp } from "#hub/web/app.js";
import { LiveFeed } from "#hub/web/live.js";
import { createHubAuth, type HubAuth } from "./index.js";
import { addEmployee, formPost, ORIGIN, signIn, TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { singleSite } from "#hub/sites/directory.js";

/**
 * Refused origins through the hub's real web app (its error handler included): each is a 403
 * that says why, never a 500.
 */
const PASSWORD = "correct horse battery";
const EVIL = "https://evil.example";

describe("origin refusals in the hub's web app", () => {
  let ledger: TestLedger;
  let auth: HubAuth;
  let app: ReturnType<typeof createApp>;
  let token = "";

  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    auth = createHubAuth({
      db: ledger.db,
      log: silentLog(),
      https: false,
      passwordCost: TEST_PASSWORD_COST,
      clientAddress: () => "10.0.0.1",
    });
    await addEmployee(ledger.db, "e-manager", "manager");
    await auth.service.setPassword("e-manager", "manager", PASSWORD);
    app = createApp({
      db: ledger.db,
      dialect: "sqlite",
      log: silentLog(),
      clock: { now: () => Date.now() },
      sites: singleSite(),
      live: new LiveFeed({ db: ledger.db, log: silentLog(), sites: singleSite() }),
      broker: () => ({ connected: true, url: "mqtt://127.0.0.1:1", embedded: true }),
      ingestStats: () => ({ received: 0, stored: 0, duplicates: 0, deadLettered: 0, pending: 0, failing: null }),
      auth: auth.middleware,
      extraRoutes: [{ path: "/", app: auth.routes }],
    });
    const manager = await signIn(app, "manager", PASSWORD);
    const created = await formPost(app, "/account/tokens", manager.cookie, { _csrf: manager.csrf, name: "script" });
    token = /id="new-token">([^<]+)</.exec(await created.text())?.[1] ?? "";
  });
  afterAll(() => ledger?.dispose());

  it("answers a cross-origin sign-in with 403 and the origin it refused", async () => {
    const res = await app.request(`${ORIGIN}/login`, {
      method: "POST",
      headers: { origin: EVIL, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "manager", password: PASSWORD, next: "/" }),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(
      `Forbidden: cross-origin request refused: Origin ${EVIL} is not this hub (${ORIGIN})`,
    );
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("answers a post with a valid session and CSRF token but a hostile Origin with 403", async () => {
    const { cookie, csrf } = await signIn(app, "manager", PASSWORD);
    const res = await formPost(app, "/logout", cookie, { _csrf: csrf }, { origin: EVIL });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(`Origin ${EVIL} is not this hub`);
    // Still signed in: the refused post did nothing.
    expect((await app.request(`${ORIGIN}/`, { headers: { cookie } })).status).toBe(200);
  });

  it("answers a bearer post without an Origin with a JSON 403 that says what to send", async () => {
    expect(token).toMatch(/^vlt_/);
    const res = await app.request(`${ORIGIN}/api/stations`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: "x",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: expect.stringContaining(`a POST without an Origin header is refused`) });
    const hostile = await app.request(`${ORIGIN}/api/stations`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, origin: EVIL },
      body: "x",
    });
    expect(hostile.status).toBe(403);
    expect(await hostile.json()).toEqual({
      error: `cross-origin request refused: Origin ${EVIL} is not this hub (${ORIGIN})`,
    });
  });

  it("still lets the same origin and JSON bodies through", async () => {
    const { res } = await signIn(app, "manager", PASSWORD);
    expect(res.status).toBe(303);
    // Past the origin check and the role policy, to a path with no POST route.
    const json = await app.request(`${ORIGIN}/api/packages/1A4060300002199000003445`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(404);
  });
});
