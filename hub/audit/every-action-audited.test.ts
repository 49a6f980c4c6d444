/**
 * Every route of the hub as the product composes it (compose.ts) that changes something — every
 * POST, PUT, PATCH and DELETE a person can send — writes an audit entry. The routes are read from
 * the running app, so a module that adds one without a sample here fails: add its sample below
 * (a request that succeeds), and make the route append its audit entry.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeHub } from "#hub/compose.js";
import { loadConfig } from "#hub/config.js";
import { seedLedger } from "#hub/ledger/seed.js";
import { silentLog } from "#hub/log.js";
import { startHub, type RunningHub } from "#hub/main.js";
import { demoStore } from "#hub/seed/demo-store.js";
import { simSeedFromDemoStore } from "#hub/statesystem/metrc-sim/seed.js";
import { startMetrcSimulator, type MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import { enqueueWrite, transition } from "#hub/statesystem/store/queue.js";
import { addEmployee } from "#hub/testing/auth-kit.js";
import { openTestLedger, PG_TEST_URL, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { fixture, seedPosCatalog } from "#hub/testing/pos-kit.js";

const PASSWORD = "walk every route";
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

interface Walk {
  hub: RunningHub;
  session: { cookie: string; csrf: string };
  token: string;
  ids: Record<string, string>;
}

/** One request that succeeds on a route; `path` with its parameters filled in. */
interface Sample {
  path: string;
  body?: string | URLSearchParams | FormData;
  type?: string;
  /** Sent with the API token instead of the session. */
  bearer?: boolean;
  /** Sent without a session (the sign-in form). */
  anonymous?: boolean;
}

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields),
  type: "application/x-www-form-urlencoded",
});
const upload = (text: string) => {
  const f = new FormData();
  f.set("file", new File([text], "walk.csv", { type: "text/csv" }));
  f.set("format", "csv");
  return { body: f };
};
const moreSales = (prefix: string) => fixture("sales.csv").replaceAll("R-20", prefix);
const mapping = (name: string) => ({ ...JSON.parse(fixture("cova-mapping.json")), name }) as Record<string, unknown>;

/** A sample per write route, by `METHOD path` as Hono lists it. */
const samples: Record<string, (w: Walk) => Sample> = {
  "POST /login": () => ({
    ...form({ username: "walker", password: PASSWORD, next: "/" }),
    path: "/login",
    anonymous: true,
  }),
  "POST /logout": () => ({ path: "/logout", ...form({}) }),
  "POST /account/tokens": () => ({ path: "/account/tokens", ...form({ name: "walk" }) }),
  "POST /account/tokens/:id/revoke": (w) => ({ path: `/account/tokens/${w.ids.token}/revoke`, ...form({}) }),
  "POST /admin/users": () => ({
    path: "/admin/users",
    ...form({ employeeId: "e-walk-2", username: "walker2", password: "another long password" }),
  }),
  "POST /receiving/check": () => ({ path: "/receiving/check", ...form({}) }),
  "POST /statesystem/submissions/:id/retry": (w) => ({ path: `/statesystem/submissions/${w.ids.retry}/retry` }),
  "POST /statesystem/submissions/:id/resolve": (w) => ({ path: `/statesystem/submissions/${w.ids.resolve}/resolve` }),
  "POST /statesystem/submissions/:id/amend": (w) => ({
    path: `/statesystem/submissions/${w.ids.amend}/amend`,
    ...form({ reason: "Entry Error", note: "recounted" }),
  }),
  "POST /statesystem/sync": () => ({ path: "/statesystem/sync" }),
  "POST /pos/imports": () => ({ path: "/pos/imports", ...upload(moreSales("R-70")) }),
  "POST /pos/mappings": () => ({
    path: "/pos/mappings",
    ...form({
      name: "walk mapping",
      "col.receiptId": "Receipt",
      "col.completedAt": "At",
      "col.packageLabel": "Tag",
      "col.quantity": "Qty",
      "col.unit": "UOM",
    }),
  }),
  "POST /pos/mappings/:name/delete": () => ({ path: `/pos/mappings/${encodeURIComponent("walk mapping")}/delete` }),
  "POST /api/pos/imports": () => ({ path: "/api/pos/imports", ...upload(moreSales("R-80")), bearer: true }),
  "POST /api/pos/mappings": () => ({
    path: "/api/pos/mappings",
    body: JSON.stringify(mapping("walk api mapping")),
    type: "application/json",
    bearer: true,
  }),
};

async function failedWrite(hub: RunningHub, site: string, label: string): Promise<string> {
  // Due far ahead, so the queue's worker never sends it before it is marked failed.
  const id = await enqueueWrite(
    hub.db,
    site,
    { kind: "adjustment", label, quantity: -1, unit: "Each", reason: "Drying", date: "2026-11-27" },
    { at: new Date("2099-01-01T00:00:00Z") },
  );
  await transition(hub.db, id, ["pending"], {
    state: "failed",
    updated_at: new Date().toISOString(),
    error_message: "refused for the walk",
  });
  return id;
}

