import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHubCli } from "#hub/cli.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import { ColumnMappingSchema } from "./mapping.js";
import { salesOfDay } from "./queries.js";
import { saveMapping } from "./store.js";
import { capturedIo } from "#hub/testing/cli-kit.js";
import { fixture, seedPosCatalog } from "#hub/testing/pos-kit.js";

const io = (env: Record<string, string>) => capturedIo({ FACILITY_TIME_ZONE: "America/Los_Angeles", ...env });

describe("vaultline-hub pos import", () => {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-pos-cli-"));
  const env = { HUB_DATA_DIR: dir, SITE_ID: "green-leaf-oakland" };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(async () => {
    const ledger = openLedger({ dataDir: dir });
    await migrateLedger(ledger.db);
    await seedPosCatalog(ledger.db);
    await saveMapping(
      ledger.db,
      ColumnMappingSchema.parse(JSON.parse(fixture("cova-mapping.json"))),
      "emp-005",
      "2026-11-01T00:00:00Z",
    );
    await ledger.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints exactly the report's fields and exits 0 when the file landed, and again when it was already in", async () => {
    const path = file("sales.csv", fixture("sales.csv"));
    const first = io(env);
    expect(await runHubCli(["pos", "import", "--format", "csv", path], first)).toBe(0);
    expect(first.lines).toHaveLength(1);
    expect(JSON.parse(first.lines[0]!)).toEqual({
      file: path,
      format: "csv",
      rows: 7,
      imported: 7,
      alreadyImported: 0,
      errors: [],
    });
    const again = io(env);
    expect(await runHubCli(["pos", "import", "--format", "csv", path], again)).toBe(0);
    expect(JSON.parse(again.lines[0]!)).toMatchObject({ imported: 0, alreadyImported: 7 });
    const ledger = openLedger({ dataDir: dir });
    expect((await salesOfDay(ledger.db, { site: "green-leaf-oakland", day: "2026-10-31" })).length).toBe(3);
    await ledger.close();
  });

  it("exits 1 with every bad row when refused, writing nothing", async () => {
    const path = file("bad.csv", fixture("bad-sales.csv"));
    const out = io(env);
    expect(await runHubCli(["pos", "import", "--format", "csv", "--site", "store-2", path], out)).toBe(1);
    const report = JSON.parse(out.lines[0]!) as { imported: number; errors: Array<{ row: number; reason: string }> };
    expect(report.imported).toBe(0);
    expect(report.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    const ledger = openLedger({ dataDir: dir });
    expect(
      await ledger.db.selectFrom("pos_sales").select("site_id").where("site_id", "=", "store-2").execute(),
    ).toEqual([]);
    await ledger.close();
  });

  it("imports Dutchie and Flowhub bodies, and a CSV through a saved mapping, under the site given", async () => {
    for (const [format, name, extra] of [
      ["dutchie", "dutchie-transactions.json", []],
      ["flowhub", "flowhub-orders.json", []],
      ["csv", "cova-sales.csv", ["--mapping", "Cova sales lines"]],
    ] as const) {
      const out = io(env);
      expect(
        await runHubCli(
          ["pos", "import", "--format", format, "--site", "store-3", ...extra, file(name, fixture(name))],
          out,
        ),
      ).toBe(0);
      expect(JSON.parse(out.lines[0]!)).toMatchObject({ format, errors: [] });
    }
    const ledger = openLedger({ dataDir: dir });
    const sources = await ledger.db
      .selectFrom("pos_sales")
      .select("source")
      .distinct()
      .where("site_id", "=", "store-3")
      .orderBy("source")
      .execute();
    await ledger.close();
    expect(sources.map((s) => s.source)).toEqual(["csv:Cova sales lines", "dutchie", "flowhub"]);
  });

  it("answers usage errors with exit 2 and a reason", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["pos", "import", "--format", "square", "x.csv"], /--format must be one of dutchie, flowhub, csv/],
      [["pos", "import", "--format", "csv"], /exactly one FILE/],
      [["pos", "import", "--format", "csv", join(dir, "missing.csv")], /cannot read .*missing\.csv: no such file/],
      [["pos", "import", "--format", "csv", "--site", "x".repeat(80), "a.csv"], /is not a site id/],
      [["pos", "export"], /usage: vaultline-hub pos import/],
    ];
    for (const [argv, message] of cases) {
      const out = io(env);
      expect(await runHubCli(argv, out)).toBe(2);
      expect(out.errors.join("\n")).toMatch(message);
    }
  });
});

describe("POS configuration", () => {
  it("refuses a time zone that is not IANA, naming the variable", async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const code = await runHubCli(["pos", "import", "--format", "csv", "x.csv"], {
      env: { FACILITY_TIME_ZONE: "Pacific Time" },
      out: (l) => lines.push(l),
      err: (l) => errors.push(l),
    });
    // One configuration schema for the hub: a bad variable is a configuration error (exit 2), named with its value.
    expect(code).toBe(2);
    expect(errors.join("\n")).toContain("FACILITY_TIME_ZONE: Pacific Time is not an IANA time zone");
  });
});
