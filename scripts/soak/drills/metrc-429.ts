import { pause, type Drill } from "./drill.js";

/** Storms of 429 Too Many Requests on every GET, with METRC's Retry-After. */
export const metrc429: Drill = {
  name: "metrc-429",
  async run(rig, until, note) {
    let storms = 0;
    while (Date.now() < until) {
      rig.metrc.control.setFaults({ rateLimitStorm: 200 });
      storms++;
      await pause(3_000, until);
    }
    rig.metrc.control.clearFaults();
    note(`${storms} storms of 200 GETs; ${rig.metrc.control.stats().answered429} 429s so far`);
  },
};
