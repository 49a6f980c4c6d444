import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { StationStatus } from "#contract/messages.js";
import { listAudit } from "#hub/ledger/audit.js";
import { recordStationStatus } from "#hub/ledger/stations.js";
import { openTestLedger, testDialects, type TestLedger } from "#hub/testing/ledger.js";

const base = StationStatus.parse(loadExample("state"));
const status = (at: string, signedIn: StationStatus["payload"]["signedIn"], online = true): StationStatus => ({
  ...base,
  at,
  payload: { ...base.payload, online, ...(signedIn === undefined ? { signedIn: undefined } : { signedIn }) },
});

describe.each(await testDialects())("kiosk sign-ins from station statuses, on %s", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
  });
  afterAll(async () => ledger?.dispose());

  it("records each sign-in and sign-out once, at the station's time; a station gone offline ends its sign-in", async () => {
    const heard = "2026-11-27T18:00:05.000Z";
    const dana = { employeeId: "emp-001", name: "Dana Reyes" };
    const sam = { employeeId: "emp-002", name: "Sam Ortiz" };
    await recordStationStatus(ledger.db, status("2026-11-27T18:00:00.000Z", dana), heard);
    await recordStationStatus(ledger.db, status("2026-11-27T18:01:00.000Z", dana), heard);
    await recordStationStatus(ledger.db, status("2026-11-27T18:02:00.000Z", sam), heard);
    await recordStationStatus(ledger.db, status("2026-11-27T18:03:00.000Z", undefined, false), heard);
    await recordStationStatus(ledger.db, status("2026-11-27T18:04:00.000Z", null), heard);
    await recordStationStatus(ledger.db, status("2026-11-27T18:05:00.000Z", dana), heard);
    expect((await listAudit(ledger.db)).map((e) => [e.at.slice(11, 16), e.actor, e.action, e.subject])).toEqual([
      ["18:00", "emp-001", "kiosk.signed-in", "vault-1"],
      ["18:02", "emp-001", "kiosk.signed-out", "vault-1"],
      ["18:02", "emp-002", "kiosk.signed-in", "vault-1"],
      ["18:03", "emp-002", "kiosk.signed-out", "vault-1"],
      ["18:05", "emp-001", "kiosk.signed-in", "vault-1"],
    ]);
  });
});
