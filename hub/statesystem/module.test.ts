import { Hono } from "hono";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findPackage } from "#hub/ledger/catalog.js";
import { openTestLedger, testDialects, type TestLedger, TEST_SITE } from "#hub/testing/ledger.js";
import { systemClock, type Clock } from "#hub/clock.js";
import { loadStateSystemConfig } from "./config.js";
import { startStateSystemModule, type StateSystemModule } from "./module.js";
import { LABEL_A, startRig, type Rig } from "#hub/testing/metrc-rig.js";

const dialects = await testDialects();

describe.each(dialects)("state system module as the hub starts it (%s)", (dialect) => {
  let ledger: TestLedger;
  let rig: Rig;
  let mod: StateSystemModule;
  beforeEach(async () => {
    ledger = await openTestLedger(dialect);
    rig = await startRig({ clock: systemClock });
    mod = startStateSystemModule({
      config: loadStateSystemConfig({
        STATE_SYSTEM: "simulator",
        METRC_BASE_URL: rig.sim.url,
        METRC_LICENSE: rig.sim.control.state.license,
      }),
      db: ledger.db,
      log: pino({ level: "silent" }),
      syncAtStart: false,
    });
  });
  afterEach(async () => {
    await mod.stop();
    await rig.stop();
    await ledger.dispose();
  });

  it("syncs into the ledger, sends queued writes and serves its screen under /statesystem", async () => {
    expect(mod.stateSystem.kind).toBe("metrc");
    expect((await mod.worker.syncNow()).ok).toBe(true);
    expect((await findPackage(ledger.db, TEST_SITE, LABEL_A))!.pkg).toMatchObject({ quantity: 24, unit: "Each" });
    await mod.worker.enqueue({ kind: "location-move", label: LABEL_A, location: "Sales Floor", date: "2026-11-27" });
    await mod.worker.flush();
    expect(rig.sim.control.state.packages.get(LABEL_A)!.location).toBe("Sales Floor");
    const app = new Hono().route(mod.route.path, mod.route.app);
    const page = await app.request(`/statesystem/packages/${LABEL_A}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("PUT /packages/v2/location");
  });
});

describe.each(dialects)("state system module stopping (%s)", (dialect) => {
  it("stops at once while a sync waits to retry an unreachable METRC", async () => {
    const ledger = await openTestLedger(dialect);
    let slept: () => void = () => {};
    const waiting = new Promise<void>((resolve) => (slept = resolve));
    // Sleeps end only when aborted: without the stop signal, stop() would wait forever.
    const clock: Clock = {
      now: () => Date.now(),
      monotonic: () => performance.now(),
      sleep: (_ms, signal) => {
        slept();
        return new Promise<void>((_resolve, reject) =>
          signal?.addEventListener("abort", () => reject(signal.reason), { once: true }),
        );
      },
    };
    const mod = startStateSystemModule({
      config: loadStateSystemConfig({
        STATE_SYSTEM: "simulator",
        METRC_BASE_URL: "http://127.0.0.1:1",
        METRC_LICENSE: "C10-0000123-LIC",
      }),
      db: ledger.db,
      log: pino({ level: "silent" }),
      clock,
      syncAtStart: true,
    });
    await waiting;
    expect(mod.worker.progress().running).toBe(true);
    await mod.stop();
    expect(mod.worker.progress()).toMatchObject({
      running: false,
      error: expect.stringContaining("UPSTREAM_UNAVAILABLE"),
    });
    await ledger.dispose();
  });
});
