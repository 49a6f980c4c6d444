import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "#contract/ids.js";
import { insertEvents, toEventRow } from "#hub/ledger/events.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import { openTestLedger, testDialects, TEST_SITE, type TestLedger } from "#hub/testing/ledger.js";
import { BULK, JAR, seedVaultOps } from "#hub/testing/vault-ops-kit.js";
import { closedDoorActions, doorSessions } from "./queries.js";

const SESSION = "01a21f73-5003-7047-b575-fa5b11f2f001";
const door = (at: string, open: boolean, extra: { heldOpenAlarm?: boolean; employeeId?: string } = {}) =>
  toEventRow(
    {
      id: newId(),
      type: "door",
      stationId: "vault-1",
      siteId: TEST_SITE,
      at,
      ...(extra.employeeId ? { employeeId: extra.employeeId } : {}),
      payload: {
        doorId: "vault-door",
        open,
        doorSessionId: SESSION,
        ...(extra.heldOpenAlarm ? { heldOpenAlarm: true } : {}),
      },
    },
    at,
  );

describe.each(await testDialects())("the vault door on the dashboard (%s)", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
    await seedVaultOps(ledger.db);
    await insertEvents(ledger.db, [
      door("2026-11-27T18:00:00.000Z", true, { employeeId: "emp-001" }),
      door("2026-11-27T18:02:00.000Z", true, { employeeId: "emp-001", heldOpenAlarm: true }),
      door("2026-11-27T18:05:00.000Z", false, { employeeId: "emp-001", heldOpenAlarm: true }),
    ]);
    const by = { actor: "emp-001", employeeId: "emp-001", stationId: "vault-1" };
    await recordPackageChanges(ledger.db, TEST_SITE, [
      { label: BULK, to: { location: "Vault A-3" }, at: "2026-11-27T18:01:00.000Z", why: "restock.pick", by },
      { label: JAR, to: { location: "Sales Floor" }, at: "2026-11-27T18:30:00.000Z", why: "restock.pick", by },
      {
        label: JAR,
        to: { quantity: 99 },
        at: "2026-11-27T18:31:00.000Z",
        why: "count",
        by,
        adjustment: { reason: "Entry Error" },
      },
      {
        label: BULK,
        to: { quantity: 440 },
        at: "2026-11-27T18:03:00.000Z",
        why: "count",
        by,
        adjustment: { reason: "Entry Error" },
      },
    ]);
  });
  afterAll(async () => ledger.dispose());

  it("keeps the door session from the stored events, with who was signed in and the held-open alarm", async () => {
    const [s] = await doorSessions(ledger.db, [TEST_SITE]);
    expect(s).toMatchObject({
      doorSessionId: SESSION,
      openedAt: "2026-11-27T18:00:00.000Z",
      closedAt: "2026-11-27T18:05:00.000Z",
      openedBy: "Dana Reyes",
      heldOpenAlarm: { at: "2026-11-27T18:02:00.000Z", signedIn: "Dana Reyes" },
    });
  });

  it("flags the movement and the adjustment a station recorded with the door closed, and only those", async () => {
    const flagged = await closedDoorActions(ledger.db, [TEST_SITE]);
    expect(flagged.map((a) => [a.kind, a.label, a.at])).toEqual([
      ["adjustment", JAR, "2026-11-27T18:31:00.000Z"],
      ["movement", JAR, "2026-11-27T18:30:00.000Z"],
    ]);
    expect(flagged[0]).toMatchObject({ employee: "Dana Reyes", what: "Entry Error: 100 → 99 Each" });
    expect(await closedDoorActions(ledger.db, ["elsewhere"])).toEqual([]);
  });
});
