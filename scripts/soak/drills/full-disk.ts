import { pause, type Drill } from "./drill.js";

/**
 * Fill the station's disk to the byte, keep scanning, restart the station on the full disk,
 * then free the space. Scans may be refused while the disk is full; none that was answered 201
 * may be lost, and the station must start on a full disk and deliver what it holds.
 */
export const fullDisk: Drill = {
  name: "full-disk",
  skipped: (rig) => ("skipped" in rig.disk ? rig.disk.skipped : undefined),
  async run(rig, until, note) {
    if ("skipped" in rig.disk) return;
    const disk = rig.disk;
    const third = Math.max(1_000, (until - Date.now()) / 3);
    const filled = disk.fill();
    note(`filled ${Math.round(filled / 1024)} KB`);
    let problem: Error | undefined;
    try {
      await pause(third, until);
      await rig.kill("station");
      await rig.start("station").catch((e: Error) => {
        problem = new Error(`the station did not start on a full disk: ${e.message}`);
      });
      await pause(third, until);
    } finally {
      disk.free();
      note("freed");
      if (!rig.isUp("station")) await rig.start("station");
    }
    await pause(third, until);
    if (problem) throw problem;
  },
};
