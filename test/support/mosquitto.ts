import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitForPort } from "./ports.js";

/** Where Debian installs the broker. */
const CANDIDATES = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"];

export function mosquittoBinary(): string | undefined {
  for (const path of CANDIDATES) {
    if (spawnSync(path, ["-h"], { stdio: "ignore" }).error === undefined) return path;
  }
  return undefined;
}

export interface RunningMosquitto {
  url: string;
  port: number;
  /** Kills the broker (SIGKILL when `hard`), as a crash or an outage would. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  /** Stops it for good and removes its config folder. */
  close(): Promise<void>;
}

export interface MosquittoOptions {
  /** Mosquitto's own default is 1000 queued QoS 1 messages per client; 0 means no limit. */
  maxQueuedMessages?: number;
  extraConfig?: string;
}

/** Starts a private Mosquitto on a free loopback port, with its own config, for one test file or bench. */
export async function startMosquitto(opts: MosquittoOptions = {}): Promise<RunningMosquitto> {
  const bin = mosquittoBinary();
  if (!bin) throw new Error("mosquitto is not installed (apt-get install mosquitto)");
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "vaultline-mosquitto-"));
  const conf = join(dir, "mosquitto.conf");
  const lines = [
    `listener ${port} 127.0.0.1`,
    "allow_anonymous true",
    "persistence false",
    ...(opts.maxQueuedMessages !== undefined ? [`max_queued_messages ${opts.maxQueuedMessages}`] : []),
    opts.extraConfig ?? "",
  ];
  writeFileSync(conf, `${lines.join("\n")}\n`);
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(bin, ["-c", conf], { stdio: "ignore" });
    await waitForPort(port);
  };
  const stop = async (hard = false) => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once("exit", () => resolve());
      c.kill(hard ? "SIGKILL" : "SIGTERM");
    });
    child = undefined;
  };
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    stop,
    restart: start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
