import { jitter, pause, type Drill } from "./drill.js";

/** SIGKILL the station every few seconds and start it again on the same data folder. */
export const stationKill: Drill = {
  name: "station-kill",
  async run(rig, until, note) {
    let kills = 0;
    while (Date.now() < until) {
      await pause(jitter(2_000, 5_000), until);
      if (Date.now() >= until) break;
      await rig.kill("station");
      kills++;
      await rig.start("station");
    }
    note(`${kills} SIGKILLs`);
  },
};
