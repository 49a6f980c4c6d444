import type { MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import { openLedger, type Ledger } from "#hub/store/open.js";

/**
 * The other direction, METRC → hub: new packages appear in METRC (as a transfer received in
 * METRC's web UI makes them appear) at a steady rate, and each must reach the hub's copy of the
 * state system (ss_packages) by its incremental sync. One the hub never fetches is lost.
 */
export interface SyncLoad {
  readonly labels: string[];
  /** Stops, after one last package: added once the rig is healed, it shows a sync the faults broke. */
  stop(): void;
  /** Labels added to METRC and not (yet) in the hub's ss_packages. */
  missing(): Promise<string[]>;
  close(): Promise<void>;
}

export function startSyncLoad(opts: { ledgerDir: string; metrc: MetrcSimulator; everyMs: number }): SyncLoad {
  const ledger: Ledger = openLedger({ dataDir: opts.ledgerDir });
  const db = ledger.db;
  const labels: string[] = [];
  let seq = 0;
  const add = () => {
    const label = `1A40603000SYNC${String(seq++).padStart(10, "0")}`;
    opts.metrc.control.state.addPackage({
      label,
      itemName: "OG Kush Bulk",
      quantity: 10,
      unit: "Grams",
      location: "Vault A-1",
      packagedDate: "2026-11-01",
    });
    labels.push(label);
  };
  const timer = setInterval(add, opts.everyMs);
  return {
    labels,
    stop: () => {
      clearInterval(timer);
      add();
    },
    async missing() {
      if (labels.length === 0) return [];
      const rows = await db.selectFrom("ss_packages").select("label").where("label", "in", labels).execute();
      const have = new Set(rows.map((r) => r.label));
      return labels.filter((l) => !have.has(l));
    },
    close: () => ledger.close(),
  };
}
