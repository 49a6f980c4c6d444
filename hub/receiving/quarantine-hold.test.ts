import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { applyReceiveEvent } from "./decisions.js";
import { holdRejectedInQuarantine } from "./quarantine-hold.js";
import {
  decision,
  MANIFEST,
  receiveEvent,
  seedItems,
  seedLabs,
  seedTransfer,
  T_FAIL,
  T_PASS,
} from "#hub/testing/receiving-kit.js";

const dialects = await testDialects();

describe.each(dialects)("packages rejected at the vault (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedItems(ledger.db);
    await seedLabs(ledger.db);
    await seedTransfer(ledger.db);
  });
  afterAll(async () => ledger.dispose());

  it("stay in quarantine when a sync takes over METRC's active status; accepted ones are left alone", async () => {
    const db = ledger.db;
    await applyReceiveEvent(
      db,
      TEST_SITE,
      receiveEvent({
        action: "completed",
        manifestNumber: MANIFEST,
        receivingId: "r1",
        lines: [
          decision(T_PASS, { location: "Vault A-2" }),
          decision(T_FAIL, { decision: "reject", reason: "failed-lab", receivedQuantity: 24, location: "Quarantine" }),
        ],
      }),
      "2026-11-27T10:30:00Z",
    );
    // What the catalog bridge does when METRC lists both packages as active.
    await db.updateTable("packages").set({ status: "active" }).where("label", "in", [T_PASS, T_FAIL]).execute();
    const held = await holdRejectedInQuarantine(db, TEST_SITE, "2026-11-27T12:00:00.000Z");
    expect(held).toEqual([
      expect.objectContaining({ label: T_FAIL, status: "quarantine", location: "Quarantine", quantity: 24 }),
    ]);
    const rows = await db
      .selectFrom("packages")
      .select(["label", "status"])
      .where("label", "in", [T_PASS, T_FAIL])
      .orderBy("label")
      .execute();
    expect(rows).toEqual([
      { label: T_PASS, status: "active" },
      { label: T_FAIL, status: "quarantine" },
    ]);
    expect((await listAudit(ledger.db)).at(-1)).toMatchObject({
      action: "receiving.quarantine.kept",
      subject: `package ${T_FAIL}`,
      detail: { statusFromStateSystem: "active" },
    });
    expect(await holdRejectedInQuarantine(db, TEST_SITE, "2026-11-27T12:05:00.000Z")).toEqual([]);
  });
});
