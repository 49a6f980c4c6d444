import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { StationStatus } from "#contract/messages.js";
import { recordStationStatus } from "#hub/ledger/stations.js";
import { findPackage } from "#hub/ledger/catalog.js";
import { seedLedger } from "#hub/ledger/seed.js";
import { silentLog } from "#hub/log.js";
import {
  ONE_PACKAGE,
  openTestLedger,
  testDialects,
  type TestLedger,
  TEST_SITE,
  TEST_TAG as TAG,
} from "#hub/testing/ledger.js";
import { createStationSync, type StationSync } from "./station-sync.js";
import { singleSite } from "#hub/sites/directory.js";

const pkg = ONE_PACKAGE.packages[0]!;

describe.each(await testDialects())(
  "catalog changes from the hub to the stations go through the ledger (%s)",
  (dialect) => {
    let ledger: TestLedger;
    let sync: StationSync;
    let sent: string[];
    beforeEach(async () => {
      ledger = await openTestLedger(dialect);
      await seedLedger(ledger.db, TEST_SITE, ONE_PACKAGE);
      await recordStationStatus(ledger.db, StationStatus.parse(loadExample("state")), "2026-11-27T17:59:00.000Z");
      sent = [];
      sync = createStationSync({
        db: ledger.db,
        sites: singleSite(),
        log: silentLog(),
        clock: { now: () => Date.parse("2026-11-27T18:00:00.000Z") },
        publish: async (topic) => void sent.push(topic),
      });
    });
    afterEach(async () => ledger.dispose());

    it("records a move with who and why", async () => {
      await sync.applyCatalogChange({
        site: TEST_SITE,
        packages: [{ ...pkg, location: "Sales floor" }],
        by: { actor: "emp-002", employeeId: "emp-002" },
        why: "restock",
      });
      const [m] = await ledger.db.selectFrom("movements").selectAll().execute();
      expect(m).toMatchObject({
        label: TAG,
        from_location: "Vault A-1",
        to_location: "Sales floor",
        reason: "restock",
        actor: "emp-002",
        source_kind: "catalog",
        at: "2026-11-27T18:00:00.000Z",
      });
    });

    it("refuses a quantity change without the state system's reason, writing and sending nothing; takes it with one", async () => {
      await expect(
        sync.applyCatalogChange({ site: TEST_SITE, packages: [{ ...pkg, quantity: 3 }] }),
      ).rejects.toMatchObject({ code: "LEDGER_REFUSED" });
      expect(Number((await findPackage(ledger.db, TEST_SITE, TAG))!.pkg.quantity)).toBe(4);
      expect(sent).toEqual([]);
      await sync.applyCatalogChange({
        site: TEST_SITE,
        packages: [{ ...pkg, quantity: 3 }],
        adjustment: { reason: "Theft", note: "case 2026-118" },
      });
      const [a] = await ledger.db.selectFrom("adjustments").selectAll().execute();
      expect(a).toMatchObject({ reason: "Theft", note: "case 2026-118", actor: "system" });
      expect(sent).toEqual(["vault/v1/station/vault-1/cmd/catalog"]);
    });
  },
);
