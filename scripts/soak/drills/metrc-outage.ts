import { jitter, pause, type Drill } from "./drill.js";

/** METRC answers 503 to everything for a few seconds at a time. */
export const metrcOutage: Drill = {
  name: "metrc-outage",
  async run(rig, until, note) {
    let outages = 0;
    while (Date.now() < until) {
      const ms = jitter(2_000, 6_000);
      rig.metrc.control.setFaults({ outageUntil: Date.now() + ms });
      outages++;
      await pause(ms + jitter(500, 2_000), until);
    }
    rig.metrc.control.clearFaults();
    note(`${outages} outages`);
  },
};
