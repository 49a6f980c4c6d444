import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { commandSchemas } from "#contract/messages.js";
import type { CatalogChange } from "#hub/ingest/station-sync.js";
import { silentLog } from "#hub/log.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import type { LabResult } from "#hub/statesystem/port.js";
import { createReceivingService, type ReceivingService } from "./service.js";
import {
  decision,
  MANIFEST,
  receiveEvent,
  seedItems,
  seedTransfer,
  T_BULK,
  T_FAIL,
  T_NOLAB,
  T_PASS,
} from "#hub/testing/receiving-kit.js";
import { singleSite } from "#hub/sites/directory.js";

const dialects = await testDialects();

interface Sent {
  topic: string;
  manifests: string[];
  labStates: Record<string, string>;
}

describe.each(dialects)("receiving service (%s)", (dialect) => {
  let ledger: TestLedger;
  let sent: Sent[];
  let catalog: CatalogChange[];
  let labCalls: string[];
  let now: number;
  let svc: ReceivingService;

  const labResults = async (stateId: string, label: string): Promise<LabResult[]> => {
    labCalls.push(label);
    if (label === T_NOLAB) throw new Error("METRC answered 503");
    const passed = label !== T_FAIL;
    return [
      {
        resultId: `lr-${stateId}`,
        packageStateId: stateId,
        label,
        testType: "THC",
        testPassed: passed,
        overallPassed: passed,
        performedDate: "2026-11-02",
        level: 20,
        documentFileId: `doc-${stateId}`,
      },
    ];
  };

  beforeEach(async () => {
    await ledger?.dispose();
    ledger = await openTestLedger(dialect);
    await seedItems(ledger.db);
    await seedTransfer(ledger.db);
    await ledger.db
      .insertInto("stations")
      .values([
        { id: "vault-1", site_id: "site-1", online: 1, last_seen: "2026-11-27T10:00:00Z", status: "{}" },
        { id: "vault-2", site_id: "site-1", online: 0, last_seen: "2026-11-27T09:00:00Z", status: "{}" },
      ])
      .execute();
    sent = [];
    catalog = [];
    labCalls = [];
    now = Date.parse("2026-11-27T10:00:00Z");
    svc = createReceivingService({
      db: ledger.db,
      log: silentLog(),
      clock: { now: () => now },
      stationSync: { publishCatalogChange: async (c) => void catalog.push(c) },
      publish: async (topic, payload) => {
        const cmd = commandSchemas.manifests.parse(JSON.parse(payload));
        sent.push({
          topic,
          manifests: cmd.payload.manifests.map((m) => m.manifestNumber),
          labStates: Object.fromEntries(
            cmd.payload.manifests.flatMap((m) => m.lines.map((l) => [l.label, l.labState])),
          ),
        });
      },
      sites: singleSite(),
      labSource: () => ({ labResults }),
      documentUrl: (id) => `/receiving/coa/${id}`,
      stillShippedAfterMs: 86_400_000,
    });
  });
  afterAll(async () => ledger.dispose());

  it("reads lab results of incoming packages, then offers the manifest to the online stations only when it changed", async () => {
    await svc.pass();
    expect(labCalls).toEqual([T_PASS, T_BULK, T_FAIL, T_NOLAB]);
    expect(sent).toEqual([
      {
        topic: "vault/v1/station/vault-1/cmd/manifests",
        manifests: [MANIFEST],
        labStates: {
          [T_BULK]: "TestPassed",
          [T_PASS]: "TestPassed",
          [T_FAIL]: "TestFailed",
          [T_NOLAB]: "NotSubmitted",
        },
      },
    ]);
    // A failed read is tried again on the next pass; an unchanged list is not sent again.
    labCalls = [];
    await svc.pass();
    expect(labCalls).toEqual([T_NOLAB]);
    await svc.pass();
    expect(sent).toHaveLength(1);
    svc.stationOnline("vault-2");
    await svc.settled();
    expect(sent.map((s) => s.topic)).toEqual([
      "vault/v1/station/vault-1/cmd/manifests",
      "vault/v1/station/vault-2/cmd/manifests",
    ]);
  });

  it("records stored receive events, publishes the changed packages, and withdraws the manifest once completed", async () => {
    await svc.pass();
    svc.eventsStored([
      receiveEvent({ action: "line", manifestNumber: MANIFEST, receivingId: "r1", line: decision(T_PASS) }),
    ]);
    await svc.settled();
    expect(catalog).toEqual([
      {
        site: TEST_SITE,
        items: [],
        packages: [expect.objectContaining({ label: T_PASS, status: "active", location: "Vault A-1" })],
      },
    ]);
    svc.eventsStored([
      receiveEvent({ action: "completed", manifestNumber: MANIFEST, receivingId: "r1", lines: [decision(T_PASS)] }),
    ]);
    await svc.settled();
    expect(sent.at(-1)).toMatchObject({ topic: "vault/v1/station/vault-1/cmd/manifests", manifests: [] });
  });

  it("applies receive events stored while it was not running", async () => {
    const e = receiveEvent({ action: "line", manifestNumber: MANIFEST, receivingId: "r1", line: decision(T_PASS) });
    await ledger.db
      .insertInto("events")
      .values({
        id: e.id,
        type: "receive",
        station_id: e.stationId,
        site_id: e.siteId,
        at: e.at,
        employee_id: e.employeeId ?? null,
        label: null,
        payload: JSON.stringify(e.payload),
        received_at: e.at,
      })
      .execute();
    expect(await svc.catchUp()).toBe(1);
    expect(await svc.catchUp()).toBe(0);
    expect(await ledger.db.selectFrom("receiving_lines").select("label").execute()).toEqual([{ label: T_PASS }]);
  });
});
