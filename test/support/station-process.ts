import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.js";

const stationMain = fileURLToPath(new URL("../../station/cli.ts", import.meta.url));

export interface StationProcess {
  child: ChildProcess;
  url: string;
  pid: number;
  /** SIGKILL, as a power cut or an OOM kill would. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

/**
 * Runs a vault station in its own process (simulated devices), the way systemd runs it, so that
 * tests can kill it for real and benchmarks can read its own memory. With `logFile` its output is
 * appended there instead of the caller's terminal.
 */
export async function spawnStation(
  env: Record<string, string>,
  opts: { logFile?: string } = {},
): Promise<StationProcess> {
  const port = Number(env.STATION_PORT) || (await freePort());
  const out = opts.logFile ? openSync(opts.logFile, "a") : "inherit";
  const child = spawn(process.execPath, ["--import", "tsx", stationMain], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env, STATION_PORT: String(port) },
    stdio: ["ignore", out, out],
  });
  if (typeof out === "number") closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`station exited with ${child.exitCode} before answering`);
    const ok = await fetch(`${url}/api/status`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("station did not answer /api/status within 30 s");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    pid: child.pid ?? -1,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Resident set size of a process, in MB, from /proc. */
export async function rssMegabytes(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
