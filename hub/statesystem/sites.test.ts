import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "#hub/clock.js";
import { loadConfig } from "#hub/config.js";
import { findPackage } from "#hub/ledger/catalog.js";
import { openTestLedger, type TestLedger } from "#hub/testing/ledger.js";
import { LABEL_A, smallSeed } from "#hub/testing/metrc-rig.js";
import { twoSitesEnv } from "#hub/testing/sites-kit.js";
import { stateSystemSlice } from "./config.js";
import { startMetrcSimulator, type MetrcSimulator } from "./metrc-sim/server.js";
import { startStateSystemModule, type StateSystemModule } from "./module.js";

describe("a hub configured with two sites", () => {
  let ledger: TestLedger;
  let oakSim: MetrcSimulator;
  let denSim: MetrcSimulator;
  let mod: StateSystemModule;
  beforeAll(async () => {
    ledger = await openTestLedger("sqlite");
    const now = systemClock.now();
    // Two licences, each at its own METRC (California's and Colorado's), with the same tag on each.
    oakSim = await startMetrcSimulator({ port: 0, seed: { ...smallSeed(now), license: "C10-0000123-LIC" } });
    denSim = await startMetrcSimulator({
      port: 0,
      seed: { ...smallSeed(now), license: "402R-00042", facilityName: "Green Leaf Denver", timeZone: "America/Denver" },
    });
    const cfg = loadConfig({
      HUB_SITES: twoSitesEnv({ oakland: oakSim.url, denver: denSim.url }),
      STATE_SYSTEM_SYNC_MINUTES: "0",
    });
    mod = startStateSystemModule({
      config: stateSystemSlice(cfg),
      db: ledger.db,
      log: pino({ level: "silent" }),
      syncAtStart: false,
    });
  });
  afterAll(async () => {
    await mod.stop();
    await oakSim.stop();
    await denSim.stop();
    await ledger.dispose();
  });

  it("starts one state system and queue per site, each with its own licence", () => {
    expect([...mod.sites.keys()]).toEqual(["oakland", "denver"]);
    expect([...mod.sites.values()].map((s) => [s.stateSystem.license, s.worker.site])).toEqual([
      ["C10-0000123-LIC", "oakland"],
      ["402R-00042", "denver"],
    ]);
    expect(mod.worker).toBe(mod.sites.get("oakland")!.worker);
  });

  it("syncs each site from its own state system into its own part of the ledger", async () => {
    for (const s of mod.sites.values()) expect((await s.worker.syncNow()).ok).toBe(true);
    const rows = await ledger.db
      .selectFrom("ss_packages")
      .select(["site_id", "label"])
      .where("label", "=", LABEL_A)
      .orderBy("site_id")
      .execute();
    expect(rows).toEqual([
      { site_id: "denver", label: LABEL_A },
      { site_id: "oakland", label: LABEL_A },
    ]);
    expect((await findPackage(ledger.db, "denver", LABEL_A))?.pkg.quantity).toBe(24);
    const checkpoints = await ledger.db
      .selectFrom("ss_checkpoints")
      .select("site_id")
      .distinct()
      .orderBy("site_id")
      .execute();
    expect(checkpoints.map((c) => c.site_id)).toEqual(["denver", "oakland"]);
  });

  it("sends a site's queued write to that site's state system only, logged under that site", async () => {
    const denver = mod.sites.get("denver")!;
    const id = await denver.worker.enqueue({
      kind: "location-move",
      label: LABEL_A,
      location: "Sales Floor",
      date: "2026-11-27",
    });
    await denver.worker.flush();
    await mod.sites.get("oakland")!.worker.flush();
    expect(denSim.control.state.packages.get(LABEL_A)!.location).toBe("Sales Floor");
    expect(oakSim.control.state.packages.get(LABEL_A)!.location).toBe("Vault A-1");
    expect(
      await ledger.db.selectFrom("ss_submissions").select(["site_id", "state"]).where("id", "=", id).executeTakeFirst(),
    ).toEqual({ site_id: "denver", state: "confirmed" });
    const moves = await ledger.db
      .selectFrom("ss_request_log")
      .select(["site_id", "path"])
      .where("path", "like", "/packages/v2/location%")
      .execute();
    expect(moves).toEqual([{ site_id: "denver", path: "/packages/v2/location?licenseNumber=402R-00042" }]);
  });
});
