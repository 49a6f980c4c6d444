import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findPackage, upsertItems, upsertPackages } from "#hub/ledger/catalog.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { applyToCatalog } from "./catalog-bridge.js";
import type { StatePackage } from "./port.js";

const dialects = await testDialects();

const AT = "2026-11-27T18:00:00.000Z";

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

describe.each(dialects)("state packages into the hub catalog (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await openTestLedger(dialect);
    await upsertItems(
      ledger.db,
      TEST_SITE,
      [{ id: "item-001", name: "Blue Dream 3.5g", category: "flower", unit: "Each", weightBased: false }],
      AT,
    );
    await upsertPackages(
      ledger.db,
      TEST_SITE,
      [
        {
          label: "1A4060300012B7C000003001",
          itemId: "item-001",
          quantity: 7,
          unit: "Each",
          location: "Vault B-2",
          status: "active",
          labState: "TestPassed",
          packagedDate: "2026-11-01",
        },
      ],
      AT,
    );
  });
  afterEach(() => ledger.dispose());

  it("adds unknown packages under the catalog's item of the same name, or a new item", async () => {
    const out = await applyToCatalog(
      ledger.db,
      TEST_SITE,
      [
        statePkg("1A4060300012B7C000003002"),
        statePkg("1A4060300012B7C000003003", {
          itemName: "Sour Diesel Vape 1g",
          itemCategory: "Vape Cartridge",
          unit: "Each",
        }),
      ],
      AT,
    );
    expect(out).toEqual({ added: 2, updated: 0 });
    expect((await findPackage(ledger.db, TEST_SITE, "1A4060300012B7C000003002"))!.item!.id).toBe("item-001");
    const vape = (await findPackage(ledger.db, TEST_SITE, "1A4060300012B7C000003003"))!;
    expect(vape.item).toMatchObject({ name: "Sour Diesel Vape 1g", category: "vape", unit: "Each" });
  });

  it("takes over status and lab state of a known package but keeps what the vault recorded", async () => {
    await applyToCatalog(
      ledger.db,
      TEST_SITE,
      [
        statePkg("1A4060300012B7C000003001", {
          status: "on-hold",
          labState: "TestFailed",
          quantity: 10,
          location: "Quarantine",
        }),
      ],
      AT,
    );
    expect((await findPackage(ledger.db, TEST_SITE, "1A4060300012B7C000003001"))!.pkg).toMatchObject({
      status: "on-hold",
      labState: "TestFailed",
      quantity: 7,
      location: "Vault B-2",
    });
  });

  it("keeps a package the vault quarantined in quarantine while METRC lists it active, and lets it finish", async () => {
    const label = "1A4060300012B7C000003001";
    await ledger.db.updateTable("packages").set({ status: "quarantine" }).where("label", "=", label).execute();
    await applyToCatalog(ledger.db, TEST_SITE, [statePkg(label, { status: "active", labState: "TestFailed" })], AT);
    expect((await findPackage(ledger.db, TEST_SITE, label))!.pkg).toMatchObject({
      status: "quarantine",
      labState: "TestFailed",
    });
    await applyToCatalog(
      ledger.db,
      TEST_SITE,
      [statePkg(label, { status: "inactive", finishedDate: "2026-11-28" })],
      AT,
    );
    expect((await findPackage(ledger.db, TEST_SITE, label))!.pkg.status).toBe("finished");
  });

  it("leaves BioTrack's 16-digit ids out of the catalog", async () => {
    expect(await applyToCatalog(ledger.db, TEST_SITE, [statePkg("7288034569537775")], AT)).toEqual({
      added: 0,
      updated: 0,
    });
    expect(await findPackage(ledger.db, TEST_SITE, "7288034569537775")).toBeUndefined();
  });
});
