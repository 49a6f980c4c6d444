/**
 * The chain's must-hold for commands: each site's manifests reach only that site's stations, and
 * a station of one site cannot read another site's commands (the cluster's per-station
 * permissions). Two hub processes on one PostgreSQL ledger, a 3-node NATS cluster, one METRC
 * simulator per site. Skipped, with the reason printed, without nats-server or PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainSkipReason } from "./skip-reason.js";
import { topics } from "#contract/topics.js";
import { startMetrcSimulator, type MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import { smallSeed } from "#hub/testing/metrc-rig.js";
import { addEmployee, TEST_PASSWORD_COST } from "#hub/testing/auth-kit.js";
import { createHubAuth } from "#hub/auth/index.js";
import pino from "pino";
import { CHAIN_SITES, startChainRig, type ChainRig, type HubProcess } from "./chain-rig.js";

const missing = await chainSkipReason({ nats: true });
if (missing) console.log(`test/chain site commands skipped: ${missing}`);

const manifestOf = (siteIndex: number) => `00009${String(siteIndex + 1).padStart(5, "0")}`;

async function until(what: string, cond: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(missing !== undefined)("a chain's commands stay within their site", () => {
  let rig: ChainRig;
  const sims: MetrcSimulator[] = [];
  const hubs: HubProcess[] = [];

  beforeAll(async () => {
    rig = await startChainRig({ basePort: 20920, stations: 6 });
    for (const [i, site] of CHAIN_SITES.entries()) {
      const seed = smallSeed(Date.now());
      seed.license = site.license;
      seed.transfers = seed.transfers?.map((t) => ({ ...t, manifestNumber: manifestOf(i) }));
      sims.push(await startMetrcSimulator({ port: 0, seed }));
    }
    const sites = CHAIN_SITES.map((s, i) => ({ ...s, stateSystem: { kind: "simulator", baseUrl: sims[i]!.url } }));
    const env = { HUB_SITES: JSON.stringify(sites) };
    hubs.push(await rig.startHub(0, env), await rig.startHub(1, env));
    await Promise.all(rig.stations.map((s) => s.start()));
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
    await Promise.all(sims.map((s) => s.stop()));
  }, 60_000);

  it("offers each site's manifests to its own stations only", async () => {
    const offered = (n: number) =>
      rig.stations[n]!.commands.filter((c) => c.topic.endsWith("/cmd/manifests")).map((c) => c.body);
    await until(
      "every station offered its site's manifest",
      () => rig.stations.every((s, n) => offered(n).some((b) => b.includes(manifestOf(Math.floor(n / 2))))),
      90_000,
    );
    for (const [n, s] of rig.stations.entries()) {
      const own = manifestOf(Math.floor(n / 2));
      const others = CHAIN_SITES.map((_, i) => manifestOf(i)).filter((m) => m !== own);
      const bodies = rig.stations[n]!.commands.map((c) => c.body).join("\n");
      expect(
        others.some((m) => bodies.includes(m)),
        `${s.id} got another site's manifest`,
      ).toBe(false);
      expect(rig.stations[n]!.commands.every((c) => c.topic.startsWith(`vault/v1/station/${s.id}/`))).toBe(true);
    }
  }, 120_000);

  it("refuses a station of one site the commands of another site's station", async () => {
    const [a] = rig.stations;
    const b = rig.stations[2]!;
    expect(await a!.trySubscribe(topics.command(b.id, "manifests"))).toMatch(/^refused/);
    expect(a!.commands.some((c) => c.topic.includes(`/${b.id}/`))).toBe(false);
  });
});

describe.skipIf(missing !== undefined)("a chain's sign-ins behind a load balancer", () => {
  it("keeps a session signed in on one hub process valid on the other", async () => {
    const rig = await startChainRig({ basePort: 20920, stations: 0 });
    try {
      const one = await rig.startHub(0);
      const two = await rig.startHub(1);
      await addEmployee(rig.ledger.db, "chain-mgr", "manager");
      const auth = createHubAuth({
        db: rig.ledger.db,
        log: pino({ level: "silent" }),
        https: false,
        passwordCost: TEST_PASSWORD_COST,
      });
      await auth.service.setPassword("chain-mgr", "chainmgr", "chain-manager-password");
      const res = await fetch(`${one.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: one.url, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username: "chainmgr", password: "chain-manager-password", next: "/" }),
      });
      expect(res.status).toBe(303);
      const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
      const elsewhere = await fetch(`${two.url}/`, { redirect: "manual", headers: { cookie } });
      expect(elsewhere.status).toBe(200);
      const signedOut = await fetch(`${two.url}/`, { redirect: "manual" });
      expect(signedOut.status).toBe(303);
    } finally {
      await rig.close();
    }
  }, 120_000);
});
