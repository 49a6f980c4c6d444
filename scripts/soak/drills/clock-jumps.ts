import { pause, type Drill } from "./drill.js";
import { powerCut } from "./hub-power-cut.js";

const HOUR = 3_600_000;
/** Longer than the soak hub's sync interval (6 s): a sync runs, and stores checkpoints, while the hub's clock is a day ahead. */
const HUB_AHEAD_MS = 8_000;

/**
 * Wall-clock steps, as NTP makes them on a Pi without a real-time clock: the station jumps an
 * hour ahead and back to true time (a step of −1 h, which stays), then the hub machine loses
 * power so delivery depends on the station's resends; the hub jumps a day ahead for at least
 * one sync and back. Timers keep the monotonic clock, as under a real step. The hub's day ahead
 * lasts HUB_AHEAD_MS even when the drill's slice is shorter.
 */
export const clockJumps: Drill = {
  name: "clock-jumps",
  async run(rig, until, note) {
    const step = Math.max(500, (until - Date.now()) / 5);
    rig.setClock("station", HOUR);
    note("station +1 h");
    await pause(step, until);
    rig.setClock("station", 0);
    note("station back 1 h");
    await pause(step / 2, until);
    await powerCut(rig);
    note("hub power cut");
    await pause(step / 2, until);
    rig.setClock("hub", 24 * HOUR);
    note("hub +1 day");
    await pause(Math.max(step, HUB_AHEAD_MS));
    rig.setClock("hub", 0);
    note("hub back 1 day");
    await pause(step, until);
  },
};
