import { jitter, pause, type Drill } from "./drill.js";

/**
 * Kill Mosquitto (SIGKILL, no persistence: whatever it queued is gone) and start it again on
 * the same port. Only the station's resend-until-acked can bring those messages back.
 */
export const brokerRestart: Drill = {
  name: "broker-restart",
  async run(rig, until, note) {
    let restarts = 0;
    while (Date.now() < until) {
      await pause(jitter(2_000, 5_000), until);
      if (Date.now() >= until) break;
      await rig.broker.stop(true);
      restarts++;
      await pause(jitter(300, 2_000));
      await rig.broker.restart();
    }
    note(`${restarts} broker kills`);
  },
};
