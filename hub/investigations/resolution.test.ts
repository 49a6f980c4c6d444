import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { findPackage } from "#hub/ledger/catalog.js";
import {
  COORDINATOR,
  investigationsFor,
  L_EACH,
  L_GRAMS,
  MANAGER,
  MANAGER_2,
  seedInvestigations,
  variance,
} from "#hub/testing/investigations-kit.js";
import { openTestLedger, testDialects, TEST_SITE, type TestLedger } from "#hub/testing/ledger.js";

const dialects = await testDialects();

describe.each(dialects)("investigation resolutions and the approval threshold (%s)", (dialect) => {
  let ledger: TestLedger;
  let kit: ReturnType<typeof investigationsFor>;
  let caseId: string;
  const ledgers: TestLedger[] = [];

  beforeEach(async () => {
    ledger = await openTestLedger(dialect);
    ledgers.push(ledger);
    await seedInvestigations(ledger.db);
    kit = investigationsFor(ledger.db, { approvalQuantity: 2, approvalValue: 50 });
    caseId = (await kit.service.open([variance()], "reconcile"))[0]!.caseId;
  });
  afterAll(async () => {
    for (const l of ledgers) await l.dispose();
  });

  const onHand = async (label = L_EACH) => (await findPackage(ledger.db, TEST_SITE, label))!.pkg.quantity;
  const adjustments = () => ledger.db.selectFrom("adjustments").selectAll().where("label", "=", L_EACH).execute();

  it("queues a small adjustment at once and changes the ledger with the state system's reason", async () => {
    const done = await kit.service.propose(
      caseId,
      { kind: "adjustment", quantity: -1, reason: "entry error" },
      COORDINATOR,
    );
    expect(done).toEqual({ ok: true });
    expect(await onHand()).toBe(9);
    const [adj] = await adjustments();
    expect(adj).toMatchObject({
      reason: "Entry Error",
      source_kind: "investigation",
      source_ref: caseId,
      actor: COORDINATOR,
    });
    expect(kit.queued).toEqual([
      {
        write: {
          kind: "adjustment",
          label: L_EACH,
          quantity: -1,
          unit: "Each",
          reason: "Entry Error",
          date: "2026-11-28",
        },
        requestedBy: COORDINATOR,
      },
    ]);
    const r = (await kit.service.get(caseId))!.resolutions[0]!;
    expect(r).toMatchObject({ status: "queued", needsApproval: false, value: 20, submissionIds: ["sub-1"] });
    expect(r.adjustmentId).toBe(adj!.id);
    const propose = (await listAudit(ledger.db)).filter((e) => e.action === "investigation.propose");
    expect(propose).toHaveLength(1);
    expect(propose[0]!.detail).toMatchObject({
      approval: "not needed",
      change: { adjustment: { reason: "Entry Error" } },
    });
  });

  it("holds an adjustment above the threshold for a manager, who approves it: ledger, then queue", async () => {
    const input = { kind: "adjustment" as const, quantity: -3, reason: "Theft", note: "cart on camera 2" };
    expect((await kit.service.propose(caseId, input, COORDINATOR)).ok).toBe(true);
    expect(await onHand()).toBe(10);
    expect(kit.queued).toEqual([]);
    expect(kit.published).toEqual([]);
    expect((await kit.service.get(caseId))!.resolutions[0]).toMatchObject({
      status: "proposed",
      needsApproval: true,
      quantity: 3,
      value: 60,
    });
    expect(await kit.service.propose(caseId, input, COORDINATOR)).toMatchObject({ ok: false, status: 409 });
    expect(await kit.service.close(caseId, COORDINATOR)).toMatchObject({ ok: false, status: 422 });
    await kit.service.rootCause(caseId, "theft", COORDINATOR);
    expect(await kit.service.close(caseId, COORDINATOR)).toMatchObject({
      ok: false,
      reason: "a resolution awaits a manager's approval: approve or refuse it first",
    });

    expect((await kit.service.approve(caseId, MANAGER)).ok).toBe(true);
    expect(await onHand()).toBe(7);
    expect(kit.published.map((p) => [p.label, p.quantity])).toEqual([[L_EACH, 7]]);
    expect(kit.queued.map((q) => [q.write, q.requestedBy])).toEqual([
      [
        {
          kind: "adjustment",
          label: L_EACH,
          quantity: -3,
          unit: "Each",
          reason: "Theft",
          date: "2026-11-28",
          note: "cart on camera 2",
        },
        MANAGER,
      ],
    ]);
    const audit = await listAudit(ledger.db);
    const approveEntry = audit.find((e) => e.action === "investigation.approve")!;
    expect(approveEntry.actor).toBe(MANAGER);
    expect(approveEntry.detail).toMatchObject({ change: { from: { quantity: 10 }, to: { quantity: 7 } } });
    expect(audit.filter((e) => e.action === "package.adjusted")).toEqual([]);
    expect(await kit.service.approve(caseId, MANAGER)).toMatchObject({ ok: false, status: 409 });
    expect((await kit.service.close(caseId, COORDINATOR)).ok).toBe(true);
  });

  it("lets nobody approve their own proposal, and a refusal needs a reason and queues nothing", async () => {
    await kit.service.propose(caseId, { kind: "adjustment", quantity: -3, reason: "Entry Error" }, MANAGER);
    expect(await kit.service.approve(caseId, MANAGER)).toEqual({
      ok: false,
      status: 409,
      reason: "a resolution is approved by someone other than who proposed it",
    });
    expect(await kit.service.refuse(caseId, " ", MANAGER_2)).toMatchObject({ ok: false, status: 422 });
    expect((await kit.service.refuse(caseId, "recount first", MANAGER_2)).ok).toBe(true);
    expect((await kit.service.get(caseId))!.resolutions[0]).toMatchObject({
      status: "refused",
      decisionNote: "recount first",
    });
    expect(kit.queued).toEqual([]);
    expect(await onHand()).toBe(10);
    expect((await listAudit(ledger.db)).map((e) => e.action)).toContain("investigation.refuse");
  });

  it("applies the value limit at the package's POS price, and only the quantity limit without one", async () => {
    const priced = investigationsFor(ledger.db, { approvalQuantity: null, approvalValue: 30 });
    await priced.service.propose(caseId, { kind: "adjustment", quantity: -2, reason: "Entry Error" }, COORDINATOR);
    expect((await priced.service.get(caseId))!.resolutions[0]).toMatchObject({ value: 40, status: "proposed" });
    const grams = (await priced.service.open([variance({ label: L_GRAMS })], "reconcile"))[0]!.caseId;
    await priced.service.propose(grams, { kind: "adjustment", quantity: -5.5, reason: "Entry Error" }, COORDINATOR);
    expect((await priced.service.get(grams))!.resolutions[0]).toMatchObject({ value: null, status: "queued" });
    expect(await onHand(L_GRAMS)).toBe(22.5);
  });

  it("refuses a proposal the state system would refuse, naming why", async () => {
    const refusal = (input: Parameters<typeof kit.service.propose>[1]) =>
      kit.service.propose(caseId, input, COORDINATOR);
    expect(await refusal({ kind: "adjustment", quantity: -1, reason: "Drying" })).toMatchObject({
      status: 422,
      reason: "choose one of the state system's adjustment reasons: Entry Error, Theft",
    });
    expect(await refusal({ kind: "adjustment", quantity: -1, reason: "Theft" })).toMatchObject({
      reason: "the state system needs a note for the reason Theft",
    });
    expect(await refusal({ kind: "adjustment", quantity: -11, reason: "Entry Error" })).toMatchObject({
      reason: `package ${L_EACH} holds 10 Each: it cannot go below zero`,
    });
    expect(await refusal({ kind: "adjustment", quantity: 0, reason: "Entry Error" })).toMatchObject({ status: 422 });
    expect(await refusal({ kind: "receipt" })).toMatchObject({ status: 422 });
    expect(await refusal({ kind: "receipt", voidExternalNumber: "R-404" })).toMatchObject({
      reason: `the state system holds no receipt R-404 of package ${L_EACH}`,
    });
    expect((await kit.service.get(caseId))!.resolutions).toEqual([]);
  });

  it("corrects a sales receipt: the wrong one voided, the right one reported, in that order", async () => {
    await ledger.db
      .insertInto("ss_receipts")
      .values({
        site_id: TEST_SITE,
        state_id: "9001",
        external_number: "R-1",
        sales_date_time: "2026-11-27T11:00:00",
        customer_type: "Consumer",
        lines: JSON.stringify([{ label: L_EACH, quantity: 1, unit: "Each", totalAmount: 20 }]),
        final: 1,
        voided: 0,
        last_modified: "2026-11-27T19:00:00Z",
      })
      .execute();
    const input = {
      kind: "receipt" as const,
      voidExternalNumber: "R-1",
      soldAt: "2026-11-27T11:00:00-08:00",
      quantity: 2,
      total: 40,
    };
    expect((await kit.service.propose(caseId, input, COORDINATOR)).ok).toBe(true);
    expect((await kit.service.get(caseId))!.resolutions[0]).toMatchObject({
      status: "proposed",
      quantity: 3,
      value: 60,
    });
    await kit.service.approve(caseId, MANAGER);
    expect(kit.queued.map((q) => q.write)).toEqual([
      { kind: "receipt-void", externalNumber: "R-1" },
      {
        kind: "receipt",
        externalNumber: `INV-${caseId.slice(-12)}-1`,
        soldAt: "2026-11-27T19:00:00.000Z",
        customerType: "Consumer",
        lines: [{ label: L_EACH, quantity: 2, unit: "Each", totalAmount: 40 }],
      },
    ]);
    expect(await onHand()).toBe(10);
  });
});
