import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { fileURLToPath } from "node:url";

const hubMain = fileURLToPath(new URL("../../hub/run.ts", import.meta.url));

/** A hub running in its own process, as systemd runs it (`vaultline-hub`). */
export interface HubProcess {
  child: ChildProcess;
  url: string;
  /** SIGKILL, as a power cut or an OOM kill would. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

/**
 * Starts the hub from environment-style settings (HUB_PORT must be set), appending its output
 * to `logFile`, and resolves once GET /api/health answers 200 with the automation token.
 */
export async function spawnHub(env: Record<string, string>, logFile: string): Promise<HubProcess> {
  const out = openSync(logFile, "a");
  const child = spawn(process.execPath, ["--import", "tsx", hubMain], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${env.HUB_PORT}`;
  const headers = env.HUB_API_TOKEN ? { authorization: `Bearer ${env.HUB_API_TOKEN}` } : undefined;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode} before answering (see ${logFile})`);
    const ok = await fetch(`${url}/api/health`, { headers }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`hub did not answer /api/health within 60 s (see ${logFile})`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    child,
    url,
    async kill() {
      if (running()) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (running()) child.kill("SIGTERM");
      await exited;
    },
  };
}
