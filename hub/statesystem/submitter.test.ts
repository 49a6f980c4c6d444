import type { Kysely } from "kysely";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { FakeClock } from "#hub/testing/clock.js";
import { MetrcStateSystem } from "./metrc/client.js";
import type { StateWrite } from "./port.js";
import { enqueueWrite, getSubmission } from "./store/queue.js";
import { requestLogSink, requestsForPackage } from "./store/request-log.js";
import { retrySubmission, runQueueOnce, type SubmitterDeps } from "./submitter.js";
import { LABEL_A, LABEL_B, startRig, type Rig } from "#hub/testing/metrc-rig.js";
import type { Database } from "#hub/store/database.js";

const log = pino({ level: "silent" });
const dialects = await testDialects();
const adjustB = (q: number, note?: string): StateWrite => ({
  kind: "adjustment",
  label: LABEL_B,
  quantity: q,
  unit: "Grams",
  reason: "Drying",
  date: "2026-11-27",
  ...(note ? { note } : {}),
});

describe.each(dialects)("submission queue in the %s ledger against the METRC simulator", (dialect) => {
  let clock: FakeClock;
  let ledger: TestLedger;
  let db: Kysely<Database>;
  let rig: Rig;
  let deps: SubmitterDeps;
  beforeEach(async () => {
    clock = new FakeClock();
    ledger = await openTestLedger(dialect);
    db = ledger.db;
    rig = await startRig({ clock, client: { timeoutMs: 300 } });
    deps = { db, site: TEST_SITE, stateSystem: rig.client, clock, log, random: () => 0.5 };
  });
  afterEach(async () => {
    await rig.stop();
    await ledger.dispose();
  });
  const metrcAdjustments = () => rig.sim.control.state.adjustments.filter((a) => a.label === LABEL_B).length;

  it("records a write as pending before anything is sent, then confirms it with METRC's id", async () => {
    const id = await enqueueWrite(db, TEST_SITE, adjustB(-1), { at: new Date(clock.now()) });
    expect((await getSubmission(db, id))!.state).toBe("pending");
    expect(rig.log).toHaveLength(0);
    expect(await runQueueOnce(deps)).toMatchObject({ confirmed: 1, failed: 0 });
    const s = (await getSubmission(db, id))!;
    expect(s).toMatchObject({ state: "confirmed", attempts: 1 });
    expect(s.stateIds).toHaveLength(1);
    expect(rig.sim.control.state.packages.get(LABEL_B)!.quantity).toBeCloseTo(452.6);
    const [entry] = await listAudit(ledger.db);
    expect(entry).toMatchObject({
      action: "statesystem.write.confirmed",
      subject: `package ${LABEL_B}`,
      detail: { submission: id, stateIds: s.stateIds },
    });
  });

  it("marks a refused write failed with METRC's message, what to do and who must do it", async () => {
    const id = await enqueueWrite(
      db,
      TEST_SITE,
      { kind: "adjustment", label: LABEL_A, quantity: -1, unit: "Each", reason: "Spoilage", date: "2026-11-27" },
      { at: new Date(clock.now()) },
    );
    await runQueueOnce(deps);
    const s = (await getSubmission(db, id))!;
    expect(s.state).toBe("failed");
    expect(s.errorMessage).toContain(`row 0 (package ${LABEL_A})`);
    expect(s.remedy).toMatch(/note/);
    expect(s.remedyOwner).toBe("Dispensary manager");
    expect(await retrySubmission(db, id, "manager-1", new Date(clock.now()))).toBe(true);
    expect((await getSubmission(db, id))!.state).toBe("pending");
    const trail = await listAudit(ledger.db);
    expect(trail.map((e) => [e.actor, e.action, e.subject])).toEqual([
      ["statesystem", "statesystem.write.failed", `package ${LABEL_A}`],
      ["manager-1", "statesystem.write.retried", `package ${LABEL_A}`],
    ]);
  });

  it.each([
    ["a 500 after METRC applied it", { failAfterApply: 1 }],
    ["a timeout after METRC applied it", { hangAfterApply: 1, hangMs: 1_000 }],
  ])("does not send twice when %s", async (_name, faults) => {
    rig.sim.control.setFaults(faults);
    const id = await enqueueWrite(db, TEST_SITE, adjustB(-2), { at: new Date(clock.now()) });
    await runQueueOnce(deps);
    expect((await getSubmission(db, id))!.state).toBe("sent");
    clock.advance(60_000);
    await runQueueOnce(deps);
    expect((await getSubmission(db, id))!.state).toBe("confirmed");
    expect(metrcAdjustments()).toBe(1);
    expect(rig.sim.control.state.packages.get(LABEL_B)!.quantity).toBeCloseTo(451.6);
  });

  it("sends again after a 500 that METRC answered before applying anything, once", async () => {
    rig.sim.control.setFaults({ fail500: 1 });
    const id = await enqueueWrite(db, TEST_SITE, adjustB(-2), { at: new Date(clock.now()) });
    await runQueueOnce(deps);
    clock.advance(60_000);
    await runQueueOnce(deps);
    expect((await getSubmission(db, id))!.state).toBe("confirmed");
    expect(metrcAdjustments()).toBe(1);
  });

  it("tells identical adjustments apart from a resend: two queued, two applied", async () => {
    await enqueueWrite(db, TEST_SITE, adjustB(-1), { at: new Date(clock.now()) });
    await runQueueOnce(deps);
    rig.sim.control.setFaults({ failAfterApply: 1 });
    const second = await enqueueWrite(db, TEST_SITE, adjustB(-1), { at: new Date(clock.now()) });
    await runQueueOnce(deps);
    clock.advance(60_000);
    await runQueueOnce(deps);
    expect((await getSubmission(db, second))!.state).toBe("confirmed");
    expect(metrcAdjustments()).toBe(2);
  });

  it("keeps the queue's order per package while an earlier write waits", async () => {
    rig.sim.control.setFaults({ fail500: 1 });
    const first = await enqueueWrite(db, TEST_SITE, adjustB(-453.6), { at: new Date(clock.now()) });
    const second = await enqueueWrite(
      db,
      TEST_SITE,
      { kind: "finish", label: LABEL_B, date: "2026-11-27" },
      { at: new Date(clock.now()) },
    );
    await runQueueOnce(deps);
    expect((await getSubmission(db, second))!.state).toBe("pending");
    clock.advance(60_000);
    await runQueueOnce(deps);
    expect((await getSubmission(db, first))!.state).toBe("confirmed");
    expect((await getSubmission(db, second))!.state).toBe("confirmed");
  });

  it("keeps each request and answer in the request log, per package", async () => {
    const client = new MetrcStateSystem(
      {
        baseUrl: rig.sim.url,
        ...rig.sim.control.keys,
        license: rig.sim.control.state.license,
        timeZone: "America/Los_Angeles",
      },
      { clock, log, requestLog: requestLogSink(db, log, TEST_SITE) },
    );
    const id = await enqueueWrite(db, TEST_SITE, adjustB(-1, "scale check"), { at: new Date(clock.now()) });
    await runQueueOnce({ ...deps, stateSystem: client });
    const rows = await requestsForPackage(db, TEST_SITE, LABEL_B);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: "POST", status: 200, submission_id: id });
    expect(rows[0]!.request_body).toContain("scale check");
    expect(rows[0]!.response_body).toContain("Ids");
  });
});

