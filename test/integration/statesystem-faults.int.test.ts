/**
 * Fault runs for the state-system link: the hub's queue and sync against the METRC simulator
 * through 429 storms, 500s, timeouts, a 9-hour outage on a fake clock, and a hub that stops
 * mid-queue. Each ends with the same check: nothing lost, nothing doubled.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger, type Ledger } from "#hub/store/open.js";
import { openTestLedger, PG_TEST_URL, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { systemClock } from "#hub/clock.js";
import { FakeClock } from "#hub/testing/clock.js";
import type { StateSystem, StateWrite } from "#hub/statesystem/port.js";
import { enqueueWrite, submissionsByState } from "#hub/statesystem/store/queue.js";
import { runQueueOnce } from "#hub/statesystem/submitter.js";
import { runSync } from "#hub/statesystem/sync.js";
import { LABEL_A, LABEL_B, startRig, type Rig } from "#hub/testing/metrc-rig.js";

const dialects = await testDialects();

const log = pino({ level: "silent" });

/** A mixed day of writes: adjustments (some identical), moves, notes and sales. */
function dayOfWrites(n: number): StateWrite[] {
  return Array.from({ length: n }, (_, i): StateWrite => {
    switch (i % 4) {
      case 0:
        return {
          kind: "adjustment",
          label: LABEL_B,
          quantity: -1,
          unit: "Grams",
          reason: "Drying",
          date: "2026-11-27",
        };
      case 1:
        return {
          kind: "location-move",
          label: LABEL_B,
          location: i % 8 === 1 ? "Sales Floor" : "Vault A-2",
          date: "2026-11-27",
        };
      case 2:
        return {
          kind: "receipt",
          externalNumber: `R-${i}`,
          soldAt: "2026-11-27T20:00:00Z",
          customerType: "Consumer",
          lines: [{ label: LABEL_A, quantity: 1, unit: "Each", totalAmount: 35 }],
        };
      default:
        return { kind: "note", label: LABEL_A, note: `checked ${i}` };
    }
  });
}

function expectExactlyOnce(rig: Rig, writes: StateWrite[]) {
  const s = rig.sim.control.state;
  const adjustments = writes.filter((w) => w.kind === "adjustment").length;
  const receipts = writes.filter((w) => w.kind === "receipt").length;
  expect(s.adjustments.filter((a) => a.label === LABEL_B)).toHaveLength(adjustments);
  expect(s.receipts.size).toBe(receipts);
  expect(s.packages.get(LABEL_B)!.quantity).toBeCloseTo(453.6 - adjustments);
  expect(s.packages.get(LABEL_A)!.quantity).toBe(24 - receipts);
}

describe.each(dialects)("state system under faults (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await openTestLedger(dialect);
  });
  afterEach(() => ledger.dispose());

  it("syncs everything through a 429 storm, 500s and timeouts", async () => {
    // On a fake clock the Retry-After waits pass at once; the timeouts are real (300 ms).
    const clock = new FakeClock();
    const rig = await startRig({ clock, client: { timeoutMs: 300 } });
    try {
      rig.sim.control.setFaults({ rateLimitStorm: 25, fail500: 3, hang: 2, hangMs: 1_000 });
      const report = await runSync({ db: ledger.db, site: TEST_SITE, stateSystem: rig.client, clock, log });
      expect(report.entities.filter((e) => e.error)).toEqual([]);
      const stats = rig.sim.control.stats();
      expect(stats.answered429).toBeGreaterThanOrEqual(25);
      expect(stats.answered5xx).toBeGreaterThanOrEqual(3);
      const pkgs = await ledger.db.selectFrom("ss_packages").select("label").execute();
      expect(pkgs).toHaveLength(3);
    } finally {
      await rig.stop();
    }
  });

  it("sends a day of writes through 429s, 500s and lost answers, each exactly once", async () => {
    const clock = new FakeClock();
    const rig = await startRig({ clock, client: { timeoutMs: 300 } });
    try {
      const writes = dayOfWrites(24);
      for (const w of writes) await enqueueWrite(ledger.db, TEST_SITE, w, { at: new Date(clock.now()) });
      rig.sim.control.setFaults({ fail500: 3, failAfterApply: 4, hangAfterApply: 2, hangMs: 600 });
      for (
        let i = 0;
        i < 40 && (await submissionsByState(ledger.db, TEST_SITE, "confirmed")).length < writes.length;
        i++
      ) {
        await runQueueOnce({ db: ledger.db, site: TEST_SITE, stateSystem: rig.client, clock, log, random: () => 0.5 });
        clock.advance(60_000);
      }
      expect(await submissionsByState(ledger.db, TEST_SITE, "confirmed")).toHaveLength(writes.length);
      expectExactlyOnce(rig, writes);
    } finally {
      await rig.stop();
    }
  });

  it("rides out a 9-hour outage and then sends everything once, in order", async () => {
    const clock = new FakeClock();
    const rig = await startRig({ clock, client: { timeoutMs: 300 } });
    try {
      const outageEnd = clock.now() + 9 * 3_600_000;
      rig.sim.control.setFaults({ outageUntil: outageEnd });
      const writes = dayOfWrites(40);
      const db = ledger.db;
      let passes = 0;
      for (const w of writes) {
        await enqueueWrite(db, TEST_SITE, w, { at: new Date(clock.now()) });
        clock.advance(5 * 60_000);
      }
      while (clock.now() < outageEnd + 3_600_000) {
        await runQueueOnce({ db, site: TEST_SITE, stateSystem: rig.client, clock, log, random: () => 0.5 });
        passes++;
        clock.advance(30_000);
      }
      expect(await submissionsByState(db, TEST_SITE, "confirmed")).toHaveLength(writes.length);
      expectExactlyOnce(rig, writes);
      // Backoff keeps the hub from hammering a state system that is down.
      expect(rig.sim.control.stats().writes).toBeLessThan(passes);
    } finally {
      await rig.stop();
    }
  });
});

