import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** True when Debian's socat is installed (CI installs it; some dev machines do not). */
export const hasSocat = spawnSync("socat", ["-V"], { stdio: "ignore" }).status === 0;

/**
 * A socat pseudo-terminal pair: the simulator opens `device`, the driver opens `host`.
 * `unplug()` kills socat (both ends vanish, as with a pulled USB adapter); `plug()` brings the
 * same paths back; `remove()` unplugs and deletes the pair's temporary folder.
 */
export class PtyPair {
  readonly dir = mkdtempSync(join(tmpdir(), "vaultline-pty-"));
  readonly device = join(this.dir, "ttyV0");
  readonly host = join(this.dir, "ttyV1");
  #proc: ChildProcess | undefined;

  async plug(): Promise<void> {
    this.#proc = spawn("socat", [`pty,raw,echo=0,link=${this.device}`, `pty,raw,echo=0,link=${this.host}`], {
      stdio: "ignore",
    });
    const deadline = Date.now() + 5000;
    while (!(existsSync(this.device) && existsSync(this.host))) {
      if (Date.now() > deadline) throw new Error("socat did not create the pty pair within 5 s");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async unplug(): Promise<void> {
    const p = this.#proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once("exit", r));
    p.kill("SIGTERM");
    await exited;
    const deadline = Date.now() + 2000;
    while ((existsSync(this.device) || existsSync(this.host)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
  }

  async remove(): Promise<void> {
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
