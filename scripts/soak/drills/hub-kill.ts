import { jitter, pause, type Drill } from "./drill.js";

/** SIGKILL the hub every few seconds, leave it down a moment, start it again. */
export const hubKill: Drill = {
  name: "hub-kill",
  async run(rig, until, note) {
    let kills = 0;
    while (Date.now() < until) {
      await pause(jitter(2_000, 5_000), until);
      if (Date.now() >= until) break;
      await rig.kill("hub");
      kills++;
      await pause(jitter(500, 2_000));
      await rig.start("hub");
    }
    note(`${kills} SIGKILLs`);
  },
};
