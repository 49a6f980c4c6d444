import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHubCli } from "#hub/cli.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import { capturedIo } from "#hub/testing/cli-kit.js";
import { insertPosSales, ledgerPackage, seedLedgerPackages, seedStatePackages } from "#hub/testing/reconcile-kit.js";
import { runsOfDay } from "./run-store.js";

const SITE = "green-leaf-oakland";
const SOLD = "1A4060300012B7C000005001";

const io = (env: Record<string, string>) => capturedIo({ FACILITY_TIME_ZONE: "America/Los_Angeles", ...env });

describe("vaultline-hub reconcile", () => {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-reconcile-cli-"));
  const env = { HUB_DATA_DIR: dir, SITE_ID: SITE };
  beforeAll(async () => {
    const ledger = openLedger({ dataDir: dir });
    await migrateLedger(ledger.db, { defaultSiteId: SITE });
    await seedLedgerPackages(ledger.db, SITE, [ledgerPackage(SOLD)]);
    await seedStatePackages(ledger.db, SITE, [{ label: SOLD }]);
    await insertPosSales(ledger.db, SITE, [
      { receiptId: "r1", at: "2026-11-02T07:30:00.000Z", day: "2026-11-01", label: SOLD, quantity: 2 },
    ]);
    await ledger.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints exactly one JSON object with the surface's fields and exits 0; each run is kept", async () => {
    const first = io(env);
    expect(await runHubCli(["reconcile", "--date", "2026-11-01"], first)).toBe(0);
    expect(first.lines).toHaveLength(1);
    const report = JSON.parse(first.lines[0]!) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(["date", "site", "runId", "summary", "lines"]);
    expect(report).toMatchObject({
      date: "2026-11-01",
      site: SITE,
      summary: { "sold-not-reported": 1, "unknown-tag": 0 },
    });
    expect(report.lines).toEqual([
      {
        label: SOLD,
        class: "sold-not-reported",
        pos: 2,
        state: null,
        ledger: 20,
        physical: null,
        fix: expect.stringContaining("report the sale"),
      },
    ]);
    const second = io(env);
    expect(await runHubCli(["reconcile", "--date", "2026-11-01", "--site", SITE], second)).toBe(0);
    const again = JSON.parse(second.lines[0]!) as { runId: string };
    expect(again.runId).not.toBe(report.runId);
    const ledger = openLedger({ dataDir: dir });
    try {
      expect((await runsOfDay(ledger.db, SITE, "2026-11-01")).map((r) => r.runId)).toEqual([again.runId, report.runId]);
    } finally {
      await ledger.close();
    }
  });

  it("the day before holds nothing: the evening sale is the 1st's, though UTC was on the 2nd", async () => {
    const out = io(env);
    expect(await runHubCli(["reconcile", "--date", "2026-11-02"], out)).toBe(0);
    expect(JSON.parse(out.lines[0]!)).toMatchObject({ date: "2026-11-02", lines: [] });
  });

  it.each([
    [["reconcile"], "--date YYYY-MM-DD is required"],
    [["reconcile", "--date", "2026-13-01"], 'not "2026-13-01"'],
    [["reconcile", "--date", "yesterday"], 'not "yesterday"'],
    [["reconcile", "--date", "2026-11-01", "--site", "elsewhere"], 'site "elsewhere" is not served by this hub'],
    [["reconcile", "--date", "2026-11-01", "--store", "x"], "Unknown option '--store'"],
  ])("usage error %j: exit 2, the reason on stderr, nothing on stdout", async (args, reason) => {
    const out = io(env);
    expect(await runHubCli(args, out)).toBe(2);
    expect(out.lines).toEqual([]);
    expect(out.errors.join("\n")).toContain(reason);
    expect(out.errors.join("\n")).toContain("usage: vaultline-hub reconcile --date YYYY-MM-DD [--site ID]");
  });
});
