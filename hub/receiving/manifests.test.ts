import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManifestsPayload } from "#contract/receiving.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { toInstant } from "./local-time.js";
import { openManifests } from "./manifests.js";
import {
  MANIFEST,
  seedItems,
  seedLabs,
  seedTransfer,
  T_BULK,
  T_FAIL,
  T_NOLAB,
  T_PASS,
} from "#hub/testing/receiving-kit.js";

const opts = { timeZone: "America/Los_Angeles", documentUrl: (id: string) => `http://hub.test/receiving/coa/${id}` };

describe("toInstant", () => {
  it("reads METRC's local wall-clock time in the facility's zone, standard and daylight time", () => {
    expect(toInstant("2026-11-27T09:30:00.000", "America/Los_Angeles")).toBe("2026-11-27T17:30:00.000Z");
    expect(toInstant("2026-07-01T09:30:00", "America/Los_Angeles")).toBe("2026-07-01T16:30:00.000Z");
    expect(toInstant("2026-11-27T09:30:00+02:00", "America/Los_Angeles")).toBe("2026-11-27T07:30:00.000Z");
    expect(toInstant("not a time", "America/Los_Angeles")).toBeNull();
    expect(toInstant(null, "UTC")).toBeNull();
  });
});

describe.each(await testDialects())("open manifests (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
  });
  afterAll(async () => ledger.dispose());
  beforeEach(async () => {
    const db = ledger.db;
    for (const t of [
      "ss_transfer_packages",
      "ss_deliveries",
      "ss_transfers",
      "receiving_lab_results",
      "receiving_manifests",
      "items",
    ] as const)
      await db.deleteFrom(t).execute();
    await seedItems(ledger.db);
    await seedLabs(ledger.db);
  });

  it("builds contract manifests: METRC's order, item profile, lab state and COA summary per line", async () => {
    await seedTransfer(ledger.db);
    const { manifests, skipped } = await openManifests(ledger.db, TEST_SITE, opts);
    expect(skipped).toEqual([]);
    expect(ManifestsPayload.safeParse({ manifests }).success).toBe(true);
    const [m] = manifests;
    expect(m).toMatchObject({
      manifestNumber: MANIFEST,
      shipperName: "Emerald Coast Distribution",
      arrival: "2026-11-27T17:30:00.000Z",
    });
    expect(m!.lines.map((l) => l.label)).toEqual([T_BULK, T_PASS, T_FAIL, T_NOLAB]);
    const [bulk, pass, fail, nolab] = m!.lines;
    expect(bulk).toMatchObject({
      itemId: "item-ogk",
      weightBased: true,
      containerTareGrams: 212,
      labState: "TestPassed",
      quantity: 453.6,
      unit: "Grams",
    });
    expect(bulk!.coa).toMatchObject({
      thc: "24.1%",
      cbd: "0.1%",
      overallPassed: true,
      testedAt: "2026-11-02",
      documentUrl: "http://hub.test/receiving/coa/9001",
    });
    expect(pass).toMatchObject({ itemId: "item-bd35", weightBased: false, labState: "TestPassed" });
    expect(pass!.coa?.cbd).toBe("not reported");
    expect(fail).toMatchObject({ labState: "TestFailed" });
    expect(fail!.coa?.overallPassed).toBe(false);
    // No catalog item and no lab result: counted (Each), not weighed, and not acceptable at the kiosk.
    expect(nolab).toMatchObject({ labState: "NotSubmitted", coa: null, weightBased: false });
    expect(nolab!.itemId).toBeUndefined();
  });

  it("offers only manifests still to receive: not voided, a package Shipped, not finished at the vault", async () => {
    await seedTransfer(ledger.db, { manifest: "A1" });
    await seedTransfer(ledger.db, {
      manifest: "V1",
      voided: true,
      packages: [{ label: "1A4060300012B7C000700001", stateId: "1", itemName: "X", quantity: 1, unit: "Each" }],
    });
    await seedTransfer(ledger.db, {
      manifest: "R1",
      packages: [
        {
          label: "1A4060300012B7C000700002",
          stateId: "2",
          itemName: "X",
          quantity: 1,
          unit: "Each",
          state: "Accepted",
          receivedQuantity: 1,
        },
      ],
    });
    await seedTransfer(ledger.db, {
      manifest: "C1",
      packages: [{ label: "1A4060300012B7C000700003", stateId: "3", itemName: "X", quantity: 1, unit: "Each" }],
    });
    await ledger.db
      .insertInto("receiving_manifests")
      .values({
        site_id: TEST_SITE,
        manifest_number: "C1",
        receiving_id: "r",
        status: "completed",
        station_id: "vault-1",
        employee_id: null,
        started_at: "2026-11-27T10:00:00Z",
        completed_at: "2026-11-27T10:05:00Z",
        reject_reason: null,
        updated_at: "2026-11-27T10:05:00Z",
      })
      .execute();
    const { manifests } = await openManifests(ledger.db, TEST_SITE, opts);
    expect(manifests.map((m) => m.manifestNumber)).toEqual(["A1"]);
  });

  it("leaves out lines the contract cannot carry and says which", async () => {
    await seedTransfer(ledger.db, {
      manifest: "B1",
      packages: [
        { label: "1234567890123456", stateId: "1", itemName: "BioTrack id", quantity: 1, unit: "Each" },
        { label: "1A4060300012B7C000700009", stateId: "2", itemName: "Liquid", quantity: 5, unit: "Fluid Ounces" },
        { label: "1A4060300012B7C000700010", stateId: "3", itemName: "Fine", quantity: 2, unit: "Each" },
      ],
    });
    const { manifests, skipped } = await openManifests(ledger.db, TEST_SITE, opts);
    expect(manifests[0]!.lines.map((l) => l.label)).toEqual(["1A4060300012B7C000700010"]);
    expect(skipped).toEqual(["B1/1234567890123456", "B1/1A4060300012B7C000700009"]);
  });
});
