import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { findPackage, upsertItems } from "#hub/ledger/catalog.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { applyToCatalog } from "./catalog-bridge.js";
import type { StatePackage } from "./port.js";

const AT = "2026-11-27T18:00:00.000Z";
const KNOWN = "1A4060300012B7C000006001";
const NEW = "1A4060300012B7C000006002";
const HELD = "1A4060300012B7C000006003";

function statePkg(label: string, over: Partial<StatePackage> = {}): StatePackage {
  return {
    label,
    stateId: "1",
    itemName: "Blue Dream 3.5g",
    itemCategory: "Buds",
    quantity: 10,
    unit: "Each",
    location: "Vault A-1",
    status: "active",
    labState: "TestPassed",
    note: null,
    packagedDate: "2026-11-01",
    finishedDate: null,
    receivedFromManifest: null,
    lastModified: AT,
    ...over,
  };
}

describe.each(await testDialects())("the state-system sync changes packages through the ledger (%s)", (dialect) => {
  let ledger: TestLedger;
  const db = () => ledger.db;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await upsertItems(
      db(),
      TEST_SITE,
      [{ id: "item-001", name: "Blue Dream 3.5g", category: "flower", unit: "Each", weightBased: false }],
      AT,
    );
    const base = {
      itemId: "item-001",
      quantity: 7,
      unit: "Each" as const,
      labState: "TestPassed" as const,
      packagedDate: "2026-11-01",
    };
    await recordPackageChanges(db(), TEST_SITE, [
      {
        label: KNOWN,
        at: AT,
        why: "test.setup",
        by: { actor: "system" },
        to: { ...base, location: "Vault B-2", status: "active" },
      },
      {
        label: HELD,
        at: AT,
        why: "test.setup",
        by: { actor: "system" },
        to: { ...base, location: "Quarantine", status: "quarantine" },
      },
    ]);
  });
  afterAll(async () => ledger.dispose());

  const movementsOf = (label: string) =>
    db().selectFrom("movements").selectAll().where("label", "=", label).orderBy("at").orderBy("id").execute();
  const auditOf = async (seq: number) => (await listAudit(db())).find((e) => e.seq === seq);

  it("adds a package the ledger does not hold with a movement by the state system, and moves a known one's status", async () => {
    const later = "2026-11-27T19:00:00.000Z";
    await applyToCatalog(
      db(),
      TEST_SITE,
      [
        statePkg(NEW, { quantity: 12, location: "Vault A-3" }),
        statePkg(KNOWN, { status: "inactive", finishedDate: "2026-11-27", quantity: 0 }),
      ],
      later,
    );
    const [added] = await movementsOf(NEW);
    expect(added).toMatchObject({
      from_location: null,
      to_location: "Vault A-3",
      to_status: "active",
      reason: "statesystem.added",
      actor: "statesystem",
      source_kind: "state-system",
      station_id: null,
    });
    expect(await auditOf(Number(added!.audit_seq))).toMatchObject({
      action: "package.added",
      actor: "statesystem",
      subject: `package ${NEW}`,
    });
    const finished = (await movementsOf(KNOWN)).at(-1)!;
    expect(finished).toMatchObject({
      from_status: "active",
      to_status: "finished",
      to_location: "Vault B-2",
      reason: "statesystem.status",
    });
    expect(Number(finished.quantity)).toBe(7);
    expect(await db().selectFrom("adjustments").selectAll().execute()).toEqual([]);
  });

  it("keeps the vault's quarantine without a movement, and audits a lab state that changed as an update", async () => {
    const before = (await movementsOf(HELD)).length;
    await applyToCatalog(
      db(),
      TEST_SITE,
      [statePkg(HELD, { status: "active", labState: "TestFailed" })],
      "2026-11-27T20:00:00.000Z",
    );
    expect((await findPackage(db(), TEST_SITE, HELD))?.pkg).toMatchObject({
      status: "quarantine",
      labState: "TestFailed",
    });
    expect(await movementsOf(HELD)).toHaveLength(before);
    expect((await listAudit(db())).at(-1)).toMatchObject({
      action: "package.updated",
      actor: "statesystem",
      detail: { change: { facts: { labState: ["TestPassed", "TestFailed"] } } },
    });
    const entries = (await listAudit(db())).length;
    await applyToCatalog(
      db(),
      TEST_SITE,
      [statePkg(HELD, { status: "active", labState: "TestFailed" })],
      "2026-11-27T20:15:00.000Z",
    );
    expect(await listAudit(db())).toHaveLength(entries);
  });
});
