import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Package } from "#contract/domain.js";
import { HubError } from "#hub/errors.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { listAudit } from "./audit.js";
import { verifyAuditText } from "./audit-chain.js";
import { findPackage, upsertItems } from "./catalog.js";
import { upsertEmployees } from "./employees.js";
import { insertEvents, toEventRow } from "./events.js";
import { fullPackageHistory } from "./history.js";
import { recordPackageChanges, type PackageChange } from "./package-state.js";

const TAG = "1A4060300012B7C000005001";
const DOOR_SESSION = "01a21f73-5003-7047-b575-fa5b11f21000";
const pkg: Omit<Package, "label"> = {
  itemId: "item-bd35",
  quantity: 48,
  unit: "Each",
  location: "Vault A-1",
  status: "active",
  labState: "TestPassed",
  packagedDate: "2026-11-01",
};
const byDana = { actor: "emp-001", employeeId: "emp-001", stationId: "vault-1", siteId: "green-leaf-oakland" };
const change = (over: Partial<PackageChange>): PackageChange => ({
  label: TAG,
  to: {},
  at: "2026-11-27T10:00:00.000Z",
  why: "test.move",
  by: byDana,
  ...over,
});

describe.each(await testDialects())("package state through the ledger (%s)", (dialect) => {
  let ledger: TestLedger;
  const db = () => ledger.db;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
  });
  afterAll(async () => ledger.dispose());
  beforeEach(async () => {
    for (const t of ["movements", "adjustments", "packages", "items", "employees", "events", "audit_entries"] as const)
      await db().deleteFrom(t).execute();
    await upsertItems(
      db(),
      TEST_SITE,
      [{ id: "item-bd35", name: "Blue Dream 3.5g", category: "flower", unit: "Each", weightBased: false }],
      "2026-11-01T00:00:00.000Z",
    );
    await upsertEmployees(db(), [
      { id: "emp-001", name: "Dana Reyes", role: "coordinator", badge: "EMP-0001", pinHash: "scrypt$x", active: true },
    ]);
  });

  const movements = () => db().selectFrom("movements").selectAll().orderBy("at").orderBy("id").execute();
  const adjustments = () => db().selectFrom("adjustments").selectAll().orderBy("at").orderBy("id").execute();

  it("adds a package with a movement from nowhere and one audit entry, linked", async () => {
    const [done] = await recordPackageChanges(db(), TEST_SITE, [
      change({ to: pkg, why: "receiving.accepted", source: { kind: "manifest", ref: "0000777001" } }),
    ]);
    expect(done).toMatchObject({ before: null, after: { label: TAG, ...pkg }, adjustmentId: null });
    expect((await findPackage(db(), TEST_SITE, TAG))?.pkg).toEqual({ label: TAG, ...pkg });
    const [m] = await movements();
    expect(m).toMatchObject({
      id: done!.movementId,
      from_location: null,
      from_status: null,
      to_location: "Vault A-1",
      to_status: "active",
      reason: "receiving.accepted",
      actor: "emp-001",
      station_id: "vault-1",
      source_kind: "manifest",
      source_ref: "0000777001",
    });
    expect(Number(m!.quantity)).toBe(48);
    const audit = await listAudit(db());
    expect(audit.map((a) => [a.seq, a.action, a.subject])).toEqual([
      [done!.auditSeq, "package.added", `package ${TAG}`],
    ]);
    expect(Number(m!.audit_seq)).toBe(audit[0]!.seq);
  });

  it("moves a package with from, to, why, who and the door session open on the station then", async () => {
    await recordPackageChanges(db(), TEST_SITE, [change({ to: pkg })]);
    await insertEvents(db(), [
      toEventRow(
        {
          id: "01a21f73-5003-7047-b575-fa5b11f21001",
          type: "door",
          stationId: "vault-1",
          siteId: "green-leaf-oakland",
          at: "2026-11-27T10:59:00.000Z",
          payload: { doorId: "vault-door", open: true, doorSessionId: DOOR_SESSION },
        },
        "2026-11-27T10:59:01.000Z",
      ),
    ]);
    await recordPackageChanges(db(), TEST_SITE, [
      change({
        at: "2026-11-27T11:00:00.000Z",
        to: { location: "Quarantine", status: "quarantine" },
        why: "receiving.rejected",
        audit: { action: "receiving.line.rejected", detail: { manifestNumber: "0000777001" } },
      }),
    ]);
    const moved = (await movements())[1]!;
    expect(moved).toMatchObject({
      from_location: "Vault A-1",
      from_status: "active",
      to_location: "Quarantine",
      to_status: "quarantine",
      reason: "receiving.rejected",
      door_session_id: DOOR_SESSION,
    });
    const entry = (await listAudit(db())).at(-1)!;
    expect(entry).toMatchObject({
      action: "receiving.line.rejected",
      actor: "emp-001",
      detail: {
        manifestNumber: "0000777001",
        change: { why: "receiving.rejected", from: { location: "Vault A-1" }, to: { location: "Quarantine" } },
      },
    });
    expect(Number(moved.audit_seq)).toBe(entry.seq);
  });

  it("adjusts a quantity with the state system's reason and note, and refuses one without, writing nothing", async () => {
    await recordPackageChanges(db(), TEST_SITE, [change({ to: pkg })]);
    const before = await listAudit(db());
    const refused = await recordPackageChanges(db(), TEST_SITE, [change({ to: { quantity: 47 } })]).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(HubError);
    expect(refused).toMatchObject({
      code: "LEDGER_REFUSED",
      message: expect.stringMatching(/quantity 48 → 47 Each needs the state system's adjustment reason/),
    });
    expect(await listAudit(db())).toEqual(before);
    expect(Number((await findPackage(db(), TEST_SITE, TAG))!.pkg.quantity)).toBe(48);
    await recordPackageChanges(db(), TEST_SITE, [
      change({
        at: "2026-11-27T12:00:00.000Z",
        to: { quantity: 47 },
        adjustment: { reason: "Damage", note: "crushed jar" },
      }),
    ]);
    const [a] = await adjustments();
    expect(a).toMatchObject({ reason: "Damage", note: "crushed jar", unit: "Each", actor: "emp-001" });
    expect([Number(a!.quantity_before), Number(a!.quantity_after)]).toEqual([48, 47]);
    expect((await listAudit(db())).at(-1)).toMatchObject({
      action: "package.adjusted",
      detail: { change: { adjustment: { reason: "Damage", note: "crushed jar" } } },
    });
    expect(await movements()).toHaveLength(1);
  });

  it("records a move and a quantity change made together under one audit entry", async () => {
    await recordPackageChanges(db(), TEST_SITE, [change({ to: pkg })]);
    const [done] = await recordPackageChanges(db(), TEST_SITE, [
      change({ to: { location: "Vault B-2", quantity: 46 }, adjustment: { reason: "Entry Error" } }),
    ]);
    const [m, a] = [(await movements())[1]!, (await adjustments())[0]!];
    expect([Number(m.audit_seq), Number(a.audit_seq)]).toEqual([done!.auditSeq, done!.auditSeq]);
    expect((await listAudit(db())).at(-1)).toMatchObject({ seq: done!.auditSeq, action: "package.moved" });
  });

  it("writes nothing for a change that changes nothing, unless it names its audit entry; keeps a status it is told to", async () => {
    await recordPackageChanges(db(), TEST_SITE, [
      change({ to: { ...pkg, status: "quarantine", location: "Quarantine" } }),
    ]);
    const n = (await listAudit(db())).length;
    const [same] = await recordPackageChanges(db(), TEST_SITE, [
      change({ to: { status: "active", labState: "TestPassed" }, keepStatus: ["quarantine"] }),
    ]);
    expect(same).toMatchObject({ auditSeq: null, movementId: null, after: { status: "quarantine" } });
    expect(await listAudit(db())).toHaveLength(n);
    await recordPackageChanges(db(), TEST_SITE, [
      change({ to: { location: "Quarantine" }, audit: { action: "receiving.quarantine.kept" } }),
    ]);
    expect((await listAudit(db())).map((e) => e.action).slice(n)).toEqual(["receiving.quarantine.kept"]);
    expect(await movements()).toHaveLength(1);
  });

  it("applies a batch all or nothing, and the audit chain verifies", async () => {
    const other = "1A4060300012B7C000005002";
    await expect(
      recordPackageChanges(db(), TEST_SITE, [
        change({ to: pkg }),
        change({ label: other, to: { location: "Vault A-1" } }),
      ]),
    ).rejects.toThrow(/package 1A4060300012B7C000005002 is not in the ledger; adding it needs itemId/);
    expect(await findPackage(db(), TEST_SITE, TAG)).toBeUndefined();
    expect(await listAudit(db())).toEqual([]);
    // In the caller's transaction: a later failure there takes the package, movement and audit entry back too.
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await recordPackageChanges(trx, TEST_SITE, [change({ to: pkg })]);
          expect((await trx.selectFrom("movements").select("id").execute()).length).toBe(1);
          throw new Error("the receiving line failed after the ledger wrote");
        }),
    ).rejects.toThrow(/receiving line failed/);
    expect([await findPackage(db(), TEST_SITE, TAG), await movements(), await listAudit(db())]).toEqual([
      undefined,
      [],
      [],
    ]);
    await recordPackageChanges(db(), TEST_SITE, [
      change({ to: pkg }),
      change({ label: other, to: pkg }),
      change({ label: TAG, at: "2026-11-27T10:01:00.000Z", to: { location: "Vault C-3" } }),
    ]);
    expect((await findPackage(db(), TEST_SITE, TAG))?.pkg.location).toBe("Vault C-3");
    const audit = await listAudit(db());
    expect(audit.map((a) => a.action)).toEqual(["package.added", "package.added", "package.moved"]);
    expect(verifyAuditText(audit.map((a) => JSON.stringify(a)).join("\n"))).toEqual({
      ok: true,
      entries: 3,
      records: 0,
    });
  });

  it("gives a package's history oldest first: events, movements and adjustments, with names, quantities and sources", async () => {
    await insertEvents(db(), [
      toEventRow(
        {
          id: "01a21f73-5003-7047-b575-fa5b11f21002",
          type: "scan",
          stationId: "vault-1",
          siteId: "green-leaf-oakland",
          at: "2026-11-27T09:59:00.000Z",
          employeeId: "emp-001",
          payload: {
            code: TAG,
            scannerId: "s-1",
            classification: { kind: "metrc-tag", tag: TAG, form: "strict" },
            workflow: "receive",
          },
        },
        "2026-11-27T09:59:01.000Z",
      ),
    ]);
    await recordPackageChanges(db(), TEST_SITE, [change({ to: pkg, source: { kind: "manifest", ref: "0000777001" } })]);
    await recordPackageChanges(db(), TEST_SITE, [
      change({
        at: "2026-11-28T08:00:00.000Z",
        by: { actor: "statesystem" },
        to: { quantity: 45 },
        adjustment: { reason: "Drying" },
        source: { kind: "count", ref: "count-7" },
      }),
    ]);
    const history = await fullPackageHistory(db(), TEST_SITE, TAG);
    expect(history.map((h) => [h.kind, h.at])).toEqual([
      ["event", "2026-11-27T09:59:00.000Z"],
      ["movement", "2026-11-27T10:00:00.000Z"],
      ["adjustment", "2026-11-28T08:00:00.000Z"],
    ]);
    expect(history[0]).toMatchObject({
      type: "scan",
      employeeId: "emp-001",
      employeeName: "Dana Reyes",
      stationId: "vault-1",
    });
    expect(history[1]).toMatchObject({
      type: "movement",
      employeeName: "Dana Reyes",
      from: null,
      to: { location: "Vault A-1", status: "active" },
      quantity: 48,
      unit: "Each",
      source: { kind: "manifest", ref: "0000777001" },
    });
    expect(history[2]).toMatchObject({
      type: "adjustment",
      employeeId: null,
      employeeName: null,
      stationId: null,
      quantityBefore: 48,
      quantityAfter: 45,
      delta: -3,
      reason: "Drying",
      source: { kind: "count", ref: "count-7" },
    });
  });
});
