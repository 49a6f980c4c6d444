import { describe, expect, it } from "vitest";
import { upsertItems } from "#hub/ledger/catalog.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import { capturingLog } from "#hub/testing/auth-kit.js";
import { openTestLedger } from "#hub/testing/ledger.js";
import { twoSites } from "#hub/testing/sites-kit.js";
import { singleSite } from "./directory.js";
import { unservedSites, warnOfUnservedSites } from "./unserved.js";

describe("rows of sites the hub does not serve", () => {
  it("are named at start, so that a changed default site does not hide the older rows silently", async () => {
    const ledger = await openTestLedger("sqlite");
    try {
      await upsertItems(
        ledger.db,
        "default",
        [{ id: "item-1", name: "Blue Dream 3.5g", category: "flower", unit: "Each", weightBased: false }],
        "2026-11-01T00:00:00.000Z",
      );
      await recordPackageChanges(ledger.db, "default", [
        {
          label: "1A4060300012B7C000003001",
          at: "2026-11-01T00:00:00.000Z",
          why: "seed",
          by: { actor: "system" },
          to: {
            itemId: "item-1",
            quantity: 1,
            unit: "Each",
            location: "Vault A-1",
            status: "active",
            labState: "TestPassed",
            packagedDate: "2026-11-01",
          },
        },
      ]);
      expect(await unservedSites(ledger.db, singleSite())).toEqual([]);
      expect(await unservedSites(ledger.db, twoSites())).toEqual(["default"]);
      const { log, lines } = capturingLog();
      await warnOfUnservedSites(ledger.db, twoSites(), log);
      expect(lines.join("")).toMatch(
        /sites this hub does not serve.*"unserved":\["default"\]|"unserved":\["default"\].*sites this hub does not serve/,
      );
    } finally {
      await ledger.dispose();
    }
  });
});
