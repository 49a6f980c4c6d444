import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commandSchemas } from "#contract/messages.js";
import { silentLog } from "#hub/log.js";
import { singleSite } from "#hub/sites/directory.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import {
  BULK,
  FAILED,
  FLOOR,
  P1,
  P2,
  P3,
  recordingStateSystem,
  seedVault,
  stationEvent,
} from "#hub/testing/restock-kit.js";
import { setMinimum } from "./low-stock.js";
import { createRestockService, type RestockService } from "./service.js";

const dialects = await testDialects();
const places = { floorLocation: "Sales Floor", quarantineLocation: "Quarantine" };

describe.each(dialects)("restock service (%s)", (dialect) => {
  let ledger: TestLedger;
  let service: RestockService;
  let sent: Array<{ topic: string; payload: string }>;
  let upserts: string[][];
  let ss: ReturnType<typeof recordingStateSystem>;
  beforeEach(async () => {
    ledger = await openTestLedger(dialect);
    await seedVault(ledger.db);
    await ledger.db
      .insertInto("stations")
      .values({ id: "vault-1", site_id: TEST_SITE, online: 1, last_seen: new Date().toISOString(), status: "{}" })
      .execute();
    sent = [];
    upserts = [];
    ss = recordingStateSystem();
    service = createRestockService({
      db: ledger.db,
      log: silentLog(),
      clock: { now: () => Date.parse("2026-11-27T12:00:00Z") },
      sites: singleSite(),
      places,
      stationSync: { publishCatalogChange: async (c) => void upserts.push((c.packages ?? []).map((p) => p.label)) },
      publish: async (topic, payload) => void sent.push({ topic, payload }),
      stateSystem: ss.forSite,
    });
  });
  afterEach(() => ledger.dispose());

  const lastCommand = () => {
    const last = sent.filter((s) => s.topic.endsWith("/cmd/restock")).at(-1);
    return last ? commandSchemas.restock.parse(JSON.parse(last.payload)).payload.requests : [];
  };

  it("answers a dashboard request with a FEFO/FIFO pick list from the vault, sent to the stations", async () => {
    const out = await service.ask(TEST_SITE, {
      id: "r-1",
      origin: "dashboard",
      by: "e-manager",
      lines: [{ itemId: "item-bd35", quantity: 15 }],
    });
    expect(out).toEqual({ ok: true, id: "r-1" });
    const [req] = lastCommand();
    // Soonest expiry first; of the two expiring 2027-01-03 the older packaged one; never the floor's or the failed lab's.
    expect(req!.lines[0]!.picks.map((p) => [p.label, p.location])).toEqual([
      [P3, "Vault A-2"],
      [P2, "Vault B-2"],
    ]);
    expect(req!.lines[0]!.picks.map((p) => p.label)).not.toContain(FAILED);
    expect(req!.lines[0]!.picks.map((p) => p.label)).not.toContain(FLOOR);
  });

  it("refuses an item the catalog does not hold, writing nothing", async () => {
    const out = await service.ask(TEST_SITE, {
      id: "r-x",
      origin: "dashboard",
      by: "e",
      lines: [{ itemId: "nope", quantity: 1 }],
    });
    expect(out).toEqual({ ok: false, reason: "no item nope in this store's catalog" });
    expect(await ledger.db.selectFrom("restock_requests").selectAll().execute()).toEqual([]);
  });

  it("gives a younger request none of an older one's packages", async () => {
    await service.ask(TEST_SITE, {
      id: "r-1",
      origin: "dashboard",
      by: "e",
      lines: [{ itemId: "item-bd35", quantity: 10 }],
    });
    await service.ask(TEST_SITE, {
      id: "r-2",
      origin: "dashboard",
      by: "e",
      lines: [{ itemId: "item-bd35", quantity: 30 }],
    });
    const [one, two] = lastCommand();
    expect(one!.lines[0]!.picks.map((p) => p.label)).toEqual([P3]);
    expect(two!.lines[0]!.picks.map((p) => p.label)).toEqual([P2, P1]);
    expect(two!.lines[0]!.short).toBe(10);
  });

  it("moves a picked package to the floor through the ledger, once, and queues the location change", async () => {
    service.eventsStored([
      stationEvent("restock", { action: "request", requestId: "r-k", lines: [{ itemId: "item-bd35", quantity: 10 }] }),
    ]);
    await service.settled();
    const pick = stationEvent(
      "restock",
      {
        action: "pick",
        requestId: "r-k",
        label: P2,
        itemId: "item-bd35",
        fromLocation: "Vault B-2",
        toLocation: "Sales Floor",
        quantity: 10,
        unit: "Each",
        override: { reason: "first-damaged", expectedLabel: P3 },
      },
      { at: "2026-11-27T12:00:00.000Z" },
    );
    service.eventsStored([pick, pick]);
    await service.settled();
    const moves = await ledger.db.selectFrom("movements").selectAll().where("reason", "=", "restock.pick").execute();
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({
      label: P2,
      from_location: "Vault B-2",
      to_location: "Sales Floor",
      source_kind: "restock",
      source_ref: "r-k",
      employee_id: "emp-001",
    });
    const audit = await ledger.db
      .selectFrom("audit_entries")
      .selectAll()
      .where("seq", "=", moves[0]!.audit_seq)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("restock.picked");
    expect(JSON.parse(audit.detail)).toMatchObject({ override: { reason: "first-damaged", expectedLabel: P3 } });
    expect(ss.writes).toEqual([
      { write: { kind: "location-move", label: P2, location: "Sales Floor", date: "2026-11-27" }, by: "emp-001" },
    ]);
    expect(upserts).toContainEqual([P2]);
    // Covered: the request asks for nothing more.
    expect(lastCommand()[0]!.lines[0]!.picks).toEqual([]);
  });

  it("keeps a pick of a quarantined package out of the ledger, with an audit entry saying why", async () => {
    await service.ask(TEST_SITE, {
      id: "r-q",
      origin: "dashboard",
      by: "e",
      lines: [{ itemId: "item-bd35", quantity: 10 }],
    });
    await ledger.db.updateTable("packages").set({ status: "quarantine" }).where("label", "=", P1).execute();
    service.eventsStored([
      stationEvent("restock", {
        action: "pick",
        requestId: "r-q",
        label: P1,
        itemId: "item-bd35",
        fromLocation: "Vault A-1",
        toLocation: "Sales Floor",
        quantity: 10,
        unit: "Each",
      }),
    ]);
    await service.settled();
    expect(await ledger.db.selectFrom("movements").selectAll().where("reason", "=", "restock.pick").execute()).toEqual(
      [],
    );
    const refused = await ledger.db
      .selectFrom("audit_entries")
      .selectAll()
      .where("action", "=", "restock.pick.refused")
      .execute();
    expect(JSON.parse(refused[0]!.detail).reason).toContain("quarantine");
    expect(ss.writes).toEqual([]);
  });

  it("closes a completed request: the stations' list no longer holds it", async () => {
    await service.ask(TEST_SITE, {
      id: "r-c",
      origin: "dashboard",
      by: "e",
      lines: [{ itemId: "item-ogk", quantity: 100 }],
    });
    expect(lastCommand().map((r) => r.requestId)).toEqual(["r-c"]);
    expect(lastCommand()[0]!.lines[0]!.picks.map((p) => p.label)).toEqual([BULK]);
    service.eventsStored([stationEvent("restock", { action: "completed", requestId: "r-c", picked: [] })]);
    await service.settled();
    expect(lastCommand()).toEqual([]);
    expect((await ledger.db.selectFrom("restock_requests").select("status").executeTakeFirstOrThrow()).status).toBe(
      "completed",
    );
  });

  it("raises a low-stock request once when the floor falls under an item's minimum", async () => {
    expect(
      await setMinimum(ledger.db, TEST_SITE, { itemId: "item-bd35", minimum: 6, by: "e", at: "2026-11-27T11:00:00Z" }),
    ).toEqual({ ok: true });
    await service.pass(TEST_SITE);
    await service.pass(TEST_SITE);
    const reqs = lastCommand();
    expect(reqs).toHaveLength(1);
    // 4 on the floor under 6: restock up to 12 (twice the minimum).
    expect(reqs[0]).toMatchObject({
      origin: "low-stock",
      requestedBy: "low stock",
      lines: [{ itemId: "item-bd35", quantity: 8 }],
    });
  });

  it("counts POS sales since the package last changed against the floor", async () => {
    await setMinimum(ledger.db, TEST_SITE, {
      itemId: "item-bd35",
      minimum: 2,
      refillTo: 4,
      by: "e",
      at: "2026-11-27T11:00:00Z",
    });
    await service.pass(TEST_SITE);
    expect(lastCommand()).toEqual([]);
    await ledger.db
      .insertInto("pos_sales")
      .values({
        source: "csv",
        receipt_id: "R1",
        line_id: "1",
        site_id: TEST_SITE,
        completed_at: "2026-11-27T11:30:00.000Z",
        business_day: "2026-11-27",
        package_label: FLOOR,
        sku: null,
        quantity: 3,
        unit: "Each",
        total: 90,
        voided: 0,
        return_of: null,
        attributed: 0,
        import_id: "imp-1",
        row_number: 2,
      })
      .execute();
    await service.pass(TEST_SITE);
    expect(lastCommand()[0]).toMatchObject({ origin: "low-stock", lines: [{ quantity: 3 }] });
  });
});
