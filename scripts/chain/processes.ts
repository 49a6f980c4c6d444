/**
 * Hub and station processes for the chain demo, each in its own process as systemd runs them,
 * with its output appended to a log file in the demo folder.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const hubMain = fileURLToPath(new URL("../../hub/run.ts", import.meta.url));
const stationMain = fileURLToPath(new URL("../../station/cli.ts", import.meta.url));

export interface ChildService {
  url: string;
  stop(): Promise<void>;
}

async function spawnService(
  main: string,
  log: string,
  env: Record<string, string>,
  ready: string,
): Promise<ChildService> {
  const out = openSync(log, "a");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", main], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${main} exited with ${child.exitCode}; see ${log}`);
    if (
      await fetch(ready).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${main} did not answer ${ready} within 60 s; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url: new URL(ready).origin,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A hub process of the chain (HUB_CHAIN=1) on `port`, its files in `dir`/hub-N. */
export function spawnHubProcess(opts: {
  index: number;
  port: number;
  dir: string;
  env: Record<string, string>;
}): Promise<ChildService> {
  return spawnService(
    hubMain,
    join(opts.dir, `hub-${opts.index + 1}.log`),
    {
      HUB_PORT: String(opts.port),
      HUB_DATA_DIR: join(opts.dir, `hub-${opts.index + 1}`),
      HUB_CHAIN: "1",
      HUB_MQTT_CLIENT_ID: `vaultline-hub-${opts.index + 1}`,
      ...opts.env,
    },
    `http://127.0.0.1:${opts.port}/api/health`,
  );
}

/** A vault station with simulated devices on `port`, its files in `dir`/<station id>. */
export function spawnStationProcess(opts: {
  port: number;
  dir: string;
  env: Record<string, string>;
}): Promise<ChildService> {
  const id = opts.env.STATION_ID ?? "station";
  return spawnService(
    stationMain,
    join(opts.dir, `${id}.log`),
    { STATION_PORT: String(opts.port), STATION_DATA_DIR: join(opts.dir, id), ...opts.env },
    `http://127.0.0.1:${opts.port}/api/status`,
  );
}
