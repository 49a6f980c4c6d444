/**
 * Measures what a serial port does when its line hangs up: socat makes a pseudo-terminal pair,
 * a port is opened on one end and read, and socat is killed (as a USB adapter is pulled). For each
 * unplug it records the CPU the process spent in the next 3 s and whether a close came.
 *
 *   npx tsx scripts/serial-hangup.ts [unplugs]      (needs socat; prints one JSON line per case)
 *
 * "library" is serialport's stream over its own binding, as bindings-cpp 13.0.0 ships it;
 * "transport" is the station's serialTransport, which reports a zero-byte read as a hang-up.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SerialPortStream } from "@serialport/stream";
import { SerialPort } from "serialport";
import { serialTransport } from "#station/devices/serial/byte-transport.js";

interface Unplug {
  cpuMs: number;
  closedAfterMs: number | null;
}
type Opened = { onData(cb: () => void): void; onClose(cb: () => void): void; close(): Promise<void> };

async function library(path: string): Promise<Opened> {
  const port = new SerialPortStream({ binding: SerialPort.binding, path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return {
    onData: (cb) => {
      port.on("data", cb);
    },
    onClose: (cb) => {
      port.once("close", cb);
    },
    close: () => new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

async function unplugOnce(open: (path: string) => Promise<Opened>): Promise<Unplug> {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-hangup-"));
  const [device, host] = [join(dir, "device"), join(dir, "host")];
  const socat = spawn("socat", [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], { stdio: "ignore" });
  while (!(existsSync(device) && existsSync(host))) await new Promise((r) => setTimeout(r, 20));
  const port = await open(host);
  let closedAt: number | null = null;
  const t0 = Date.now();
  port.onData(() => undefined);
  let watching = true;
  port.onClose(() => {
    if (watching) closedAt = Date.now() - t0;
  });
  const cpu0 = process.cpuUsage();
  socat.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 3000));
  const cpu = process.cpuUsage(cpu0);
  watching = false;
  await port.close();
  rmSync(dir, { recursive: true, force: true });
  return { cpuMs: Math.round((cpu.user + cpu.system) / 1000), closedAfterMs: closedAt };
}

const unplugs = Number(process.argv[2] ?? 20);
for (const [name, open] of [
  ["library", library],
  ["transport", (p: string) => serialTransport(p, { baudRate: 9600 })()],
] as const) {
  const runs: Unplug[] = [];
  for (let i = 0; i < unplugs; i++) runs.push(await unplugOnce(open));
  const spun = runs.filter((r) => r.cpuMs > 500);
  console.log(
    JSON.stringify({
      case: name,
      unplugs,
      closed: runs.filter((r) => r.closedAfterMs !== null).length,
      spinning: spun.length,
      spinCpuMs: spun.map((r) => r.cpuMs),
      maxCloseMs: Math.max(0, ...runs.map((r) => r.closedAfterMs ?? 0)),
    }),
  );
}
process.exit(0);
