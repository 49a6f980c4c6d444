/**
 * Every route of the hub as the product composes it (compose.ts) that changes something — every
 * POST, PUT, PATCH and DELETE a person can send — writes an audit entry. The routes are read from
 * the running app, so a module that adds one without a sample fails: add its samples under
 * hub/testing/audit-samples/ (README.md there: a request that succeeds, and the data it needs), and make the route
 * append its audit entry.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeHub } from "#hub/compose.js";
import { loadConfig } from "#hub/config.js";
import { seedLedger } from "#hub/ledger/seed.js";
import { silentLog } from "#hub/log.js";
import type { HubModule, ServiceRegistry } from "#hub/modules.js";
import { startHub, type RunningHub } from "#hub/main.js";
import { demoStore } from "#hub/seed/demo-store.js";
import { simSeedFromDemoStore } from "#hub/statesystem/metrc-sim/seed.js";
import { startMetrcSimulator, type MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import { addEmployee } from "#hub/testing/auth-kit.js";
import { openTestLedger, PG_TEST_URL, testDialects, type TestLedger } from "#hub/testing/ledger.js";
import { seedPosCatalog } from "#hub/testing/pos-kit.js";
import { samples, sampleSets } from "#hub/testing/audit-samples/index.js";
import { form, WALK_PASSWORD, type Sample, type Session, type Walk } from "#hub/testing/audit-samples/walk.js";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A module of the walk's own: it only keeps the services the sample sets need, for their prepare steps. */
function walkModule(keep: (services: ServiceRegistry) => void): HubModule {
  return {
    name: "audit-walk",
    needs: [...new Set(sampleSets.flatMap((s) => s.needs ?? []))],
    start(ctx) {
      keep(ctx.services);
      return {};
    },
  };
}

/** Sends `s` (a POST unless it names its method) to the hub as the walker, the peer, the API token or nobody. */
async function send(hub: RunningHub, w: Pick<Walk, "session" | "peer" | "token">, s: Sample): Promise<Response> {
  const headers: Record<string, string> = { origin: hub.url };
  if (s.type) headers["content-type"] = s.type;
  const as = s.peer ? w.peer : w.session;
  if (s.bearer) headers.authorization = `Bearer ${w.token}`;
  else if (!s.anonymous) Object.assign(headers, { cookie: as.cookie, "X-CSRF-Token": as.csrf });
  return hub.app.request(`${hub.url}${s.path}`, {
    method: s.method ?? "POST",
    headers,
    ...(s.body ? { body: s.body } : {}),
  });
}

/** The session a sign-in answered: its cookie, and the CSRF token of its forms. */
async function sessionOf(hub: RunningHub, signedIn: Response): Promise<Session> {
  expect(signedIn.status).toBe(303);
  const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const page = await hub.app.request(`${hub.url}/account/tokens`, { headers: { cookie } });
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "" };
}

const NOBODY = { session: { cookie: "", csrf: "" }, peer: { cookie: "", csrf: "" }, token: "" };

/** Signs `username` in on the dashboard. */
async function signIn(hub: RunningHub, username: string): Promise<Session> {
  const login = { path: "/login", ...form({ username, password: WALK_PASSWORD, next: "/" }), anonymous: true };
  return sessionOf(hub, await send(hub, NOBODY, login));
}

/** The walk over a started hub: its helpers for prepare steps refuse loudly. */
function walkOver(hub: RunningHub, w: Omit<Walk, "post" | "getJson">): Walk {
  const refusedAt = async (path: string, res: Response) => {
    if (res.status >= 400) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res;
  };
  const walk: Walk = {
    ...w,
    async post(path, fields = {}, as) {
      return refusedAt(path, await send(hub, { ...walk, session: as ?? walk.session }, { path, ...form(fields) }));
    },
    async getJson<T>(path: string) {
      const res = await refusedAt(
        path,
        await hub.app.request(`${hub.url}${path}`, { headers: { cookie: walk.session.cookie } }),
      );
      return (await res.json()) as T;
    },
  };
  return walk;
}

describe.each(await testDialects())("every write route of the composed hub is audited, on %s", (dialect) => {
  let sim: MetrcSimulator;
  let dir: string;
  let scratch: TestLedger | undefined;
  let walk: Walk;
  const lastSeq = async () => {
    const r = await walk.hub.db
      .selectFrom("audit_entries")
      .select((eb) => eb.fn.max("seq").as("seq"))
      .executeTakeFirstOrThrow();
    return Number(r.seq ?? 0);
  };
  /** Whether an entry after `seq` names `actor`: the hub's own work meanwhile (syncs, low-stock checks) does not count. */
  const auditedBy = async (seq: number, actor: string) => {
    const r = await walk.hub.db
      .selectFrom("audit_entries")
      .select("seq")
      .where("seq", ">", seq)
      .where("actor", "=", actor)
      .executeTakeFirst();
    return r !== undefined;
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
    let services: ServiceRegistry | undefined;
    const composed = composeHub(cfg, {
      log: silentLog(),
      beforeStart: async (db) => {
        await seedLedger(db, site, store);
        await seedPosCatalog(db, site);
        await addEmployee(db, "e-walker", "admin");
        await addEmployee(db, "e-walk-peer", "manager");
        await addEmployee(db, "e-walk-2", "coordinator");
      },
      modules: [walkModule((s) => (services = s))],
    });
    const hub = await startHub(composed.cfg, composed.options);
    const auth = composed.logins;
    await auth.service.setPassword("e-walker", "walker", WALK_PASSWORD);
    await auth.service.setPassword("e-walk-peer", "peer", WALK_PASSWORD);
    const who = { kind: "session" as const, employeeId: "e-walker", name: "walker", role: "admin" as const };
    const token = await auth.service.createToken({ ...who, readOnly: false, sites: null }, "walk api", false);
    walk = walkOver(hub, {
      hub,
      site,
      store,
      token,
      services: services!,
      session: await signIn(hub, "walker"),
      peer: await signIn(hub, "peer"),
      ids: {},
    });
    for (const set of sampleSets) await set.prepare?.(walk);
  }, 60_000);
  afterAll(async () => {
    await walk?.hub.stop();
    await sim?.stop();
    await scratch?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has a sample for each write route the app serves", () => {
    const routes = [
      ...new Set(walk.hub.app.routes.filter((r) => WRITE_METHODS.has(r.method)).map((r) => `${r.method} ${r.path}`)),
    ];
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !(r in samples))).toEqual([]);
  });

  it("appends at least one audit entry naming who sent it for each of them", async () => {
    const silent: string[] = [];
    const order = Object.keys(samples).filter((k) => k !== "POST /login" && k !== "POST /logout");
    for (const key of ["POST /login", ...order, "POST /logout"]) {
      const before = await lastSeq();
      const sample = samples[key]!(walk);
      const res = await send(walk.hub, walk, sample);
      const said = `${key} answered ${res.status}: ${(await res.clone().text()).slice(0, 300)}`;
      expect(res.status, said).toBeLessThan(400);
      if (key === "POST /login") walk.session = await sessionOf(walk.hub, res);
      if (!(await auditedBy(before, sample.peer ? "e-walk-peer" : "e-walker"))) silent.push(key);
    }
    expect(silent).toEqual([]);
  });
});
