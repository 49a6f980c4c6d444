import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHubAuth, type HubAuth } from "#hub/auth/index.js";
import { addEmployee, formPost, ORIGIN, signIn, TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { silentLog } from "#hub/log.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import { createApp } from "#hub/web/app.js";
import { LiveFeed } from "#hub/web/live.js";
import { singleSite } from "#hub/sites/directory.js";

/**
 * The login module plugged into the hub's real web app the way main.ts is to wire it:
 * `createApp({ …, auth: hubAuth.middleware, extraRoutes: [{ path: "/", app: hubAuth.routes }] })`.
 */
const PASSWORD = "correct horse battery";

describe("hub web app with logins", () => {
  let ledger: TestLedger;
  let auth: HubAuth;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    auth = createHubAuth({
      db: ledger.db,
      log: silentLog(),
      https: false,
      passwordCost: TEST_PASSWORD_COST,
      clientAddress: () => "10.0.0.1",
    });
    for (const role of ["coordinator", "manager", "auditor"] as const) {
      await addEmployee(ledger.db, `e-${role}`, role);
      await auth.service.setPassword(`e-${role}`, role, PASSWORD);
    }
    app = createApp({
      db: ledger.db,
      dialect: "sqlite",
      log: silentLog(),
      clock: { now: () => Date.now() },
      sites: singleSite(),
      live: new LiveFeed({ db: ledger.db, log: silentLog(), sites: singleSite() }),
      broker: () => ({ connected: true, url: "mqtt://127.0.0.1:1", embedded: true }),
      ingestStats: () => ({ received: 0, stored: 0, duplicates: 0, deadLettered: 0, pending: 0, failing: null }),
      apiToken: "automation-token-123",
      auth: auth.middleware,
      extraRoutes: [{ path: "/", app: auth.routes }],
    });
  });
  afterAll(() => ledger?.dispose());

  it("keeps /api/health open and closes the dashboard and the rest of the API", async () => {
    expect((await app.request(`${ORIGIN}/api/health`)).status).toBe(200);
    expect((await app.request(`${ORIGIN}/api/stations`)).status).toBe(401);
    const home = await app.request(`${ORIGIN}/`);
    expect(home.status).toBe(303);
    expect(home.headers.get("location")).toBe("/login?next=%2F");
    expect((await app.request(`${ORIGIN}/login`)).status).toBe(200);
  });

  it("shows the dashboard to a manager and refuses it to a coordinator", async () => {
    const manager = await signIn(app, "manager", PASSWORD);
    expect((await app.request(`${ORIGIN}/`, { headers: { cookie: manager.cookie } })).status).toBe(200);
    const coordinator = await signIn(app, "coordinator", PASSWORD);
    expect((await app.request(`${ORIGIN}/`, { headers: { cookie: coordinator.cookie } })).status).toBe(403);
  });

  it("serves the API to an auditor's token and to HUB_API_TOKEN, read-only", async () => {
    const auditor = await signIn(app, "auditor", PASSWORD);
    const created = await formPost(app, "/account/tokens", auditor.cookie, { _csrf: auditor.csrf, name: "exports" });
    const token = /id="new-token">([^<]+)</.exec(await created.text())?.[1] ?? "";
    const get = (t: string) => app.request(`${ORIGIN}/api/stations`, { headers: { authorization: `Bearer ${t}` } });
    expect((await get(token)).status).toBe(200);
    expect((await get("automation-token-123")).status).toBe(200);
    const write = await app.request(`${ORIGIN}/api/stations`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(write.status).toBe(403);
  });
});
