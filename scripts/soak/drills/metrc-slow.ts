import { pause, type Drill } from "./drill.js";

/**
 * Slow and lost answers: every answer 1.5 s late, writes applied and then answered 500, and
 * writes applied and then not answered at all for 5 s. A write whose answer was lost must be
 * checked against METRC, not sent again blindly: a second copy is a duplicate adjustment.
 */
export const metrcSlow: Drill = {
  name: "metrc-slow",
  async run(rig, until, note) {
    let rounds = 0;
    while (Date.now() < until) {
      rig.metrc.control.setFaults({ latencyMs: 1_500, failAfterApply: 2, hangAfterApply: 1, hangMs: 5_000 });
      rounds++;
      await pause(6_000, until);
    }
    rig.metrc.control.clearFaults();
    note(`${rounds} rounds of late, failed-after-apply and hung answers`);
  },
};