describe.each(await testDialects())("every write route of the composed hub is audited, on %s", (dialect) => {
  let sim: MetrcSimulator;
  let dir: string;
  let scratch: TestLedger | undefined;
  let walk: Walk;
  const auditCount = async () => {
    const r = await walk.hub.db
      .selectFrom("audit_entries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vaultline-walk-"));
    const store = demoStore({ packages: 12, days: 1, now: new Date() });
    const seed = simSeedFromDemoStore(store, { now: Date.now() });
    sim = await startMetrcSimulator({ port: 0, seed });
    if (dialect === "postgres") scratch = await openTestLedger("postgres", { migrate: false });
    const cfg = loadConfig({
      STATE_SYSTEM: "simulator",
      METRC_BASE_URL: sim.url,
      METRC_LICENSE: seed.license,
      STATE_SYSTEM_SYNC_MINUTES: "0",
      HUB_PORT: "0",
      MQTT_PORT: "0",
      HUB_DATA_DIR: dir,
      LOG_LEVEL: "silent",
      HUB_MQTT_CLIENT_ID: `hub-walk-${process.pid}-${dialect}`,
      ...(scratch ? { HUB_DB_URL: PG_TEST_URL, HUB_DB_SCHEMA: scratch.pgSchema! } : {}),
    });
    const site = cfg.sites[0]!.id;
    const composed = composeHub(cfg, {
      log: silentLog(),
      beforeStart: async (db) => {
        await seedLedger(db, site, store);
        await seedPosCatalog(db, site);
        await addEmployee(db, "e-walker", "admin");
        await addEmployee(db, "e-walk-2", "coordinator");
      },
    });
    const hub = await startHub(composed.cfg, composed.options);
    const auth = composed.logins;
    await auth.service.setPassword("e-walker", "walker", PASSWORD);
    const who = { kind: "session" as const, employeeId: "e-walker", name: "walker", role: "admin" as const };
    const principal = { ...who, readOnly: false, sites: null };
    const token = await auth.service.createToken(principal, "walk api", false);
    await auth.service.createToken(principal, "to revoke", false);
    const tokenId = (
      await hub.db.selectFrom("api_tokens").select("id").where("name", "=", "to revoke").executeTakeFirstOrThrow()
    ).id;
    const label = store.packages[0]!.label;
    walk = {
      hub,
      token,
      session: { cookie: "", csrf: "" },
      ids: {
        token: tokenId,
        retry: await failedWrite(hub, site, label),
        resolve: await failedWrite(hub, site, label),
        amend: await failedWrite(hub, site, label),
      },
    };
  });
  afterAll(async () => {
    await walk?.hub.stop();
    await sim?.stop();
    await scratch?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = async (s: Sample) => {
    const headers: Record<string, string> = { origin: walk.hub.url };
    if (s.type) headers["content-type"] = s.type;
    if (s.bearer) headers.authorization = `Bearer ${walk.token}`;
    else if (!s.anonymous) Object.assign(headers, { cookie: walk.session.cookie, "X-CSRF-Token": walk.session.csrf });
    return walk.hub.app.request(`${walk.hub.url}${s.path}`, {
      method: "POST",
      headers,
      ...(s.body ? { body: s.body } : {}),
    });
  };
  const signIn = async () => {
    const res = await send(samples["POST /login"]!(walk));
    expect(res.status).toBe(303);
    walk.session.cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await walk.hub.app.request(`${walk.hub.url}/account/tokens`, {
      headers: { cookie: walk.session.cookie },
    });
    walk.session.csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  };

  it("has a sample for each write route the app serves", () => {
    const routes = [
      ...new Set(walk.hub.app.routes.filter((r) => WRITE_METHODS.has(r.method)).map((r) => `${r.method} ${r.path}`)),
    ];
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !(r in samples))).toEqual([]);
  });

  it("appends at least one audit entry for each of them", async () => {
    await signIn();
    const silent: string[] = [];
    const order = Object.keys(samples).filter((k) => k !== "POST /login" && k !== "POST /logout");
    for (const key of ["POST /login", ...order, "POST /logout"]) {
      if (key === "POST /login") {
        const before = await auditCount();
        await signIn();
        if ((await auditCount()) <= before) silent.push(key);
        continue;
      }
      const before = await auditCount();
      const res = await send(samples[key]!(walk));
      expect(res.status, `${key} answered ${res.status}: ${(await res.clone().text()).slice(0, 300)}`).toBeLessThan(
        400,
      );
      if ((await auditCount()) <= before) silent.push(key);
    }
    expect(silent).toEqual([]);
  });
});
