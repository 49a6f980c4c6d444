import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadExample } from "#contract/examples/index.js";
import { newId } from "#contract/ids.js";
import { eventSchemas } from "#contract/messages.js";
import { insertAuditedEvents } from "#hub/ledger/event-audit.js";
import { insertEvents, toEventRow, type EventRow } from "#hub/ledger/events.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger, type Ledger } from "#hub/store/open.js";
import type { BenchRow } from "./table.js";

/**
 * What the audit costs the ingest's ledger write alone, without the broker's noise: the same
 * 1,000-event batches stored into three SQLite ledgers (WAL, as the hub runs), one transaction
 * each, taking turns batch by batch — as before the audit covered events (insertEvents only), with
 * one audit entry per batch, and with one entry per event. Medians of the per-batch times.
 */
type Mode = "none" | "batch" | "event";
const MODES: readonly Mode[] = ["none", "batch", "event"];
const BATCH = 1_000;

const scan = eventSchemas.scan.parse(loadExample("scan"));
const batchOf = (at: string): EventRow[] =>
  Array.from({ length: BATCH }, () => toEventRow({ ...scan, id: newId() }, at));

async function storeOne(ledger: Ledger, mode: Mode, rows: EventRow[], at: string): Promise<number> {
  const started = performance.now();
  await ledger.db.transaction().execute(async (trx) => {
    if (mode === "none") await insertEvents(trx, rows);
    else await insertAuditedEvents(trx, rows, { mode, at });
  });
  return performance.now() - started;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const p99 = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

/** `events` in batches of 1,000 per mode; rows: median and p99 ms per batch, events/s at the median, ratio to "none". */
export async function benchIngestAuditCost(events: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-bench-audit-"));
  const ledgers = new Map<Mode, Ledger>();
  try {
    for (const mode of MODES) {
      const ledger = openLedger({ dataDir: dir, sqliteFile: join(dir, `${mode}.sqlite`) });
      await migrateLedger(ledger.db);
      ledgers.set(mode, ledger);
    }
    const times = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
    const batches = Math.max(5, Math.round(events / BATCH));
    for (let i = 0; i < batches; i++) {
      const at = new Date(Date.UTC(2026, 10, 27, 18, 0, i)).toISOString();
      const rows = batchOf(at);
      for (const mode of MODES) times.get(mode)!.push(await storeOne(ledgers.get(mode)!, mode, rows, at));
    }
    const bench = `ledger write, ${batches} batches of ${BATCH.toLocaleString("en-US")} events (SQLite, no broker)`;
    const none = median(times.get("none")!);
    const label = {
      none: "no audit (as before)",
      batch: "one audit entry per batch",
      event: "one audit entry per event",
    };
    return MODES.flatMap((mode): BenchRow[] => {
      const ms = median(times.get(mode)!);
      return [
        { bench, metric: `${label[mode]}: median per batch`, value: Math.round(ms * 100) / 100, unit: "ms" },
        {
          bench,
          metric: `${label[mode]}: p99 per batch`,
          value: Math.round(p99(times.get(mode)!) * 100) / 100,
          unit: "ms",
        },
        { bench, metric: `${label[mode]}: at the median`, value: Math.round((BATCH / ms) * 1000), unit: "events/s" },
        ...(mode === "none"
          ? []
          : [
              {
                bench,
                metric: `${label[mode]} / no audit (time)`,
                value: Math.round((ms / none) * 100) / 100,
                unit: "×",
              },
            ]),
      ];
    });
  } finally {
    for (const l of ledgers.values()) await l.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
