/**
 * The demo's 30 days of history, as a list of steps that each go through the product's own path,
 * so that every report and the reconciliation page have real data on first start:
 *
 *   ledger  every package received, moved to the floor and sold, through the ledger (demo-history.ts)
 *   pos     the same sales as the POS would export them (the Vaultline sales CSV), through hub/pos importSales,
 *           with a few deliberate faults (demo-faults.ts)
 *   reconcile  the state system synced, the three days before today reconciled, their cases opened (demo-reconcile.ts)
 *   counts  three category counts through hub/counts, one line a unit short, approved by the manager (demo-counts.ts)
 *
 * Steps that need a module's service (counts, investigations) are added to the list where that
 * module provides one; `npm start` runs the list once, on an empty ledger.
 */
import type { Kysely } from "kysely";
import { importSales } from "#hub/pos/import-service.js";
import type { Database } from "#hub/store/database.js";
import { countDemoCategories } from "./demo-counts.js";
import { demoFaults, posSales } from "./demo-faults.js";
import { seedDemoHistory } from "./demo-history.js";
import { reconcileDemoDays, type DemoReconcileDeps } from "./demo-reconcile.js";
import type { DemoStore } from "./demo-store.js";

export interface DemoStepContext {
  db: Kysely<Database>;
  site: string;
  /** The site's time zone: business days of the history. */
  timeZone: string;
  store: DemoStore;
  /** The demo's now, ms (default the clock's): the business days the faults land on. */
  now?: number;
  /** The state system and sites, for the reconciliation step; without them it is skipped. */
  reconcile?: DemoReconcileDeps;
}

export interface DemoStep {
  name: string;
  run(ctx: DemoStepContext): Promise<void>;
}

/** The demo's sales as the generic POS CSV (header required, offsets on every time, one row per line). */
export function demoSalesCsv(store: DemoStore, sales = store.sales): string {
  const rows = sales.flatMap((s, i) =>
    s.lines.map((l, j) =>
      [
        // The demo numbers receipts by UTC day, so an evening's number can repeat the next day's: the index keeps them
        // apart, and the prefix from the generated months the tests import into a demo hub.
        `DEMO-${s.receiptNumber}-${i}`,
        j + 1,
        s.at,
        l.label,
        l.itemId,
        l.quantity,
        l.unit === "Grams" ? "g" : "ea",
        (l.priceCents / 100).toFixed(2),
        "false",
      ].join(","),
    ),
  );
  return ["receipt_id,line_id,completed_at,package_label,sku,quantity,unit,total,voided", ...rows].join("\n");
}

const ledgerStep: DemoStep = {
  name: "ledger",
  run: ({ db, site, store }) => seedDemoHistory(db, site, store),
};

const posStep: DemoStep = {
  name: "pos",
  async run({ db, site, timeZone, store, now }) {
    const sales = posSales(store, timeZone, demoFaults(store, timeZone, now ?? Date.now()));
    const report = await importSales(
      { db, timeZone, ledgerSite: site, clock: { now: () => Date.now() } },
      { format: "csv", site, file: "demo-30-days.csv", text: demoSalesCsv(store, sales), actor: "demo" },
    );
    if (report.errors.length)
      throw new Error(
        `demo POS history refused: ${report.errors
          .slice(0, 3)
          .map((e) => `row ${e.row}: ${e.reason}`)
          .join("; ")}`,
      );
  },
};

const reconcileStep: DemoStep = {
  name: "reconcile",
  async run(ctx) {
    const faults = demoFaults(ctx.store, ctx.timeZone, ctx.now ?? Date.now());
    if (ctx.reconcile && faults) await reconcileDemoDays(ctx, ctx.reconcile, faults);
  },
};

const countsStep: DemoStep = {
  name: "counts",
  run: (ctx) => countDemoCategories({ ...ctx, sites: ctx.reconcile?.sites }),
};

/** The history steps, in order. */
export const demoHistorySteps: readonly DemoStep[] = [ledgerStep, posStep, reconcileStep, countsStep];

/** Runs `steps` in order; returns each step's time, ms, for the start-up log. */
export async function runDemoHistory(
  ctx: DemoStepContext,
  steps: readonly DemoStep[] = demoHistorySteps,
): Promise<Array<{ step: string; ms: number }>> {
  const took: Array<{ step: string; ms: number }> = [];
  for (const step of steps) {
    const t = performance.now();
    await step.run(ctx);
    took.push({ step: step.name, ms: Math.round(performance.now() - t) });
  }
  return took;
}
