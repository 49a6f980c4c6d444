import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedLedger } from "#hub/ledger/seed.js";
import { importSales } from "#hub/pos/import-service.js";
import { generatedMonth, MONTH_TZ, toDutchie, toFlowhub, toGenericCsv, type Month } from "#hub/pos/month-kit.js";
import { parseSalesFile } from "#hub/pos/parsers/index.js";
import type { PosFormat } from "#hub/pos/sale-line.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger } from "#hub/store/open.js";
import type { BenchRow } from "./table.js";
import { DEFAULT_SITE_ID } from "#hub/sites/site.js";

/**
 * POS import into a SQLite ledger file: the demo store's generated month (about 6,900 lines) in
 * each format, and `copies` months at once as one Vaultline CSV (a busy store's month). The
 * baseline in the same run is parsing alone, the part with no database in it.
 */
function repeated(month: Month, copies: number): Month {
  return {
    ...month,
    lines: Array.from({ length: copies }, (_, c) =>
      month.lines.map((l) => ({
        ...l,
        receiptId: `${l.receiptId}~${c}`,
        ...(l.returnOf ? { returnOf: `${l.returnOf}~${c}` } : {}),
      })),
    ).flat(),
  };
}

export async function benchPosImport(copies = 7): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-pos-bench-"));
  const ledger = openLedger({ dataDir: dir });
  const rows: BenchRow[] = [];
  try {
    await migrateLedger(ledger.db);
    const month = generatedMonth();
    await seedLedger(
      ledger.db,
      DEFAULT_SITE_ID,
      { items: month.store.items, packages: month.store.packages, employees: [] },
      "2026-10-01T00:00:00Z",
    );
    const big = repeated(month, copies);
    const files: Array<[string, PosFormat, string, number]> = [
      ["csv month", "csv", toGenericCsv(month), month.lines.length],
      ["dutchie month", "dutchie", toDutchie(month), month.lines.length],
      ["flowhub month", "flowhub", toFlowhub(month), month.lines.length],
      [`csv ${copies}× the month`, "csv", toGenericCsv(big), big.lines.length],
    ];
    for (const [name, format, text, lines] of files) {
      let t = performance.now();
      parseSalesFile(format, text, { timeZone: MONTH_TZ });
      const parseMs = performance.now() - t;
      t = performance.now();
      const report = await importSales(
        { db: ledger.db, timeZone: MONTH_TZ, ledgerSite: DEFAULT_SITE_ID, clock: { now: () => Date.now() } },
        { format, site: name, file: name, text, actor: "bench" },
      );
      const importMs = performance.now() - t;
      if (report.errors.length || report.imported !== lines)
        throw new Error(`${name}: ${JSON.stringify(report.errors.slice(0, 3))}`);
      t = performance.now();
      await importSales(
        { db: ledger.db, timeZone: MONTH_TZ, ledgerSite: DEFAULT_SITE_ID, clock: { now: () => Date.now() } },
        { format, site: name, file: name, text, actor: "bench" },
      );
      const againMs = performance.now() - t;
      rows.push(
        {
          bench: "pos import",
          metric: `${name} (${lines.toLocaleString("en-US")} lines): import`,
          value: importMs,
          unit: "ms",
        },
        {
          bench: "pos import",
          metric: `${name}: lines per second`,
          value: Math.round((lines / importMs) * 1000),
          unit: "lines/s",
        },
        { bench: "pos import", metric: `${name}: parse alone (baseline)`, value: parseMs, unit: "ms" },
        { bench: "pos import", metric: `${name}: the same file again`, value: againMs, unit: "ms" },
      );
    }
    return rows;
  } finally {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
