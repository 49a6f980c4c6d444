import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { commandSchemas, type StationCommand } from "#contract/messages.js";
import { silentLog } from "#hub/log.js";
import { singleSite } from "#hub/sites/directory.js";
import {
  countEvent,
  countTag,
  fakeInvestigations,
  fakeStateSystem,
  seedCountSite,
  sellAt,
} from "#hub/testing/counts-kit.js";
import { openTestLedger, testDialects, TEST_SITE, type TestLedger } from "#hub/testing/ledger.js";
import { defaultCountsConfig } from "./config.js";
import { countReview, countsServiceOf } from "./queries.js";
import { createCountsRunner, type CountsRunner } from "./service.js";

const dialects = await testDialects();
const SNAPSHOT = Date.parse("2026-12-01T17:00:00.000Z");

describe.each(dialects)("a blind count from snapshot to approval (%s)", (dialect) => {
  let ledger: TestLedger;
  let runner: CountsRunner;
  let sent: StationCommand<"count">[];
  let ss: ReturnType<typeof fakeStateSystem>;
  let inv: ReturnType<typeof fakeInvestigations>;
  let labels: string[];
  let now: number;

  beforeEach(async () => {
    await ledger?.dispose();
    ledger = await openTestLedger(dialect);
    labels = await seedCountSite(ledger.db, TEST_SITE);
    sent = [];
    now = SNAPSHOT;
    ss = fakeStateSystem();
    inv = fakeInvestigations();
    runner = createCountsRunner({
      db: ledger.db,
      log: silentLog(),
      clock: { now: () => now },
      sites: singleSite(),
      cfg: { ...defaultCountsConfig, autoSchedule: false },
      publish: async (topic, payload) => void sent.push(commandSchemas.count.parse(JSON.parse(payload))),
      stateSystem: ss.service,
      investigations: () => inv.service,
    });
  });
  afterAll(async () => ledger?.dispose());

  const apply = async (...events: ReturnType<typeof countEvent>[]) => {
    runner.eventsStored(events);
    await runner.settled();
  };

  it("sends the packages to count, never their quantities", async () => {
    const out = await runner.start(TEST_SITE, { kind: "full", by: "emp-mgr" });
    expect(out).toMatchObject({ ok: true, stationId: "vault-1", lines: 8 });
    expect(sent).toHaveLength(1);
    const count = sent[0]!.payload.counts[0]!;
    expect(count.lines.map((l) => l.label).sort()).toEqual([...labels].sort());
    expect(count.items.find((i) => i.itemId === "item-bulk")).toMatchObject({
      countBy: "weight",
      containerTareGrams: 212,
    });
    expect(count.items.find((i) => i.itemId === "item-preroll")).toMatchObject({
      countBy: "weight",
      unitWeightGrams: 0.6,
    });
    expect(JSON.stringify(sent[0])).not.toMatch(/quantity|expected|"(24|450|100|30)"/);
  });

  it("asks for a recount of a short line, refuses the same employee, takes another's, and approves", async () => {
    const started = await runner.start(TEST_SITE, { kind: "full", by: "emp-mgr" });
    if (!started.ok) throw new Error(started.reason);
    const id = started.countId;
    // Two carts of package 0 sell during the count: 22 expected, not 24.
    await sellAt(ledger.db, TEST_SITE, labels[0]!, 2, "2026-12-01T17:10:00.000Z");
    const counted: Record<number, number> = { 0: 22, 1: 449, 2: 100, 3: 25, 4: 24, 5: 450, 6: 100, 7: 30 };
    const round1 = labels.map((label, i) =>
      countEvent(id, label, counted[i]!, { roundLines: 9, round: 1, unit: i % 4 === 1 ? "Grams" : "Each" }),
    );
    const found = countEvent(id, countTag(99), 3, { roundLines: 9, round: 1, unexpected: true });
    await apply(...round1.slice(0, 4));
    expect((await countReview(ledger.db, TEST_SITE, id, { all: true }))!.count.status).toBe("counting");
    await apply(...round1.slice(4), found, found);

    let review = (await countReview(ledger.db, TEST_SITE, id, { all: true }))!;
    expect(review.count).toMatchObject({ status: "recount", round: 2, recount: 1 });
    const short = review.lines.find((l) => l.label === labels[3])!;
    expect(short).toMatchObject({ expected: 30, counted: 25, withinTolerance: false, needsRecount: true });
    expect(review.lines.find((l) => l.label === labels[0])).toMatchObject({
      soldSinceSnapshot: 2,
      expected: 22,
      withinTolerance: true,
    });
    expect(review.lines.find((l) => l.label === countTag(99))).toMatchObject({ unexpected: true, counted: 3 });
    const recount = sent.at(-1)!.payload.counts[0]!;
    expect(recount).toMatchObject({ round: 2, recount: [{ label: labels[3], countedBy: "emp-001" }] });

    await apply(countEvent(id, labels[3]!, 26, { round: 2, roundLines: 1, employeeId: "emp-001" }));
    review = (await countReview(ledger.db, TEST_SITE, id, { all: true }))!;
    expect(review.count).toMatchObject({ status: "recount", round: 3 });
    expect(review.lines.find((l) => l.label === labels[3])!.recountRefused).toMatch(/different employee/);
    expect(sent.at(-1)!.payload.counts[0]!.round).toBe(3);

    await apply(countEvent(id, labels[3]!, 25, { round: 3, roundLines: 1, employeeId: "emp-002" }));
    review = (await countReview(ledger.db, TEST_SITE, id, { all: true }))!;
    expect(review.count.status).toBe("review");
    expect(review.lines.find((l) => l.label === labels[3])).toMatchObject({
      counted: 25,
      firstCounted: 25,
      countedBy: "emp-002",
      proposed: "investigate",
    });
    expect(sent.at(-1)!.payload.counts).toEqual([]);

    now = Date.parse("2026-12-01T19:00:00.000Z");
    const approved = await runner.approve(TEST_SITE, {
      countId: id,
      by: "emp-mgr",
      reason: "Inventory Audit",
      decisions: { [labels[3]!]: "adjust" },
    });
    // The bulk bag one gram light is within tolerance: adjusted by default, as the manager left it.
    expect(approved).toMatchObject({ ok: true, adjusted: [labels[1], labels[3]], investigated: [countTag(99)] });
    const pkg = await ledger.db
      .selectFrom("packages")
      .selectAll()
      .where("label", "=", labels[3]!)
      .executeTakeFirstOrThrow();
    expect(Number(pkg.quantity)).toBe(25);
    const adj = await ledger.db
      .selectFrom("adjustments")
      .selectAll()
      .where("label", "=", labels[3]!)
      .executeTakeFirstOrThrow();
    expect(adj).toMatchObject({
      source_kind: "count",
      source_ref: id,
      reason: "Inventory Audit",
      employee_id: "emp-mgr",
    });
    expect(ss.queued).toEqual([
      expect.objectContaining({ kind: "adjustment", label: labels[1], quantity: -1, unit: "Grams" }),
      expect.objectContaining({
        kind: "adjustment",
        label: labels[3],
        quantity: -5,
        reason: "Inventory Audit",
        date: "2026-12-01",
      }),
    ]);
    expect(inv.opened).toEqual([
      expect.objectContaining({
        label: countTag(99),
        class: "physical-over",
        physical: 3,
        source: { kind: "count", ref: id },
      }),
    ]);
    const actions = (await ledger.db.selectFrom("audit_entries").select("action").execute()).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "count.started",
        "count.line.refused",
        "count.recount.asked",
        "count.approved",
        "count.adjustment.approved",
      ]),
    );

    const service = countsServiceOf(ledger.db);
    expect(await service.daySummary(TEST_SITE, "2026-12-01")).toEqual({
      sessions: 1,
      linesCounted: 9,
      linesOutOfTolerance: 2,
      accuracy: 7 / 9,
    });
    const physical = await service.physicalAsOf(TEST_SITE, "2026-12-02T00:00:00.000Z");
    expect(physical.figures.find((f) => f.label === labels[3])).toMatchObject({ quantity: 25, countId: id });
    expect(physical.lastFullCount?.labels).toContain(countTag(99));
    const rows = await service.accuracyRows(TEST_SITE, "2026-12-01", "2026-12-01");
    expect(rows.find((r) => r.label === labels[3])).toMatchObject({
      employeeId: "emp-002",
      expected: 30,
      counted: 25,
      withinTolerance: false,
    });
  });

  it("refuses approving a count still counting, and a count of another site", async () => {
    const started = await runner.start(TEST_SITE, { kind: "category", category: "vape", by: "emp-mgr" });
    if (!started.ok) throw new Error(started.reason);
    expect(started.lines).toBe(2);
    expect(
      await runner.approve(TEST_SITE, { countId: started.countId, by: "m", reason: "x", decisions: {} }),
    ).toMatchObject({ ok: false, status: 409 });
    expect(
      await runner.approve("elsewhere", { countId: started.countId, by: "m", reason: "x", decisions: {} }),
    ).toMatchObject({ ok: false, status: 404 });
    expect(await runner.start(TEST_SITE, { kind: "category", category: "topical", by: "m" })).toEqual({
      ok: false,
      reason: "no package on hand to count",
    });
  });

  it("applies count events stored while the hub was stopping, on its next pass", async () => {
    const started = await runner.start(TEST_SITE, { kind: "category", category: "vape", by: "emp-mgr" });
    if (!started.ok) throw new Error(started.reason);
    const e = countEvent(started.countId, labels[0]!, 24, { round: 1, roundLines: 1 });
    await ledger.db
      .insertInto("events")
      .values({
        id: e.id,
        type: "count",
        station_id: e.stationId,
        site_id: e.siteId,
        at: e.at,
        employee_id: e.employeeId!,
        label: e.payload.label,
        payload: JSON.stringify(e.payload),
        received_at: e.at,
      })
      .execute();
    await runner.pass();
    const review = (await countReview(ledger.db, TEST_SITE, started.countId, { all: true }))!;
    expect(review.lines.find((l) => l.label === labels[0])).toMatchObject({ counted: 24, withinTolerance: true });
  });

  it("schedules the day's cycle count once", async () => {
    const first = await runner.start(TEST_SITE, { kind: "cycle", by: "system", businessDay: "2026-12-01" });
    const again = await runner.start(TEST_SITE, { kind: "cycle", by: "system", businessDay: "2026-12-01" });
    if (first.ok) expect(again).toMatchObject({ ok: false, reason: expect.stringContaining("exists already") });
    else expect(first.reason).toMatch(/nothing is scheduled/);
    const classes = await ledger.db.selectFrom("count_classes").selectAll().execute();
    expect(classes).toHaveLength(4);
  });
});
