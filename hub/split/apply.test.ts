import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPackage } from "#hub/ledger/catalog.js";
import { openTestLedger, testDialects, TEST_SITE, type TestLedger } from "#hub/testing/ledger.js";
import { BULK, FRESH, seedVaultOps, splitEvent, vaultOpsDeps } from "#hub/testing/vault-ops-kit.js";
import { applySplit } from "./apply.js";
import { listSplits } from "./queries.js";

describe.each(await testDialects())("package splits on the hub (%s)", (dialect) => {
  let ledger: TestLedger;
  let deps: ReturnType<typeof vaultOpsDeps>;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedVaultOps(ledger.db);
    deps = vaultOpsDeps(ledger.db);
  });
  afterAll(async () => ledger.dispose());

  const submissions = () => ledger.db.selectFrom("ss_submissions").selectAll().orderBy("id").execute();

  it("refuses a split that does not add up, a used tag, and a difference with no note, changing nothing", async () => {
    const cases = [
      [
        splitEvent({ sourceRemaining: 370, difference: { quantity: 3, kind: "adjustment", reason: "Entry Error" } }),
        "does not add up",
      ],
      [splitEvent({ packages: [{ label: BULK, quantity: 70, method: "weight" }] }), "source's own tag"],
      [
        splitEvent({ sourceRemaining: 375, difference: { quantity: 3, kind: "adjustment", reason: "Scale Variance" } }),
        "needs a note",
      ],
    ] as const;
    for (const [e, why] of cases) {
      expect(await applySplit(deps, TEST_SITE, e)).toBe("refused");
      const row = (await listSplits(ledger.db, [TEST_SITE])).find((s) => s.id === e.payload.splitId);
      expect(row).toMatchObject({ state: "refused", refusal: expect.stringContaining(why) });
    }
    expect((await findPackage(ledger.db, TEST_SITE, BULK))?.pkg.quantity).toBe(448);
    expect(await findPackage(ledger.db, TEST_SITE, FRESH[0])).toBeUndefined();
    expect(await submissions()).toEqual([]);
  });

  it("makes three new packages of the source's item, takes them out of the source and queues the creation", async () => {
    const e = splitEvent();
    expect(await applySplit(deps, TEST_SITE, e)).toBe("recorded");
    expect((await findPackage(ledger.db, TEST_SITE, BULK))?.pkg.quantity).toBe(378);
    const made = await findPackage(ledger.db, TEST_SITE, FRESH[2]);
    expect(made?.pkg).toMatchObject({
      itemId: "item-ogk",
      quantity: 14,
      unit: "Grams",
      location: "Vault A-2",
      status: "active",
      labState: "TestPassed",
      packagedDate: "2026-11-27",
    });
    const moves = await ledger.db.selectFrom("movements").selectAll().where("source_kind", "=", "split").execute();
    expect(moves.map((m) => m.label).sort()).toEqual([...FRESH].sort());
    expect(moves.every((m) => m.door_session_id === e.payload.doorSessionId && m.employee_id === "emp-001")).toBe(true);
    const [create] = await submissions();
    expect(JSON.parse(create!.payload)).toEqual({
      kind: "package-create",
      label: BULK,
      itemName: "OG Kush Bulk",
      location: "Vault A-2",
      date: "2026-11-27",
      packages: [
        { label: FRESH[0], quantity: 28, unit: "Grams" },
        { label: FRESH[1], quantity: 28, unit: "Grams" },
        { label: FRESH[2], quantity: 14, unit: "Grams" },
      ],
    });
    expect(await applySplit(deps, TEST_SITE, e)).toBe("known");
    expect(await submissions()).toHaveLength(1);
  });

  it("records a difference beyond the tolerance as its own adjustment and queues it after the creation", async () => {
    const tags = ["1A4060300012B7C000009201", "1A4060300012B7C000009202"];
    const e = splitEvent({
      sourceBefore: 378,
      sourceRemaining: 320,
      packages: tags.map((label) => ({ label, quantity: 28, method: "weight" as const })),
      difference: { quantity: 2, kind: "waste", reason: "Waste (Unusable Product)", note: "stems" },
    });
    expect(await applySplit(deps, TEST_SITE, e)).toBe("recorded");
    expect((await findPackage(ledger.db, TEST_SITE, BULK))?.pkg.quantity).toBe(320);
    const adj = await ledger.db.selectFrom("adjustments").selectAll().where("label", "=", BULK).orderBy("id").execute();
    expect(adj.at(-1)).toMatchObject({
      reason: "Waste (Unusable Product)",
      source_kind: "waste",
      quantity_after: 320,
      quantity_before: 322,
    });
    const subs = await submissions();
    expect(subs.map((s) => s.kind)).toEqual(["package-create", "package-create", "adjustment"]);
    expect(JSON.parse(subs[2]!.payload)).toMatchObject({
      label: BULK,
      quantity: -2,
      reason: "Waste (Unusable Product)",
      note: "stems",
    });
    const [row] = await listSplits(ledger.db, [TEST_SITE]);
    expect(row).toMatchObject({ state: "recorded", creation: "pending", difference: { kind: "waste", quantity: 2 } });
  });
});
