import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./publisher.ts", import.meta.url));

/** Runs the publisher in a child process so it does not share an event loop with what is measured. */
export function runPublisher(
  url: string,
  count: number,
  stations: number,
  prefix: string,
): Promise<{ published: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, url, String(count), String(stations), prefix], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`publisher exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}"));
    });
  });
}