describe.each(dialects)("voiding a sale through the queue (%s)", (dialect) => {
  it("names the sale by the id METRC gave it and voids it once", async () => {
    const clock = new FakeClock();
    const ledger = await openTestLedger(dialect);
    const rig = await startRig({ clock });
    try {
      const db = ledger.db;
      const deps = { db, site: TEST_SITE, stateSystem: rig.client, clock, log };
      await enqueueWrite(
        db,
        TEST_SITE,
        {
          kind: "receipt",
          externalNumber: "R-77",
          soldAt: "2026-11-27T20:00:00Z",
          customerType: "Consumer",
          lines: [{ label: LABEL_A, quantity: 2, unit: "Each", totalAmount: 70 }],
        },
        { at: new Date(clock.now()) },
      );
      const v = await enqueueWrite(
        db,
        TEST_SITE,
        { kind: "receipt-void", externalNumber: "R-77" },
        { at: new Date(clock.now()) },
      );
      await runQueueOnce(deps);
      expect((await getSubmission(db, v))!.state).toBe("confirmed");
      const receipt = [...rig.sim.control.state.receipts.values()][0]!;
      expect(receipt.archivedAt).not.toBeNull();
      expect((await getSubmission(db, v))!.stateIds).toEqual([String(receipt.id)]);
      expect(rig.sim.control.state.packages.get(LABEL_A)!.quantity).toBe(24);
    } finally {
      await rig.stop();
      await ledger.dispose();
    }
  });

  it("keeps METRC's id of a sale whose answer was lost, found by the check", async () => {
    const clock = new FakeClock();
    const ledger = await openTestLedger(dialect);
    const rig = await startRig({ clock });
    try {
      const db = ledger.db;
      rig.sim.control.setFaults({ failAfterApply: 1 });
      const id = await enqueueWrite(
        db,
        TEST_SITE,
        {
          kind: "receipt",
          externalNumber: "R-78",
          soldAt: "2026-11-27T20:00:00Z",
          customerType: "Consumer",
          lines: [{ label: LABEL_A, quantity: 1, unit: "Each", totalAmount: 35 }],
        },
        { at: new Date(clock.now()) },
      );
      await runQueueOnce({ db, site: TEST_SITE, stateSystem: rig.client, clock, log });
      clock.advance(60_000);
      await runQueueOnce({ db, site: TEST_SITE, stateSystem: rig.client, clock, log });
      const receipt = [...rig.sim.control.state.receipts.values()];
      expect(receipt).toHaveLength(1);
      expect((await getSubmission(db, id))!).toMatchObject({ state: "confirmed", stateIds: [String(receipt[0]!.id)] });
    } finally {
      await rig.stop();
      await ledger.dispose();
    }
  });
});
