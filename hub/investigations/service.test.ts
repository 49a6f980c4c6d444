import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import {
  COORDINATOR,
  investigationsFor,
  L_GRAMS,
  MANAGER,
  seedInvestigations,
  variance,
} from "#hub/testing/investigations-kit.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";

const dialects = await testDialects();
const HOUR = 3_600_000;

describe.each(dialects)("investigations: opening, joining, deadlines, closing (%s)", (dialect) => {
  let ledger: TestLedger;
  let kit: ReturnType<typeof investigationsFor>;
  const ledgers: TestLedger[] = [];

  beforeEach(async () => {
    ledger = await openTestLedger(dialect);
    ledgers.push(ledger);
    await seedInvestigations(ledger.db);
    kit = investigationsFor(ledger.db, { deadlineMs: 24 * HOUR });
  });
  afterAll(async () => {
    for (const l of ledgers) await l.dispose();
  });

  const actions = async () =>
    (await listAudit(ledger.db)).map((e) => e.action).filter((a) => a.startsWith("investigation."));

  it("opens one case per package and class, joins the open one, and takes a repeated report once", async () => {
    const first = await kit.service.open(
      [variance(), variance({ label: L_GRAMS, class: "not-in-vault" }), variance({ class: "quantity-mismatch" })],
      "reconcile",
    );
    expect(first.map((r) => r.joined)).toEqual([false, false, false]);
    expect(new Set(first.map((r) => r.caseId)).size).toBe(3);

    const again = await kit.service.open(
      [variance({ source: { kind: "reconciliation", ref: "run-2" }, physical: 6 }), variance()],
      "reconcile",
    );
    expect(again).toEqual([
      { caseId: first[0]!.caseId, joined: true },
      { caseId: first[0]!.caseId, joined: true },
    ]);
    const detail = await kit.service.get(first[0]!.caseId);
    expect(detail?.variances.map((v) => [v.source.ref, v.physical])).toEqual([
      ["run-1", 7],
      ["run-2", 6],
    ]);
    expect(await actions()).toEqual([
      "investigation.open",
      "investigation.open",
      "investigation.open",
      "investigation.join",
    ]);
  });

  it("refuses a whole call with a bad variance and writes nothing", async () => {
    await expect(kit.service.open([variance(), variance({ site: "elsewhere" })], "reconcile")).rejects.toThrow(
      /variance 2 .*site "elsewhere" is not served/,
    );
    expect(await kit.service.list({ sites: ["default"], filter: "open" })).toEqual([]);
    expect(await actions()).toEqual([]);
  });

  it("escalates an open case past its deadline, and not a closed one", async () => {
    const [a] = await kit.service.open([variance()], "reconcile");
    kit.clock.advance(2 * HOUR);
    const [b] = await kit.service.open([variance({ label: L_GRAMS })], "reconcile");
    kit.clock.advance(22 * HOUR - 1);
    expect((await kit.service.list({ sites: ["default"], filter: "escalated" })).length).toBe(0);
    kit.clock.advance(2);
    expect((await kit.service.list({ sites: ["default"], filter: "escalated" })).map((c) => c.id)).toEqual([a!.caseId]);
    expect(await kit.service.openCount(["default"])).toEqual({ open: 2, escalated: 1 });
    kit.clock.advance(2 * HOUR);
    const open = await kit.service.list({ sites: ["default"], filter: "open" });
    expect(open.map((c) => [c.id, c.escalated])).toEqual([
      [b!.caseId, true],
      [a!.caseId, true],
    ]);
    await kit.service.rootCause(a!.caseId, "mis-scan", COORDINATOR);
    await kit.service.close(a!.caseId, COORDINATOR);
    expect(await kit.service.openCount(["default"])).toEqual({ open: 1, escalated: 1 });
    expect((await kit.service.list({ sites: ["default"], filter: "closed" }))[0]).toMatchObject({
      id: a!.caseId,
      escalated: false,
      rootCause: "mis-scan",
    });
  });

  it("needs a root cause to close, then opens a new case for the next difference", async () => {
    const [a] = await kit.service.open([variance()], "reconcile");
    expect(await kit.service.close(a!.caseId, COORDINATOR)).toEqual({
      ok: false,
      status: 422,
      reason: "document the root cause before closing the investigation",
    });
    expect(await kit.service.rootCause(a!.caseId, "sabotage", COORDINATOR)).toMatchObject({ ok: false, status: 422 });
    expect((await kit.service.rootCause(a!.caseId, "data-entry", COORDINATOR)).ok).toBe(true);
    expect((await kit.service.close(a!.caseId, MANAGER)).ok).toBe(true);
    expect(await kit.service.note(a!.caseId, "late note", COORDINATOR)).toMatchObject({ ok: false, status: 409 });
    const [b] = await kit.service.open([variance({ source: { kind: "reconciliation", ref: "run-3" } })], "reconcile");
    expect(b).toMatchObject({ joined: false });
    expect(b!.caseId).not.toBe(a!.caseId);
  });

  it("records assignee, notes and evidence, each with its audit entry", async () => {
    const [a] = await kit.service.open([variance()], "reconcile");
    expect((await kit.service.assign(a!.caseId, COORDINATOR, MANAGER)).ok).toBe(true);
    expect(await kit.service.assign(a!.caseId, "nobody", MANAGER)).toMatchObject({ ok: false, status: 422 });
    expect((await kit.service.note(a!.caseId, "  shelf A-1 recounted  ", COORDINATOR)).ok).toBe(true);
    expect(await kit.service.note(a!.caseId, "   ", COORDINATOR)).toMatchObject({ ok: false, status: 422 });
    const ev = { camera: "Vault cam 2", at: "2026-11-27T15:42:00-08:00", text: "box leaves on a cart" };
    expect((await kit.service.evidence(a!.caseId, ev, COORDINATOR)).ok).toBe(true);
    expect(await kit.service.evidence(a!.caseId, { ...ev, at: "yesterday" }, COORDINATOR)).toMatchObject({ ok: false });
    const detail = await kit.service.get(a!.caseId);
    expect(detail?.assignee).toBe(COORDINATOR);
    expect(detail?.notes.map((n) => [n.kind, n.text, n.camera, n.evidenceAt])).toEqual([
      ["note", "shelf A-1 recounted", null, null],
      ["evidence", "box leaves on a cart", "Vault cam 2", "2026-11-27T23:42:00.000Z"],
    ]);
    const audit = (await listAudit(ledger.db)).filter((e) => e.action.startsWith("investigation."));
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ["investigation.open", "reconcile"],
      ["investigation.assign", MANAGER],
      ["investigation.note", COORDINATOR],
      ["investigation.evidence", COORDINATOR],
    ]);
    expect(audit[3]!.subject).toBe(`investigation ${a!.caseId}`);
  });

  it("sums a business day: opened, resolved, still open and escalated at its end", async () => {
    // START is 2026-11-28 10:00 in Los Angeles.
    const [a] = await kit.service.open([variance()], "reconcile");
    kit.clock.advance(HOUR);
    await kit.service.open([variance({ label: L_GRAMS })], "reconcile");
    await kit.service.rootCause(a!.caseId, "damage", COORDINATOR);
    kit.clock.advance(24 * HOUR); // 2026-11-29 11:00: case a past its deadline (10:00) when it closes
    await kit.service.close(a!.caseId, COORDINATOR);
    expect(await kit.service.daySummary("default", "2026-11-28")).toEqual({
      opened: 2,
      resolved: 0,
      open: 2,
      escalated: 0,
    });
    expect(await kit.service.daySummary("default", "2026-11-29")).toEqual({
      opened: 0,
      resolved: 1,
      open: 1,
      escalated: 1,
    });
    expect(await kit.service.daySummary("default", "2026-11-27")).toEqual({
      opened: 0,
      resolved: 0,
      open: 0,
      escalated: 0,
    });
  });
});
