/**
 * The chain's must-hold for the state system: with two hub processes on one PostgreSQL ledger,
 * 1,000 queued writes each reach the METRC simulator once, and the facility's GET limit (50 in
 * any second) holds across both processes. Each "process" here is the hub's state-system module
 * on its own connection pool, with its own claim identity, as `vaultline-hub` starts it; they
 * share only the database, as two processes do. Skipped, with the reason printed, without PostgreSQL.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainSkipReason } from "./skip-reason.js";
import { loadStateSystemConfig } from "#hub/statesystem/config.js";
import { startMetrcSimulator, type MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import { startStateSystemModule, type StateSystemModule } from "#hub/statesystem/module.js";
import { enqueueWrite } from "#hub/statesystem/store/queue.js";
import { openLedger, type Ledger } from "#hub/store/open.js";
import { smallSeed } from "#hub/testing/metrc-rig.js";
import { openTestLedger, PG_TEST_URL, TEST_SITE, type TestLedger } from "#hub/testing/ledger.js";

const WRITES = 1_000;
const LABELS = Array.from({ length: 50 }, (_, i) => `1A4060300012B7C0000040${String(i).padStart(2, "0")}`);
const GETS_PER_PROCESS = 150;

const missing = await chainSkipReason({ nats: false });
if (missing) console.log(`test/chain submissions skipped: ${missing}`);

describe.skipIf(missing !== undefined)("a chain's state-system queue with two hub processes", () => {
  let ledger: TestLedger;
  let sim: MetrcSimulator;
  const pools: Ledger[] = [];
  const processes: StateSystemModule[] = [];

  beforeAll(async () => {
    ledger = await openTestLedger("postgres");
    const seed = smallSeed(Date.now());
    seed.packages.push(
      ...LABELS.map((label) => ({
        label,
        itemName: "OG Kush Bulk",
        quantity: 1000,
        unit: "Grams",
        location: "Vault A-2",
        packagedDate: "2026-11-02",
        lastModified: Date.now() - 86_400_000,
      })),
    );
    sim = await startMetrcSimulator({ port: 0, seed });
    const config = loadStateSystemConfig({
      STATE_SYSTEM: "simulator",
      METRC_BASE_URL: sim.url,
      METRC_LICENSE: sim.control.state.license,
    });
    for (let i = 0; i < 2; i++) {
      const pool = openLedger({ dataDir: ".", dbUrl: PG_TEST_URL, pgSchema: ledger.pgSchema! });
      pools.push(pool);
      processes.push(
        startStateSystemModule({ config, db: pool.db, log: pino({ level: "silent" }), syncAtStart: false }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all(pools.map((p) => p.close()));
    await sim?.stop();
    await ledger?.dispose();
  });

  it("sends each of 1,000 queued writes once", async () => {
    for (let i = 0; i < WRITES; i++) {
      await enqueueWrite(
        ledger.db,
        TEST_SITE,
        {
          kind: "adjustment",
          label: LABELS[i % LABELS.length]!,
          quantity: 0.5,
          unit: "Grams",
          reason: "Drying",
          date: "2026-11-27",
          note: `chain-w-${i}`,
        },
        { at: new Date() },
      );
    }
    const deadline = Date.now() + 120_000;
    const passes = [0, 0];
    for (;;) {
      const results = await Promise.all(processes.map((p) => p.worker.flush()));
      results.forEach((r, i) => (passes[i]! += r.confirmed));
      const open = await ledger.db
        .selectFrom("ss_submissions")
        .select("id")
        .where("state", "in", ["pending", "sent"])
        .execute();
      if (open.length === 0) break;
      if (Date.now() > deadline) throw new Error(`${open.length} writes still open after 120 s`);
    }
    const notes = sim.control.state.adjustments.map((a) => a.note);
    const seen = new Map<string, number>();
    for (const n of notes) if (n?.startsWith("chain-w-")) seen.set(n, (seen.get(n) ?? 0) + 1);
    expect(seen.size).toBe(WRITES);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const confirmed = await ledger.db
      .selectFrom("ss_submissions")
      .select("id")
      .where("state", "=", "confirmed")
      .execute();
    expect(confirmed).toHaveLength(WRITES);
    // Both processes sent some: the claims shared the queue out rather than one doing it all.
    expect(
      passes.every((n) => n > 0),
      `writes confirmed per process: ${passes.join(", ")}`,
    ).toBe(true);
  }, 180_000);

  it("keeps the facility's GETs within 50 in any second across both processes", async () => {
    sim.control.resetStats();
    await Promise.all(
      processes.map((p) =>
        Promise.all(
          Array.from({ length: GETS_PER_PROCESS }, (_, i) => p.stateSystem.packageByLabel(LABELS[i % LABELS.length]!)),
        ),
      ),
    );
    const stats = sim.control.stats();
    expect(stats.gets).toBe(2 * GETS_PER_PROCESS);
    expect(stats.answered429).toBe(0);
    expect(stats.peakPerWindow).toBeLessThanOrEqual(50);
  }, 120_000);
});
