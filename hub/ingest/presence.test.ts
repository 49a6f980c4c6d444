import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadExample } from "#contract/examples/index.js";
import { StationStatus } from "#contract/messages.js";
import { topics } from "#contract/topics.js";
import { checkCommand } from "#contract/validate.js";
import { silentLog } from "../log.js";
import { findPackage } from "../ledger/catalog.js";
import { seedLedger } from "../ledger/seed.js";
import { listStations } from "../ledger/stations.js";
import { ONE_PACKAGE, openTestLedger, type TestLedger, TEST_SITE, TEST_TAG as TAG } from "#hub/testing/ledger.js";
import { createPresence, type Presence } from "./presence.js";
import { createStationSync, type StationSync } from "./station-sync.js";
import { singleSite } from "#hub/sites/directory.js";

const online = StationStatus.parse(loadExample("state"));
const offline = StationStatus.parse(loadExample("state-offline"));

describe("station presence and commands", () => {
  let ledger: TestLedger;
  let now: number;
  let sent: { topic: string; body: unknown }[];
  let sync: StationSync;
  let presence: Presence;
  let changes: number;
  let live: string[];

  beforeEach(async () => {
    ledger = await openTestLedger("sqlite");
    await seedLedger(ledger.db, TEST_SITE, {
      ...ONE_PACKAGE,
      employees: [
        {
          id: "emp-001",
          name: "Dana Reyes",
          role: "coordinator",
          badge: "EMP-0001",
          pinHash: "scrypt$1$2$3$a$b",
          active: true,
        },
      ],
    });
    now = Date.parse("2026-11-27T18:00:00.000Z");
    sent = [];
    changes = 0;
    live = [];
    const clock = { now: () => now };
    sync = createStationSync({
      db: ledger.db,
      sites: singleSite(),
      log: silentLog(),
      clock,
      publish: async (topic, payload) => void sent.push({ topic, body: JSON.parse(payload) }),
    });
    presence = createPresence({
      db: ledger.db,
      log: silentLog(),
      clock,
      sync,
      staleMs: 60_000,
      onChange: () => changes++,
      liveStationIds: () => live,
    });
  });
  afterEach(async () => {
    await presence.stop();
    await ledger.dispose();
  });

  const commandsTo = (stationId: string) =>
    sent.filter((s) => s.topic.startsWith(`vault/v1/station/${stationId}/cmd/`)).map((s) => s.topic.split("/").pop());

  it("sends employees then a catalog replace when a station comes online, valid by the contract", async () => {
    presence.handleStatus(online);
    await presence.settled();
    expect(commandsTo("vault-1")).toEqual(["employees", "catalog"]);
    for (const s of sent) expect(checkCommand(s.topic, JSON.stringify(s.body))).toMatchObject({ ok: true });
    expect(sent[1]?.body).toMatchObject({ name: "catalog", payload: { mode: "replace", packages: [{ label: TAG }] } });
    expect(changes).toBe(1);
  });

  it("sends a vault too large for one MQTT packet as a replace followed by upserts", async () => {
    const packages = Array.from({ length: 3_000 }, (_, i) => ({
      label: `1A4060300002199${String(i + 10).padStart(9, "0")}`,
      itemId: "item-1",
      quantity: 1,
      unit: "Each" as const,
      location: "Vault A-1",
      status: "active" as const,
      labState: "TestPassed" as const,
      packagedDate: "2026-10-01",
    }));
    await seedLedger(ledger.db, TEST_SITE, { items: [], packages, employees: [] });
    presence.handleStatus(online);
    await presence.settled();
    const catalogs = sent.filter((s) => s.topic === topics.command("vault-1", "catalog"));
    expect(catalogs.length).toBeGreaterThan(1);
    expect(catalogs.map((c) => (c.body as { payload: { mode: string } }).payload.mode)).toEqual([
      "replace",
      ...catalogs.slice(1).map(() => "upsert"),
    ]);
    expect(catalogs.flatMap((c) => (c.body as { payload: { packages: unknown[] } }).payload.packages)).toHaveLength(
      3_001,
    );
    for (const c of catalogs) expect(Buffer.byteLength(JSON.stringify(c.body))).toBeLessThan(256 * 1024);
  });

  it("tries the full sync again on the next status when it could not be sent", async () => {
    let failures = 1;
    const flaky = createPresence({
      db: ledger.db,
      log: silentLog(),
      clock: { now: () => now },
      staleMs: 60_000,
      onChange: () => undefined,
      sync: {
        sendFull: async (id) => {
          if (failures-- > 0) throw new Error("broker link not ready");
          await sync.sendFull(id);
        },
      },
    });
    flaky.handleStatus(online);
    flaky.handleStatus({ ...online, payload: { ...online.payload, outboxDepth: 1 } });
    await flaky.settled();
    expect(commandsTo("vault-1")).toEqual(["employees", "catalog"]);
    await flaky.stop();
  });

  it("does not resend to a station that stays up, but does after a restart or an outage", async () => {
    presence.handleStatus(online);
    presence.handleStatus({ ...online, payload: { ...online.payload, outboxDepth: 3 } });
    await presence.settled();
    expect(commandsTo("vault-1")).toHaveLength(2);
    presence.handleStatus({ ...online, payload: { ...online.payload, startedAt: "2026-11-27T17:59:00.000Z" } });
    await presence.settled();
    expect(commandsTo("vault-1")).toHaveLength(4);
    presence.handleStatus(offline);
    presence.handleStatus({ ...online, payload: { ...online.payload, startedAt: "2026-11-27T17:59:00.000Z" } });
    await presence.settled();
    expect(commandsTo("vault-1")).toHaveLength(6);
  });

  it("marks a silent station offline after staleMs, unless its connection is open", async () => {
    presence.handleStatus(online);
    await presence.settled();
    now += 59_000;
    expect(await presence.sweep()).toEqual([]);
    live = ["vault-1"];
    now += 30_000;
    expect(await presence.sweep()).toEqual([]);
    live = [];
    now += 61_000;
    expect(await presence.sweep()).toEqual(["vault-1"]);
    expect((await listStations(ledger.db))[0]?.online).toBe(false);
  });

  it("publishes catalog upserts to online stations only", async () => {
    presence.handleStatus(online);
    presence.handleStatus({ ...offline, stationId: "vault-2" });
    await presence.settled();
    sent = [];
    const moved = {
      label: TAG,
      itemId: "item-1",
      quantity: 3,
      unit: "Each" as const,
      location: "Sales floor",
      status: "active" as const,
      labState: "TestPassed" as const,
      packagedDate: "2026-10-01",
    };
    await sync.publishCatalogChange({ site: TEST_SITE, packages: [moved] });
    expect(sent).toEqual([
      {
        topic: topics.command("vault-1", "catalog"),
        body: expect.objectContaining({ payload: { mode: "upsert", items: [], packages: [moved] } }),
      },
    ]);
  });

  it("writes a catalog change to the ledger before publishing it", async () => {
    presence.handleStatus(online);
    await presence.settled();
    sent = [];
    const quarantined = {
      label: TAG,
      itemId: "item-1",
      quantity: 4,
      unit: "Each" as const,
      location: "Quarantine",
      status: "quarantine" as const,
      labState: "TestFailed" as const,
      packagedDate: "2026-10-01",
    };
    await sync.applyCatalogChange({
      site: TEST_SITE,
      packages: [quarantined],
      removedLabels: ["1A4060300002199000000001"],
    });
    expect((await findPackage(ledger.db, TEST_SITE, TAG))?.pkg).toEqual(quarantined);
    expect(sent[0]?.body).toMatchObject({
      payload: { mode: "upsert", packages: [quarantined], removedLabels: ["1A4060300002199000000001"] },
    });
  });
});
