/**
 * The chain's must-hold for ingest: 6 stations of 3 sites publish 30,000 scans into a 3-node NATS
 * cluster served by 2 hub processes on one PostgreSQL ledger; one broker node and one hub process
 * are killed mid-stream and restarted. Every scan lands exactly once and every station shows
 * online again. Skipped, with the reason printed, without nats-server or PostgreSQL.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainSkipReason } from "./skip-reason.js";
import { CHAIN_API_TOKEN, startChainRig, type ChainRig, type HubProcess } from "./chain-rig.js";

const SCANS = Number(process.env.CHAIN_TEST_SCANS ?? 30_000);
const STATIONS = 6;

const missing = await chainSkipReason({ nats: true });
if (missing) console.log(`test/chain skipped: ${missing}`);

async function until(what: string, cond: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(missing !== undefined)("a chain on one hub: ingest through a node and a hub process lost", () => {
  let rig: ChainRig;
  const hubs: HubProcess[] = [];

  beforeAll(async () => {
    rig = await startChainRig({ basePort: 20900, stations: STATIONS });
    hubs.push(await rig.startHub(0), await rig.startHub(1));
    await Promise.all(rig.stations.map((s) => s.start()));
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it("lands every scan exactly once and shows every station online again", async () => {
    const per = SCANS / STATIONS;
    const publishing = Promise.all(rig.stations.map((s) => s.publishScans(per, 20)));
    const { db } = rig.ledger;
    const stored = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from events`.execute(db)).rows[0]!.n);
    await until("a third of the scans stored", async () => (await stored()) >= SCANS / 3, 120_000);
    // Both processes share the work: each has stored scans of the stations it holds.
    const storedBy = await Promise.all(
      hubs.map(
        async (h) =>
          ((await (await fetch(`${h.url}/api/health`)).json()) as { ingest: { stored: number } }).ingest.stored,
      ),
    );
    expect(
      storedBy.every((n) => n > 0),
      `stored per hub process: ${storedBy.join(", ")}`,
    ).toBe(true);
    await rig.cluster.nodes[2]!.kill();
    await hubs[1]!.kill();
    await new Promise((r) => setTimeout(r, 3_000));
    await rig.cluster.nodes[2]!.start();
    hubs[1] = await rig.startHub(1);
    await publishing;
    await until(
      "every outbox emptied by the hub's acks",
      () => rig.stations.every((s) => s.outbox.size === 0),
      180_000,
    );

    const made = rig.stations.flatMap((s) => s.made);
    expect(made).toHaveLength(SCANS);
    const rows = await db.selectFrom("events").select(["id", "station_id"]).execute();
    expect(rows).toHaveLength(SCANS);
    const ids = new Set(rows.map((r) => r.id));
    expect(made.every((id) => ids.has(id))).toBe(true);

    const online = async () => {
      const res = await fetch(`${hubs[0]!.url}/api/stations`, {
        headers: { authorization: `Bearer ${CHAIN_API_TOKEN}` },
      });
      const body = (await res.json()) as { id: string; online: boolean }[];
      return rig.stations.every((s) => body.find((b) => b.id === s.id)?.online === true);
    };
    await until("every station online on the surviving hub", online, 60_000);
  }, 600_000);
});
