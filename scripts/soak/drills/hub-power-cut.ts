import { jitter, pause, type Drill } from "./drill.js";

/**
 * The hub machine loses power with Mosquitto on it: hub and broker SIGKILLed together, down a
 * moment, then both start again. What the broker had queued for the hub is gone (no
 * persistence) although the station already had its PUBACK: only the station's resend until
 * the hub's ack brings it back.
 */
export const hubPowerCut: Drill = {
  name: "hub-power-cut",
  async run(rig, until, note) {
    let cuts = 0;
    while (Date.now() < until) {
      await pause(jitter(2_000, 5_000), until);
      if (Date.now() >= until) break;
      await powerCut(rig);
      cuts++;
    }
    note(`${cuts} power cuts`);
  },
};

/** Kills the hub first so the broker queues for it, then the broker; starts them again. */
export async function powerCut(rig: Parameters<Drill["run"]>[0]): Promise<void> {
  await rig.kill("hub");
  await pause(jitter(800, 1_500));
  await rig.broker.stop(true);
  await pause(jitter(300, 1_000));
  await rig.broker.restart();
  await rig.start("hub");
}
