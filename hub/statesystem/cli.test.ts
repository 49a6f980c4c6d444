import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findPackage } from "#hub/ledger/catalog.js";
import { openLedger } from "#hub/store/open.js";
import { systemClock } from "#hub/clock.js";
import { runStateSystemCli } from "./cli.js";
import { enqueueWrite } from "./store/queue.js";
import { LABEL_B, startRig, type Rig } from "#hub/testing/metrc-rig.js";
import { TEST_SITE } from "#hub/testing/ledger.js";

describe("vaultline-hub statesystem", () => {
  let dir: string;
  let rig: Rig;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "vaultline-ss-cli-"));
    rig = await startRig({ clock: systemClock });
  });
  afterEach(async () => {
    await rig.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const io = (env: Record<string, string>) => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { env, out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
  };

  it("sync --once fills the ledger from the simulator and exits 0", async () => {
    const t = io({
      HUB_DATA_DIR: dir,
      STATE_SYSTEM: "simulator",
      METRC_BASE_URL: rig.sim.url,
      METRC_LICENSE: rig.sim.control.state.license,
      LOG_LEVEL: "silent",
    });
    expect(await runStateSystemCli(["sync", "--once"], t.io)).toBe(0);
    expect(t.out.join("\n")).toMatch(/packages:active\s+2 records/);
    const ledger = openLedger({ dataDir: dir });
    try {
      expect((await findPackage(ledger.db, TEST_SITE, LABEL_B))!.pkg).toMatchObject({ quantity: 453.6, unit: "Grams" });
    } finally {
      await ledger.close();
    }
  });

  it("status lists queue counts, failed writes with what to do and who, and checkpoints", async () => {
    const env = {
      HUB_DATA_DIR: dir,
      STATE_SYSTEM: "simulator",
      METRC_BASE_URL: rig.sim.url,
      METRC_LICENSE: rig.sim.control.state.license,
      LOG_LEVEL: "silent",
    };
    await runStateSystemCli(["sync", "--once"], io(env).io);
    const ledger = openLedger({ dataDir: dir });
    try {
      await enqueueWrite(
        ledger.db,
        TEST_SITE,
        { kind: "finish", label: LABEL_B, date: "2026-11-27" },
        { at: new Date() },
      );
    } finally {
      await ledger.close();
    }
    await runStateSystemCli(["submit", "--once"], io(env).io);
    const t = io(env);
    expect(await runStateSystemCli(["status"], t.io)).toBe(0);
    const out = t.out.join("\n");
    expect(out).toContain("1 failed");
    expect(out).toMatch(/FAILED .* finish 1A4060300012B7C000003002: .*cannot be finished/);
    expect(out).toMatch(/what to do \(Inventory coordinator\): METRC finishes only empty packages/);
    expect(out).toMatch(/packages:active\s+read up to 20/);
  });

  it("exits 1 naming the part that failed when METRC refuses the license", async () => {
    const t = io({
      HUB_DATA_DIR: dir,
      STATE_SYSTEM: "simulator",
      METRC_BASE_URL: rig.sim.url,
      METRC_LICENSE: "C10-9999999-LIC",
      LOG_LEVEL: "silent",
    });
    expect(await runStateSystemCli(["sync", "--once"], t.io)).toBe(1);
    expect(t.out.join("\n")).toMatch(/FAILED: UPSTREAM_AUTH: METRC 401/);
  });

  it("exits 2 with the variable to set when the configuration is incomplete, or the usage is wrong", async () => {
    const t = io({ HUB_DATA_DIR: dir, STATE_SYSTEM: "metrc" });
    expect(await runStateSystemCli(["sync", "--once"], t.io)).toBe(2);
    expect(t.err.join("\n")).toContain("METRC_VENDOR_KEY is required when STATE_SYSTEM=metrc");
    expect(await runStateSystemCli(["sync"], t.io)).toBe(2);
  });
});
