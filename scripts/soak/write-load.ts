import { DEFAULT_SITE_ID } from "#hub/sites/site.js";
import { enqueueWrite } from "#hub/statesystem/store/queue.js";
import { openLedger, type Ledger } from "#hub/store/open.js";
import type { MetrcSimulator } from "#hub/statesystem/metrc-sim/server.js";
import type { SimSeed } from "#hub/statesystem/metrc-sim/model.js";
import type { WriteCounts } from "./tally.js";
import { tallyWrites } from "./tally.js";

/**
 * State-system writes queued the way hub code queues them (a row in ss_submissions; the hub's
 * worker sends it): one package adjustment at a time, each with a unique note and quantity so
 * METRC's copy can be found and counted. Adjustments are what a lost answer would double.
 */
export interface WriteLoad {
  readonly notes: string[];
  stop(): Promise<void>;
  /** Writes still pending or sent (not confirmed, not failed). */
  open(): Promise<number>;
  tally(metrc: MetrcSimulator): Promise<WriteCounts>;
  close(): Promise<void>;
}

export function startWriteLoad(opts: { ledgerDir: string; seed: SimSeed; perSecond: number }): WriteLoad {
  const ledger: Ledger = openLedger({ dataDir: opts.ledgerDir });
  const db = ledger.db;
  const notes: string[] = [];
  const run = Date.now().toString(36);
  let seq = 0;
  let queued = Promise.resolve();
  const timer = setInterval(() => {
    const pkg = opts.seed.packages[seq % opts.seed.packages.length]!;
    const n = seq++;
    const note = `soak ${run} #${n}`;
    queued = queued
      .then(async () => {
        await enqueueWrite(
          db,
          DEFAULT_SITE_ID,
          {
            kind: "adjustment",
            label: pkg.label,
            quantity: n + 1,
            unit: pkg.unit,
            reason: "Audit",
            date: new Date().toISOString().slice(0, 10),
            note,
          },
          { at: new Date(), requestedBy: "soak" },
        );
        notes.push(note);
      })
      .catch((e: Error) => console.error(`soak: could not queue a write: ${e.message}`));
  }, 1000 / opts.perSecond);
  const states = async () => {
    const rows = await db
      .selectFrom("ss_submissions")
      .select(["state", "payload"])
      .where("requested_by", "=", "soak")
      .execute();
    return new Map(rows.map((r) => [(JSON.parse(r.payload) as { note?: string }).note ?? "", r.state]));
  };
  return {
    notes,
    async stop() {
      clearInterval(timer);
      await queued;
    },
    async open() {
      return [...(await states()).values()].filter((s) => s === "pending" || s === "sent").length;
    },
    async tally(metrc) {
      const copies = new Map<string, number>();
      for (const a of metrc.control.state.adjustments) if (a.note) copies.set(a.note, (copies.get(a.note) ?? 0) + 1);
      return tallyWrites(notes, await states(), copies);
    },
    close: () => ledger.close(),
  };
}
