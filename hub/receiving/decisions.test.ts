import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { verifyAuditText } from "#hub/ledger/audit-chain.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { applyReceiveEvent } from "./decisions.js";
import {
  decision,
  MANIFEST,
  receiveEvent,
  seedItems,
  seedLabs,
  seedTransfer,
  T_BULK,
  T_FAIL,
  T_PASS,
  T_STRAY,
} from "#hub/testing/receiving-kit.js";
import { listManifests } from "./queries.js";
import { UNIDENTIFIED_ITEM_ID } from "./vault-packages.js";

const NOW = "2026-11-27T11:00:00.000Z";

describe.each(await testDialects())("receive events (%s)", (dialect) => {
  let ledger: TestLedger;
  const db = () => ledger.db;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
  });
  afterAll(async () => ledger.dispose());
  beforeEach(async () => {
    for (const t of [
      "ss_transfer_packages",
      "ss_deliveries",
      "ss_transfers",
      "receiving_lab_results",
      "receiving_manifests",
      "receiving_lines",
      "receiving_applied_events",
      "packages",
      "items",
      "audit_entries",
    ] as const) {
      await db().deleteFrom(t).execute();
    }
    await seedItems(ledger.db);
    await seedLabs(ledger.db);
    await seedTransfer(ledger.db);
  });

  const pkg = (label: string) => db().selectFrom("packages").selectAll().where("label", "=", label).executeTakeFirst();

  it("an accepted line puts the package on its shelf with the verified quantity, active, with an audit entry", async () => {
    const line = decision(T_BULK, {
      decision: "accept-corrected",
      receivedQuantity: 450.2,
      unit: "Grams",
      grossGrams: 662.2,
      netGrams: 450.2,
      location: "Vault B-2",
    });
    const r = await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({ action: "line", manifestNumber: MANIFEST, receivingId: "rcv-1", line }),
      NOW,
    );
    expect(r).toMatchObject({ applied: true, closed: false });
    expect(r.delta.packages).toEqual([
      expect.objectContaining({
        label: T_BULK,
        location: "Vault B-2",
        quantity: 450.2,
        status: "active",
        itemId: "item-ogk",
        labState: "TestPassed",
      }),
    ]);
    expect(await pkg(T_BULK)).toMatchObject({ location: "Vault B-2", status: "active", item_id: "item-ogk" });
    expect(Number((await pkg(T_BULK))!.quantity)).toBe(450.2);
    const m = await db().selectFrom("receiving_manifests").selectAll().executeTakeFirstOrThrow();
    expect(m).toMatchObject({
      status: "in-progress",
      station_id: "vault-1",
      employee_id: "emp-001",
      receiving_id: "rcv-1",
    });
    const audit = await listAudit(ledger.db);
    expect(audit.map((a) => [a.action, a.subject, a.actor])).toEqual([
      ["receiving.line.accepted-corrected", `package ${T_BULK}`, "emp-001"],
    ]);
    expect(audit[0]!.detail).toMatchObject({
      manifestNumber: MANIFEST,
      netGrams: 450.2,
      grossGrams: 662.2,
      location: "Vault B-2",
    });
  });

  it("rejected and unexpected packages go to quarantine, never active", async () => {
    const rej = decision(T_FAIL, {
      decision: "reject",
      reason: "failed-lab",
      receivedQuantity: 24,
      location: "Quarantine",
    });
    const stray = decision(T_STRAY, {
      decision: "reject",
      reason: "not-ordered",
      receivedQuantity: 1,
      location: "Quarantine",
      unexpected: true,
    });
    await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({ action: "line", manifestNumber: MANIFEST, receivingId: "rcv-1", line: rej }),
      NOW,
    );
    await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({ action: "line", manifestNumber: MANIFEST, receivingId: "rcv-1", line: stray }),
      NOW,
    );
    expect(await pkg(T_FAIL)).toMatchObject({
      status: "quarantine",
      location: "Quarantine",
      lab_state: "TestFailed",
      item_id: "item-bd35",
    });
    expect(await pkg(T_STRAY)).toMatchObject({
      status: "quarantine",
      location: "Quarantine",
      item_id: UNIDENTIFIED_ITEM_ID,
    });
    const lines = await db()
      .selectFrom("receiving_lines")
      .select(["label", "unexpected", "reason"])
      .orderBy("label")
      .execute();
    expect(lines.map((l) => [l.label, Number(l.unexpected), l.reason])).toEqual([
      [T_FAIL, 0, "failed-lab"],
      [T_STRAY, 1, "not-ordered"],
    ]);
  });

  it("audits a mistaken scan taken back at the vault, changing no package", async () => {
    const r = await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({
        action: "scan-removed",
        manifestNumber: MANIFEST,
        receivingId: "rcv-1",
        label: T_STRAY,
        scans: 2,
      }),
      NOW,
    );
    expect(r).toMatchObject({ applied: true, closed: false, delta: { items: [], packages: [] } });
    expect(await pkg(T_STRAY)).toBeUndefined();
    const audit = await listAudit(ledger.db);
    expect(audit.map((a) => [a.action, a.subject, a.actor])).toEqual([
      ["receiving.scan.removed", `package ${T_STRAY}`, "emp-001"],
    ]);
    expect(audit[0]!.detail).toMatchObject({ manifestNumber: MANIFEST, receivingId: "rcv-1", scans: 2 });
  });

  it("applies each event once: a replay changes nothing and audits nothing", async () => {
    const e = receiveEvent({ action: "line", manifestNumber: MANIFEST, receivingId: "rcv-1", line: decision(T_PASS) });
    await applyReceiveEvent(db(), TEST_SITE, e, NOW);
    const again = await applyReceiveEvent(db(), TEST_SITE, e, NOW);
    expect(again.applied).toBe(false);
    expect(await listAudit(ledger.db)).toHaveLength(1);
  });

  it("a newer decision replaces an older one; an older one arriving late does not", async () => {
    const first = receiveEvent(
      { action: "line", manifestNumber: MANIFEST, receivingId: "rcv-1", line: decision(T_PASS) },
      { at: "2026-11-27T10:00:00.000Z" },
    );
    const second = receiveEvent(
      {
        action: "line",
        manifestNumber: MANIFEST,
        receivingId: "rcv-1",
        line: decision(T_PASS, { decision: "reject", reason: "damaged-or-tampered", location: "Quarantine" }),
      },
      { at: "2026-11-27T10:01:00.000Z" },
    );
    await applyReceiveEvent(db(), TEST_SITE, second, NOW);
    await applyReceiveEvent(db(), TEST_SITE, first, NOW);
    expect(await db().selectFrom("receiving_lines").select(["decision", "reason"]).executeTakeFirst()).toEqual({
      decision: "reject",
      reason: "damaged-or-tampered",
    });
    expect(await pkg(T_PASS)).toMatchObject({ status: "quarantine" });
  });

  it("completion closes the manifest, records lines not sent before, audits only what changed, and the chain verifies", async () => {
    const l1 = decision(T_PASS);
    await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({ action: "line", manifestNumber: MANIFEST, receivingId: "rcv-1", line: l1 }),
      NOW,
    );
    const done = await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({
        action: "completed",
        manifestNumber: MANIFEST,
        receivingId: "rcv-1",
        lines: [
          l1,
          decision(T_FAIL, { decision: "reject", reason: "failed-lab", receivedQuantity: 24, location: "Quarantine" }),
        ],
      }),
      NOW,
    );
    expect(done.closed).toBe(true);
    expect(await db().selectFrom("receiving_manifests").select("status").executeTakeFirst()).toEqual({
      status: "completed",
    });
    const audit = await listAudit(ledger.db);
    expect(audit.map((a) => a.action)).toEqual([
      "receiving.line.accepted",
      "receiving.line.rejected",
      "receiving.manifest.completed",
    ]);
    expect(audit[2]!.detail).toMatchObject({ accepted: 1, rejected: 1 });
    expect(verifyAuditText(audit.map((a) => JSON.stringify(a)).join("\n"))).toMatchObject({ ok: true });
  });

  it("a refused manifest is closed with its reason, packages accepted before it leave sellable stock; a later completion changes nothing", async () => {
    await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({ action: "line", manifestNumber: MANIFEST, receivingId: "rcv-2", line: decision(T_PASS) }),
      NOW,
    );
    expect(await pkg(T_PASS)).toMatchObject({ status: "active" });
    const r = await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({
        action: "rejected-manifest",
        manifestNumber: MANIFEST,
        receivingId: "rcv-2",
        reason: "Seal broken on the tote",
      }),
      NOW,
    );
    expect(r.closed).toBe(true);
    expect(r.delta.packages).toEqual([
      expect.objectContaining({ label: T_PASS, status: "quarantine", location: "Quarantine" }),
    ]);
    expect(await pkg(T_PASS)).toMatchObject({ status: "quarantine", location: "Quarantine" });
    expect(await db().selectFrom("receiving_manifests").select(["status", "reject_reason"]).executeTakeFirst()).toEqual(
      { status: "rejected", reject_reason: "Seal broken on the tote" },
    );
    expect((await listAudit(ledger.db)).find((a) => a.action === "receiving.manifest.rejected")!.detail).toMatchObject({
      heldInQuarantine: [T_PASS],
    });
    // The list says what the checklist says: every package of a refused manifest is rejected.
    expect((await listManifests(db(), [TEST_SITE])).find((m) => m.manifestNumber === MANIFEST)).toMatchObject({
      stage: "rejected",
      total: 4,
      decided: 4,
      accepted: 0,
      rejected: 4,
    });
    const again = await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({ action: "completed", manifestNumber: MANIFEST, receivingId: "rcv-2", lines: [decision(T_PASS)] }),
      NOW,
    );
    expect(again.closed).toBe(false);
    expect(await db().selectFrom("receiving_manifests").select("status").executeTakeFirst()).toEqual({
      status: "rejected",
    });
    expect(
      (await listAudit(ledger.db)).filter((a) => a.action.startsWith("receiving.manifest")).map((a) => a.action),
    ).toEqual(["receiving.manifest.rejected"]);
  });

  it("a refused manifest holds its packages at the shipped quantities, not at a corrected count", async () => {
    const typo = decision(T_PASS, { decision: "accept-corrected", receivedQuantity: 5000, location: "Vault A-1" });
    const weighed = decision(T_BULK, {
      decision: "reject",
      reason: "short-weight",
      receivedQuantity: 431.2,
      unit: "Grams",
      netGrams: 431.2,
      location: "Quarantine",
    });
    for (const line of [typo, weighed])
      await applyReceiveEvent(
        db(),
        TEST_SITE,
        receiveEvent({ action: "line", manifestNumber: MANIFEST, receivingId: "rcv-3", line }),
        NOW,
      );
    expect(Number((await pkg(T_PASS))!.quantity)).toBe(5000);
    const r = await applyReceiveEvent(
      db(),
      TEST_SITE,
      receiveEvent({
        action: "rejected-manifest",
        manifestNumber: MANIFEST,
        receivingId: "rcv-3",
        reason: "Delivery does not match the manifest",
      }),
      NOW,
    );
    const shipped = new Map(
      (
        await db().selectFrom("ss_transfer_packages").select(["label", "shipped_quantity", "shipped_unit"]).execute()
      ).map((p) => [p.label, p]),
    );
    for (const label of [T_PASS, T_BULK]) {
      const held = (await pkg(label))!;
      expect([Number(held.quantity), held.unit, held.status, held.location]).toEqual([
        Number(shipped.get(label)!.shipped_quantity),
        shipped.get(label)!.shipped_unit,
        "quarantine",
        "Quarantine",
      ]);
    }
    expect(r.delta.packages.map((p) => [p.label, p.quantity]).sort()).toEqual(
      [
        [T_BULK, Number(shipped.get(T_BULK)!.shipped_quantity)],
        [T_PASS, Number(shipped.get(T_PASS)!.shipped_quantity)],
      ].sort(),
    );
  });
});
