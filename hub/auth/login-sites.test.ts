import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StationStatus } from "#contract/messages.js";
import { loadExample } from "#contract/examples/index.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import { upsertItems } from "#hub/ledger/catalog.js";
import { recordStationStatus } from "#hub/ledger/stations.js";
import { silentLog } from "#hub/log.js";
import { enqueueWrite } from "#hub/statesystem/store/queue.js";
import { stateSystemRoutes } from "#hub/statesystem/web/routes.js";
import { addEmployee, capturingLog, ORIGIN, signIn, TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import { idleSyncWorker } from "#hub/testing/dashboard-kit.js";
import { twoSites } from "#hub/testing/sites-kit.js";
import { createApp } from "#hub/web/app.js";
import { LiveFeed } from "#hub/web/live.js";
import { createHubAuth } from "./index.js";

const PASSWORD = "correct horse battery";
const TAG = "1A4060300012B7C000003001";
const AT = "2026-11-27T10:00:00.000Z";
const sites = twoSites();
describe("a dashboard login limited to some sites", () => {
  let ledger: TestLedger;
  let app: ReturnType<typeof createApp>;
  let auth: ReturnType<typeof createHubAuth>;
  let denverWrite: string;

  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    const db = ledger.db;
    for (const site of ["oakland", "denver"]) {
      await upsertItems(
        db,
        site,
        [{ id: "item-1", name: "Blue Dream 3.5g", category: "flower", unit: "Each", weightBased: false }],
        AT,
      );
      await recordPackageChanges(db, site, [
        {
          label: TAG,
          at: AT,
          why: "seed",
          by: { actor: "system" },
          to: {
            itemId: "item-1",
            quantity: 24,
            unit: "Each",
            location: `${site} vault`,
            status: "active",
            labState: "TestPassed",
            packagedDate: "2026-11-01",
          },
        },
      ]);
      await recordStationStatus(
        db,
        { ...StationStatus.parse(loadExample("state")), stationId: `vault-${site}`, siteId: site },
        AT,
      );
    }
    denverWrite = await enqueueWrite(db, "denver", { kind: "note", label: TAG, note: "recount" }, { at: new Date(AT) });
    await db.updateTable("ss_submissions").set({ state: "failed" }).where("id", "=", denverWrite).execute();
    auth = createHubAuth({
      db,
      log: capturingLog().log,
      https: false,
      passwordCost: TEST_PASSWORD_COST,
      automationToken: "automation-token-123",
    });
    await addEmployee(db, "e-oak", "manager");
    await addEmployee(db, "e-all", "manager");
    await auth.service.setPassword("e-oak", "oak", PASSWORD, { sites: ["oakland"] });
    await auth.service.setPassword("e-all", "all", PASSWORD);
    const ss = stateSystemRoutes({
      db,
      sites: [
        { site: "oakland", worker: idleSyncWorker() },
        { site: "denver", worker: idleSyncWorker() },
      ],
      clock: { now: () => Date.parse(AT), monotonic: () => performance.now(), sleep: async () => undefined },
      log: silentLog(),
    });
    app = createApp({
      db,
      dialect: "sqlite",
      log: silentLog(),
      clock: { now: () => Date.parse(AT) },
      sites,
      live: new LiveFeed({ db, log: silentLog(), sites }),
      broker: () => ({ connected: true, url: "mqtt://127.0.0.1:1", embedded: true }),
      ingestStats: () => ({ received: 0, stored: 0, duplicates: 0, deadLettered: 0, pending: 0, failing: null }),
      apiToken: "automation-token-123",
      auth: auth.middleware,
      extraRoutes: [
        { path: "/", app: auth.routes },
        { path: "/statesystem", app: ss },
      ],
    });
  });
  afterAll(async () => ledger.dispose());

  const get = async (path: string, headers: Record<string, string>) => {
    const res = await app.request(`${ORIGIN}${path}`, { headers });
    const type = res.headers.get("content-type") ?? "";
    return [res.status, type.includes("json") ? ((await res.json()) as unknown) : await res.text()] as const;
  };

  it("gets 403 with the reason for another site's data, and sees its own site", async () => {
    const { cookie } = await signIn(app, "oak", PASSWORD);
    const as = { cookie };
    expect(await get(`/api/packages/${TAG}?site=denver`, as)).toEqual([
      403,
      { error: 'this sign-in may not see site "denver" (it is limited to oakland)' },
    ]);
    expect((await get("/api/stations?site=denver", as))[0]).toBe(403);
    expect((await get("/statesystem?site=denver", as))[0]).toBe(403);
    expect(await get(`/api/packages/${TAG}?site=oakland`, as)).toEqual([
      200,
      expect.objectContaining({ site: "oakland", location: "oakland vault" }),
    ]);
    // Without ?site= its lists hold its own site only, and a label held at both sites is its site's.
    expect(await get(`/api/packages/${TAG}`, as)).toEqual([200, expect.objectContaining({ site: "oakland" })]);
    expect(((await get("/api/stations", as))[1] as Array<{ id: string }>).map((s) => s.id)).toEqual(["vault-oakland"]);
    const page = (await get("/", as))[1] as string;
    expect(page).toContain("vault-oakland");
    expect(page).not.toContain("vault-denver");
  });

  it("is refused another site's queued write by the state-system screen, though it names no site", async () => {
    const { cookie, csrf } = await signIn(app, "oak", PASSWORD);
    const res = await app.request(`${ORIGIN}/statesystem/submissions/${denverWrite}/retry`, {
      method: "POST",
      headers: { origin: ORIGIN, cookie, "x-csrf-token": csrf },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("may not see site &quot;denver&quot; (it is limited to oakland)");
    const row = await ledger.db
      .selectFrom("ss_submissions")
      .select("state")
      .where("id", "=", denverWrite)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe("failed");
  });

  it("refuses the limited login's API token the same way; an unlimited login and HUB_API_TOKEN see every site", async () => {
    const { cookie, csrf } = await signIn(app, "oak", PASSWORD);
    const created = await app.request(`${ORIGIN}/account/tokens`, {
      method: "POST",
      headers: { origin: ORIGIN, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ name: "script", _csrf: csrf }),
    });
    const token = /vlt_[A-Za-z0-9_-]+/.exec(await created.text())?.[0];
    expect(token).toBeDefined();
    expect((await get(`/api/packages/${TAG}?site=denver`, { authorization: `Bearer ${token}` }))[0]).toBe(403);
    const all = await signIn(app, "all", PASSWORD);
    expect(await get(`/api/packages/${TAG}?site=denver`, { cookie: all.cookie })).toEqual([
      200,
      expect.objectContaining({ site: "denver" }),
    ]);
    expect((await get(`/api/packages/${TAG}`, { cookie: all.cookie }))[0]).toBe(409);
    expect(await get(`/api/packages/${TAG}?site=denver`, { authorization: "Bearer automation-token-123" })).toEqual([
      200,
      expect.objectContaining({ site: "denver" }),
    ]);
  });
});
