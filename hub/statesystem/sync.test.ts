import type { Kysely } from "kysely";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findPackage } from "#hub/ledger/catalog.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { FakeClock } from "#hub/testing/clock.js";
import { incomingManifests } from "./store/manifests.js";
import { listCheckpoints } from "./store/state-records.js";
import { runSync, SYNC_ENTITIES, type SyncDeps, type SyncProgress } from "./sync.js";
import { INCOMING_1, LABEL_A, LABEL_B, LABEL_C, startRig, type Rig } from "#hub/testing/metrc-rig.js";
import type { Database } from "#hub/store/database.js";

const log = pino({ level: "silent" });
const dialects = await testDialects();

describe.each(dialects)("state system sync into the %s ledger", (dialect) => {
  let clock: FakeClock;
  let ledger: TestLedger;
  let db: Kysely<Database>;
  let rig: Rig;
  let deps: SyncDeps;
  beforeEach(async () => {
    clock = new FakeClock();
    ledger = await openTestLedger(dialect);
    db = ledger.db;
    rig = await startRig({ clock });
    deps = { db: ledger.db, site: TEST_SITE, stateSystem: rig.client, clock, log };
  });
  afterEach(async () => {
    await rig.stop();
    await ledger.dispose();
  });

  it("brings every entity in, and synced packages answer with item, quantity and unit", async () => {
    const progress: SyncProgress[] = [];
    const start = clock.now();
    const report = await runSync(deps, { onProgress: (p) => progress.push(p) });
    expect(report.ok).toBe(true);
    expect(progress.at(-1)).toMatchObject({ running: false, done: SYNC_ENTITIES.length, total: SYNC_ENTITIES.length });
    const found = (await findPackage(ledger.db, TEST_SITE, LABEL_B))!;
    expect(found.pkg).toMatchObject({ quantity: 453.6, unit: "Grams", status: "active" });
    expect(found.item!.name).toBe("OG Kush Bulk");
    expect((await findPackage(ledger.db, TEST_SITE, LABEL_C))!.pkg.status).toBe("on-hold");
    const tp = await db.selectFrom("ss_transfer_packages").select(["label", "state"]).orderBy("label").execute();
    expect(tp).toEqual([
      { label: INCOMING_1, state: "Shipped" },
      { label: "1A4060300012B7C000800002", state: "Shipped" },
    ]);
    const labs = await db
      .selectFrom("ss_lab_results")
      .select(["label", "test_type"])
      .where("label", "=", LABEL_B)
      .execute();
    expect(labs.map((l) => l.test_type).sort()).toEqual(["Microbiologicals", "THC"]);
    expect((await db.selectFrom("ss_adjustment_reasons").selectAll().execute()).length).toBeGreaterThan(3);
    expect((await db.selectFrom("ss_locations").selectAll().execute()).map((l) => l.name)).toContain("Quarantine");
    const cps = await listCheckpoints(db, TEST_SITE);
    // The checkpoint is the instant the walk started: later changes are read next time.
    const cp = Date.parse(cps.find((c) => c.entity === "packages:active")!.checkpoint!);
    expect(cp).toBeGreaterThanOrEqual(start);
    expect(cp).toBeLessThanOrEqual(clock.now());
  });

  it("then reads only what changed, in 24 h windows from the checkpoint", async () => {
    await runSync(deps);
    clock.advance(3 * 86_400_000 + 3_600_000);
    rig.sim.control.receiveTransfer("0000900001", { accept: [INCOMING_1], location: "Vault A-2" });
    clock.advance(1);
    rig.log.length = 0;
    await runSync(deps, { entities: ["packages:active", "transfers"] });
    const active = rig.log.filter((r) => r.path.startsWith("/packages/v2/active"));
    expect(active).toHaveLength(4);
    expect(active.every((r) => r.path.includes("lastModifiedStart"))).toBe(true);
    expect((await findPackage(ledger.db, TEST_SITE, INCOMING_1))!.pkg).toMatchObject({
      quantity: 48,
      unit: "Each",
      location: "Vault A-2",
    });
    const state = await db
      .selectFrom("ss_transfer_packages")
      .select("state")
      .where("label", "=", INCOMING_1)
      .executeTakeFirst();
    expect(state!.state).toBe("Accepted");
    const [manifest] = await incomingManifests(db, TEST_SITE, { openOnly: true });
    expect(manifest!.manifestNumber).toBe("0000900001");
    expect(manifest!.packages.map((p) => [p.label, p.state, p.receivedQuantity])).toEqual([
      [INCOMING_1, "Accepted", 48],
      ["1A4060300012B7C000800002", "Shipped", null],
    ]);
    const t = await db.selectFrom("ss_transfers").selectAll().executeTakeFirst();
    expect(t!.received_package_count).toBe(1);
  });

  it("still reads new packages after the hub's clock ran a day ahead and was stepped back", async () => {
    const trueNow = clock.now();
    clock.set(trueNow + 86_400_000);
    await runSync(deps);
    clock.set(trueNow + 60_000);
    const label = "1A4060300012B7C000007777";
    rig.sim.control.state.addPackage({
      label,
      itemName: "OG Kush Bulk",
      quantity: 5,
      unit: "Grams",
      location: "Vault A-1",
      packagedDate: "2026-11-01",
    });
    clock.advance(60_000);
    expect((await runSync(deps)).ok).toBe(true);
    expect((await findPackage(ledger.db, TEST_SITE, label))?.pkg).toMatchObject({ quantity: 5, unit: "Grams" });
  });

  it("keeps the checkpoint where it was when METRC is down, and catches up after", async () => {
    await runSync(deps);
    const before = (await listCheckpoints(db, TEST_SITE)).find((c) => c.entity === "packages:active")!.checkpoint;
    clock.advance(3_600_000);
    rig.sim.control.setFaults({ outageUntil: clock.now() + 9 * 3_600_000 });
    const down = await runSync(deps, { entities: ["packages:active", "items"] });
    expect(down.ok).toBe(false);
    expect(down.entities).toHaveLength(1);
    const cp = (await listCheckpoints(db, TEST_SITE)).find((c) => c.entity === "packages:active")!;
    expect(cp.checkpoint).toBe(before);
    expect(cp.last_error).toMatch(/unavailable/i);
    clock.advance(10 * 3_600_000);
    rig.sim.control.state.packages.get(LABEL_A)!.quantity = 20;
    rig.sim.control.state.touch(rig.sim.control.state.packages.get(LABEL_A)!);
    clock.advance(1);
    expect((await runSync(deps, { entities: ["packages:active"] })).ok).toBe(true);
    const row = await db.selectFrom("ss_packages").select("quantity").where("label", "=", LABEL_A).executeTakeFirst();
    expect(row!.quantity).toBe(20);
  });
});

