import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, connect as tcpConnect, type AddressInfo } from "node:net";
import { userInfo } from "node:os";
import { join } from "node:path";
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";

/** Helpers for the broker ACL suites: free ports, MQTT clients that fail fast, a Mosquitto from the shipped config. */
export const ROOT = new URL("../../", import.meta.url).pathname;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Connects once (no reconnect); rejects with the broker's refusal. */
export function connectClient(url: string, opts: IClientOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5_000, protocolVersion: 4, ...opts });
    client.once("connect", () => resolve(client));
    client.once("error", (err) => {
      client.end(true);
      reject(err);
    });
    client.once("close", () => reject(new Error("connection closed before CONNACK")));
  });
}

/** Subscribes and returns the granted QoS (128 = refused; mqtt.js reports that as an error carrying the SUBACK). */
export function subscribeGranted(client: MqttClient, filter: string): Promise<number> {
  return new Promise((resolve, reject) => {
    client.subscribe(filter, { qos: 1 }, (err, granted) => {
      const suback = (err as { packet?: { granted?: number[] } } | undefined)?.packet?.granted?.[0];
      if (err && suback === undefined) return reject(err);
      resolve(suback ?? granted?.[0]?.qos ?? -1);
    });
  });
}

/** Collects every message a client receives, by topic. */
export function collect(client: MqttClient): Array<{ topic: string; payload: string }> {
  const got: Array<{ topic: string; payload: string }> = [];
  client.on("message", (topic, payload) => got.push({ topic, payload: payload.toString() }));
  return got;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(check: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await sleep(20);
  }
}

export function mosquittoMissing(): string | undefined {
  try {
    execFileSync("mosquitto", ["-h"], { stdio: "ignore" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "mosquitto is not installed (apt-get install mosquitto)";
  }
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
  } catch {
    return "openssl is not installed";
  }
  return undefined;
}

export interface RunningMosquitto {
  url: string;
  tlsUrl: string;
  caFile: string;
  stop(): Promise<void>;
}

async function waitForPort(port: number, proc: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`mosquitto exited with ${proc.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, "127.0.0.1", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`mosquitto did not listen on ${port}: ${log()}`);
}

/**
 * Starts Mosquitto with firmware-config/broker/mosquitto.conf and acl as shipped; only the file
 * locations and ports are moved into `dir` (the production paths need root), and persistence is
 * kept in `dir`. Certificates come from scripts/provision/make-site-ca.sh.
 */
export async function startShippedMosquitto(dir: string, passwd: string): Promise<RunningMosquitto> {
  const etc = join(dir, "etc");
  mkdirSync(join(etc, "certs"), { recursive: true });
  writeFileSync(join(etc, "passwd"), passwd);
  copyFileSync(join(ROOT, "firmware-config/broker/acl"), join(etc, "acl"));
  execFileSync(join(ROOT, "scripts/provision/make-site-ca.sh"), [join(dir, "ca"), "localhost", "127.0.0.1"], {
    stdio: "ignore",
  });
  copyFileSync(join(dir, "ca", "ca.crt"), join(etc, "certs", "ca.crt"));
  copyFileSync(join(dir, "ca", "localhost.crt"), join(etc, "certs", "broker.crt"));
  copyFileSync(join(dir, "ca", "localhost.key"), join(etc, "certs", "broker.key"));
  const [port, tlsPort] = [await freePort(), await freePort()];
  const conf = readFileSync(join(ROOT, "firmware-config/broker/mosquitto.conf"), "utf8")
    .replaceAll("/etc/mosquitto/vaultline/", `${etc}/`)
    .replace("persistence_location /var/lib/mosquitto/", `persistence_location ${dir}/`)
    .replace(/^listener 1883 127\.0\.0\.1$/m, `listener ${port} 127.0.0.1`)
    .replace(/^listener 8883$/m, `listener ${tlsPort} 127.0.0.1`);
  // Run as the current user: Mosquitto started as root would switch to "mosquitto" and lose the temp files.
  writeFileSync(join(dir, "mosquitto.conf"), `${conf}\nuser ${userInfo().username}\n`);
  let output = "";
  const proc = spawn("mosquitto", ["-c", join(dir, "mosquitto.conf")], { stdio: ["ignore", "pipe", "pipe"] });
  proc.stdout?.on("data", (d) => (output += String(d)));
  proc.stderr?.on("data", (d) => (output += String(d)));
  await waitForPort(port, proc, () => output);
  await waitForPort(tlsPort, proc, () => output);
  return {
    url: `mqtt://127.0.0.1:${port}`,
    tlsUrl: `mqtts://127.0.0.1:${tlsPort}`,
    caFile: join(etc, "certs", "ca.crt"),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}
