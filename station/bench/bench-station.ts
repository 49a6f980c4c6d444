import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

/**
 * How the station benchmarks start the station under test: in its own process (so its RSS is its
 * own), the JavaScript in dist/ when BENCH_STATION_DIST=1 (the form systemd runs; `npm run build`
 * first), otherwise the sources through tsx.
 */
export function stationArgs(): string[] {
  if (process.env.BENCH_STATION_DIST === "1")
    return [fileURLToPath(new URL("../../dist/station/cli.js", import.meta.url))];
  return ["--import", "tsx", fileURLToPath(new URL("../cli.ts", import.meta.url))];
}

/** Starts the station and resolves once it prints its kiosk URL. */
export async function startStationChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, stationArgs(), {
    env: { ...process.env, ...env, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      const m = /kiosk at (http:\/\/\S+?)\/?$/m.exec(d.toString());
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`station exited with ${code}`)));
  });
  return { child, url };
}

/** Stops a station started by startStationChild and waits for it to exit. */
export async function stopStationChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

/** A loopback TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Follows an SSE stream and notes when each frame matching `frame` arrives (performance.now()),
 * keyed by the scan id the pattern's first group captures.
 */
export async function followFrames(
  url: string,
  frame: RegExp,
): Promise<{ arrivals: Map<string, number>; stop(): Promise<void> }> {
  const res = await fetch(url);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const arrivals = new Map<string, number>();
  let buffer = "";
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      const now = performance.now();
      buffer += decoder.decode(value);
      const frames = buffer.split("\n\n");
      buffer = frames.pop() ?? "";
      for (const f of frames) {
        const id = frame.exec(f)?.[1];
        if (id) arrivals.set(id, now);
      }
    }
  })();
  return { arrivals, stop: () => reader.cancel() };
}