describe.each(dialects)("a sync stopped by the hub shutting down (%s)", (dialect) => {
  it("ends between pages, keeping what it stored, and the next run finishes the job", async () => {
    const clock = new FakeClock();
    const ledger = await openTestLedger(dialect);
    const rig = await startRig({ clock });
    try {
      for (let i = 0; i < 100; i++) {
        rig.sim.control.state.addPackage({
          label: `1A4FF0100000022${String(i).padStart(9, "0")}`,
          itemName: "OG Kush Bulk",
          quantity: 1,
          unit: "Grams",
          location: "Vault A-1",
          packagedDate: "2026-11-01",
        });
      }
      const stop = new AbortController();
      let pages = 0;
      const deps = { db: ledger.db, site: TEST_SITE, stateSystem: rig.client, clock, log, signal: stop.signal };
      const report = await runSync(deps, {
        entities: ["packages:active", "items"],
        onProgress: (p) => {
          if (p.records > 0 && ++pages === 2) stop.abort();
        },
      });
      expect(report.ok).toBe(false);
      const db = ledger.db;
      const stored = (await db.selectFrom("ss_packages").select("label").execute()).length;
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(102);
      expect(
        (await listCheckpoints(db, TEST_SITE)).find((c) => c.entity === "packages:active")?.checkpoint ?? null,
      ).toBeNull();
      expect(
        (await runSync({ ...deps, signal: new AbortController().signal }, { entities: ["packages:active"] })).ok,
      ).toBe(true);
      expect((await db.selectFrom("ss_packages").select("label").execute()).length).toBe(102);
    } finally {
      await rig.stop();
      await ledger.dispose();
    }
  });
});
