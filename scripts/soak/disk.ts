import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * The station's data folder on a small tmpfs, so the full-disk drill can fill it for real.
 * Mounting needs root (CAP_SYS_ADMIN); where it is refused the drill is skipped with the reason.
 */
export interface SmallDisk {
  dir: string;
  /** Writes a filler file until the disk refuses more (ENOSPC); returns the bytes written. */
  fill(): number;
  /** Removes the filler. */
  free(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `sizeKb` at `dir`, or says why it cannot. */
export function mountSmallDisk(dir: string, sizeKb: number): SmallDisk | { skipped: string } {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKb}k`, "tmpfs", dir], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    return {
      skipped: `cannot mount a tmpfs at ${dir}: ${(r.error?.message ?? r.stderr.trim()) || `mount exited ${r.status}`}`,
    };
  }
  const filler = join(dir, "filler.bin");
  return {
    dir,
    fill() {
      const fd = openSync(filler, "a");
      const chunk = Buffer.alloc(4096, 0x46);
      let written = 0;
      try {
        for (;;) written += writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOSPC") throw e;
      } finally {
        closeSync(fd);
      }
      // A last byte-sized write takes what a 4 KB one could not.
      const tail = openSync(filler, "a");
      try {
        for (;;) written += writeSync(tail, Buffer.of(0x46));
      } catch {
        // ENOSPC: the disk is full to the byte.
      } finally {
        closeSync(tail);
      }
      return written;
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      spawnSync("umount", ["-l", dir]);
    },
  };
}
