import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas, StationStatus, type StationEvent } from "#contract/messages.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { countDeadLetters, insertDeadLetters, latestDeadLetters, toDeadLetterRow } from "./dead-letters.js";
import { countEvents, eventCountForDisplay, insertEvents, labelOf, packageHistory, toEventRow } from "./events.js";
import { findPackage, itemNamesByLabel, loadCatalog, upsertItems, upsertPackages } from "./catalog.js";
import { listEmployees, upsertEmployees } from "./employees.js";
import { listStations, markSilentStationsOffline, recordStationStatus, touchStations } from "./stations.js";

const TAG = "1A4060300002199000003445";
const scanExample = eventSchemas.scan.parse(loadExample("scan"));

function scanAt(at: string, code = TAG): StationEvent<"scan"> {
  return {
    ...scanExample,
    id: newId(),
    at,
    payload: { ...scanExample.payload, code, classification: { kind: "metrc-tag", tag: code, form: "strict" } },
  };
}

const item = {
  id: "item-1",
  name: "Blue Dream 3.5 g",
  category: "flower" as const,
  unit: "Each" as const,
  weightBased: false,
};
const pkg = {
  label: TAG,
  itemId: "item-1",
  quantity: 12.5,
  unit: "Each" as const,
  location: "vault-a1",
  status: "active" as const,
  labState: "TestPassed" as const,
  packagedDate: "2026-10-01",
};

describe.each(await testDialects())("ledger on %s", (dialect) => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await openTestLedger(dialect);
  });
  afterAll(async () => {
    await ledger?.dispose();
  });

  it("stores each event id once and reports how many were new", async () => {
    const a = scanAt("2026-11-27T10:00:00.000Z");
    const b = scanAt("2026-11-27T09:00:00.000Z");
    const now = new Date().toISOString();
    expect(await insertEvents(ledger.db, [toEventRow(a, now), toEventRow(b, now)])).toEqual([a.id, b.id]);
    const c = scanAt("2026-11-27T11:00:00.000Z", "1A4060300002199000000777");
    expect(await insertEvents(ledger.db, [toEventRow(a, now), toEventRow(c, now)])).toEqual([c.id]);
    expect(await countEvents(ledger.db)).toBe(3);
    expect(await eventCountForDisplay(ledger.db)).toBe(3);
  });

  it("returns a label's history oldest first with the payload parsed", async () => {
    const history = await packageHistory(ledger.db, TAG);
    expect(history.map((h) => h.at)).toEqual(["2026-11-27T09:00:00.000Z", "2026-11-27T10:00:00.000Z"]);
    expect(history[0]?.payload).toMatchObject({ code: TAG, workflow: "lookup" });
    expect(await packageHistory(ledger.db, "1A4060300002199000009999")).toEqual([]);
  });

  it("inserts batches larger than one statement", async () => {
    const at = "2026-11-26T00:00:00.000Z";
    const rows = Array.from({ length: 1_234 }, () => toEventRow(scanAt(at, "1A4060300002199000000001"), at));
    expect((await insertEvents(ledger.db, rows)).length).toBe(1_234);
    expect((await packageHistory(ledger.db, "1A4060300002199000000001")).length).toBe(1_234);
  });

  it("keeps dead letters with topic and reason, newest first", async () => {
    const t1 = "2026-11-27T10:00:00.000Z";
    const t2 = "2026-11-27T10:00:01.000Z";
    await insertDeadLetters(ledger.db, [
      toDeadLetterRow("vault/v1/station/vault-1/event/scan", "not JSON", Buffer.from("{oops"), t1),
      toDeadLetterRow("vault/v1/station/vault-1/event/zap", "unknown event type", "{}", t2),
    ]);
    expect(await countDeadLetters(ledger.db)).toBe(2);
    const latest = await latestDeadLetters(ledger.db, 1);
    expect(latest).toEqual([expect.objectContaining({ reason: "unknown event type", payload: "{}" })]);
  });

  it("upserts items and packages and reads them back in contract shape", async () => {
    await upsertItems(ledger.db, TEST_SITE, [item], "2026-11-27T00:00:00.000Z");
    await upsertPackages(ledger.db, TEST_SITE, [pkg], "2026-11-27T00:00:00.000Z");
    await upsertPackages(ledger.db, TEST_SITE, [{ ...pkg, quantity: 11.25, batch: "B-7" }], "2026-11-27T01:00:00.000Z");
    const found = await findPackage(ledger.db, TEST_SITE, TAG);
    expect(found).toEqual({ pkg: { ...pkg, quantity: 11.25, batch: "B-7" }, item });
    expect(await findPackage(ledger.db, TEST_SITE, "1A4060300002199000009999")).toBeUndefined();
    expect(await itemNamesByLabel(ledger.db, TEST_SITE, [TAG, TAG, "X"])).toEqual(new Map([[TAG, item.name]]));
    expect(await loadCatalog(ledger.db, TEST_SITE)).toEqual({
      items: [item],
      packages: [{ ...pkg, quantity: 11.25, batch: "B-7" }],
    });
  });

  it("upserts employees with their active flag", async () => {
    const emp = {
      id: "emp-1",
      name: "Dana Reyes",
      role: "coordinator" as const,
      badge: "EMP-0001",
      pinHash: "scrypt$x",
      active: true,
    };
    await upsertEmployees(ledger.db, [emp]);
    await upsertEmployees(ledger.db, [{ ...emp, active: false }]);
    expect(await listEmployees(ledger.db)).toEqual([{ ...emp, active: false }]);
  });

  it("tracks station status, events heard, and silence", async () => {
    const status = StationStatus.parse(loadExample("state"));
    const first = await recordStationStatus(ledger.db, status, "2026-11-27T10:00:00.000Z");
    expect(first).toEqual({ wasOnline: false, previousStartedAt: undefined });
    const again = await recordStationStatus(ledger.db, status, "2026-11-27T10:00:05.000Z");
    expect(again).toEqual({ wasOnline: true, previousStartedAt: status.payload.startedAt });
    await touchStations(ledger.db, new Map([["vault-2", "site-b"]]), "2026-11-27T10:01:00.000Z");
    expect(await markSilentStationsOffline(ledger.db, "2026-11-27T10:00:30.000Z")).toEqual(["vault-1"]);
    const stations = await listStations(ledger.db);
    expect(stations.map((s) => [s.id, s.online, s.lastSeen])).toEqual([
      ["vault-1", false, "2026-11-27T10:00:05.000Z"],
      ["vault-2", true, "2026-11-27T10:01:00.000Z"],
    ]);
    expect(stations[0]?.status.outboxDepth).toBe(0);
    await touchStations(ledger.db, new Map([["vault-1", "green-leaf-oakland"]]), "2026-11-27T10:02:00.000Z");
    expect((await listStations(ledger.db))[0]).toMatchObject({
      id: "vault-1",
      online: true,
      lastSeen: "2026-11-27T10:02:00.000Z",
    });
  });

  it("labels events by the tag they are about", () => {
    expect(labelOf(scanAt("2026-11-27T10:00:00.000Z"))).toBe(TAG);
    const door = eventSchemas.door.parse(loadExample("door"));
    expect(labelOf(door)).toBeNull();
    const decision = eventSchemas.receive.parse(loadExample("receive"));
    expect(labelOf(decision)).toBe("1A4060300012B7C000009001");
    const refusal = {
      ...decision,
      payload: {
        action: "rejected-manifest" as const,
        manifestNumber: "0000012345",
        receivingId: "r-1",
        reason: "wrong shipper",
      },
    };
    expect(labelOf(refusal)).toBeNull();
  });
});