async function onPostgres(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_TEST_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

describe.each(dialects)("a hub that stops mid-queue (%s)", (dialect) => {
  let dir: string;
  let rig: Rig;
  let schema: string;
  /** The same ledger each time it is opened: a SQLite file in `dir`, or one PostgreSQL schema. */
  const open = (): Ledger =>
    openLedger({ dataDir: dir, ...(dialect === "postgres" ? { dbUrl: PG_TEST_URL, pgSchema: schema } : {}) });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "vaultline-ss-restart-"));
    schema = `vl_restart_${randomBytes(5).toString("hex")}`;
    if (dialect === "postgres") await onPostgres(`create schema ${schema}`);
    rig = await startRig({ clock: systemClock });
  });
  afterEach(async () => {
    await rig.stop();
    rmSync(dir, { recursive: true, force: true });
    if (dialect === "postgres") await onPostgres(`drop schema if exists ${schema} cascade`);
  });

  /** Wraps the client so the hub "dies" at the n-th write: before or after METRC applied it. */
  function dyingAt(n: number, when: "before" | "after"): StateSystem {
    let count = 0;
    const never = new Promise<never>(() => {});
    return new Proxy(rig.client, {
      get(target, prop, receiver) {
        if (prop !== "submit") return Reflect.get(target, prop, receiver);
        return async (w: StateWrite, o?: { submissionId?: string }) => {
          count++;
          if (count === n && when === "before") return never;
          const out = await target.submit(w, o);
          if (count === n) return never;
          return out;
        };
      },
    });
  }

  it.each(["after", "before"] as const)(
    "restarts and finishes the queue with nothing lost or doubled (died %s METRC applied a write)",
    async (when) => {
      const writes = dayOfWrites(12);
      const first = open();
      await migrateLedger(first.db, { pgSchema: first.pgSchema });
      for (const w of writes) await enqueueWrite(first.db, TEST_SITE, w, { at: new Date() });
      void runQueueOnce({ db: first.db, site: TEST_SITE, stateSystem: dyingAt(6, when), clock: systemClock, log });
      // Wait until the hub has "died" holding the sixth write as sent.
      let sent = await submissionsByState(first.db, TEST_SITE, "sent");
      for (
        let i = 0;
        i < 100 && (sent.length === 0 || rig.sim.control.stats().writes < (when === "after" ? 6 : 5));
        i++
      ) {
        await new Promise((r) => setTimeout(r, 50));
        sent = await submissionsByState(first.db, TEST_SITE, "sent");
      }
      expect(sent).toHaveLength(1);
      expect(await submissionsByState(first.db, TEST_SITE, "confirmed")).toHaveLength(5);
      await first.close();

      const second = open();
      try {
        await migrateLedger(second.db, { pgSchema: second.pgSchema });
        const db = second.db;
        for (let i = 0; i < 5 && (await submissionsByState(db, TEST_SITE, "confirmed")).length < writes.length; i++) {
          await db
            .updateTable("ss_submissions")
            .set({ next_attempt_at: new Date().toISOString() })
            .where("state", "in", ["sent", "pending"])
            .execute();
          await runQueueOnce({ db, site: TEST_SITE, stateSystem: rig.client, clock: systemClock, log });
        }
        expect(await submissionsByState(db, TEST_SITE, "confirmed")).toHaveLength(writes.length);
        expectExactlyOnce(rig, writes);
      } finally {
        await second.close();
      }
    },
  );
});
