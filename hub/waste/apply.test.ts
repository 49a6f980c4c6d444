import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { findPackage } from "#hub/ledger/catalog.js";
import { openTestLedger, testDialects, TEST_SITE, type TestLedger } from "#hub/testing/ledger.js";
import { BULK, DOOR, JAR, seedVaultOps, vaultOpsDeps, wasteEvent } from "#hub/testing/vault-ops-kit.js";
import { applyWaste } from "./apply.js";
import { listWastes } from "./queries.js";

describe.each(await testDialects())("waste on the hub (%s)", (dialect) => {
  let ledger: TestLedger;
  let deps: ReturnType<typeof vaultOpsDeps>;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedVaultOps(ledger.db);
    deps = vaultOpsDeps(ledger.db);
  });
  afterAll(async () => ledger.dispose());

  it("records a witnessed waste as an adjustment with its door session and queues the state system's adjustment", async () => {
    const e = wasteEvent();
    expect(await applyWaste(deps, TEST_SITE, e)).toBe("recorded");
    expect((await findPackage(ledger.db, TEST_SITE, BULK))?.pkg.quantity).toBeCloseTo(444.6, 6);
    const adj = await ledger.db.selectFrom("adjustments").selectAll().where("label", "=", BULK).execute();
    expect(adj).toEqual([
      expect.objectContaining({
        reason: "Waste (Unusable Product)",
        source_kind: "waste",
        source_ref: e.payload.wasteId,
        employee_id: "emp-001",
      }),
    ]);
    const [sub] = await ledger.db.selectFrom("ss_submissions").selectAll().where("kind", "=", "adjustment").execute();
    expect(JSON.parse(sub!.payload)).toEqual({
      kind: "adjustment",
      label: BULK,
      quantity: -3.4,
      unit: "Grams",
      reason: "Waste (Unusable Product)",
      date: "2026-11-27",
      note: "Mould on the top buds; Waste weight 3.40 g; method Grinder; witnessed by Jordan Park",
    });
    expect(deps.nudges()).toBe(1);
    const [row] = await listWastes(ledger.db, [TEST_SITE]);
    expect(row).toMatchObject({
      label: BULK,
      witness: "Jordan Park",
      employee: "Dana Reyes",
      doorSessionId: DOOR,
      state: "recorded",
      submission: "pending",
    });
    const audit = await listAudit(ledger.db);
    expect(audit.at(-1)).toMatchObject({ action: "waste.recorded", actor: "emp-001" });
    expect(deps.published).toHaveLength(1);
  });

  it("applies one waste event once", async () => {
    const e = wasteEvent({
      label: JAR,
      quantity: 2,
      unit: "Each",
      reason: "Entry Error",
      note: undefined,
      wasteMethod: undefined,
    });
    expect(await applyWaste(deps, TEST_SITE, e)).toBe("recorded");
    expect(await applyWaste(deps, TEST_SITE, e)).toBe("known");
    expect((await findPackage(ledger.db, TEST_SITE, JAR))?.pkg.quantity).toBe(98);
  });

  it.each([
    ["the witness is the one who wasted it", { witnessId: "emp-001" }, "a second employee must witness"],
    ["an unknown witness", { witnessId: "emp-999" }, "not an active employee"],
    ["more than the package holds", { quantity: 5000 }, "more than package"],
    [
      "a reason the state does not list",
      { reason: "Lost in the couch" },
      "is not one of the state system's adjustment reasons",
    ],
    ["no note where the reason needs one", { note: undefined }, "needs a note"],
    ["no method where the state needs the waste weight", { wasteMethod: undefined }, "waste's weight and method"],
  ])("refuses %s, keeps the refusal and changes nothing", async (_what, over, why) => {
    const before = (await findPackage(ledger.db, TEST_SITE, BULK))!.pkg.quantity;
    const e = wasteEvent(over);
    expect(await applyWaste(deps, TEST_SITE, e)).toBe("refused");
    expect((await findPackage(ledger.db, TEST_SITE, BULK))!.pkg.quantity).toBe(before);
    const row = (await listWastes(ledger.db, [TEST_SITE])).find((w) => w.id === e.payload.wasteId);
    expect(row).toMatchObject({ state: "refused", refusal: expect.stringContaining(why), submission: null });
    expect((await listAudit(ledger.db)).at(-1)).toMatchObject({ action: "waste.refused" });
  });
});
