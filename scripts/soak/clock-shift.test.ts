import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const shim = fileURLToPath(new URL("./clock-shift.mjs", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * Runs a child with the shim: it prints its wall-clock skew from the monotonic clock (s), whether
 * `new Date()` agrees with Date.now(), whether `Date()` still answers a string, and `new Date(0)`;
 * then the offset file changes, SIGUSR2 arrives, and it prints its skew again.
 */
function run(initialOffset: number, nextOffset: number): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-clock-"));
  dirs.push(dir);
  const file = join(dir, "offset");
  writeFileSync(file, String(initialOffset));
  const script = `
    const skew = () => Math.round((Date.now() - (performance.timeOrigin + performance.now())) / 1000);
    console.log(skew(), Math.round((new Date().getTime() - Date.now()) / 1000), typeof Date() === "string" ? 1 : 0, new Date(0).getTime());
    process.stdin.once("data", () => { setTimeout(() => { console.log(skew()); process.exit(0); }, 100); });
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", shim, "-e", script], {
      env: { ...process.env, SOAK_CLOCK_FILE: file },
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      if (out.split("\n").length === 2) {
        writeFileSync(file, String(nextOffset));
        child.kill("SIGUSR2");
        child.stdin.write("go\n");
      }
    });
    child.once("exit", () => resolve(out.trim().split(/\s+/).map(Number)));
    child.once("error", reject);
  });
}

describe("clock step shim for soak children", () => {
  it("offsets Date.now() and new Date() from the start, and steps them on SIGUSR2", async () => {
    const [before, sameAsNow, dateCall, epoch, after] = await run(3_600_000, -60_000);
    expect(before).toBe(3_600);
    expect(sameAsNow).toBe(0);
    expect(dateCall).toBe(1);
    expect(epoch).toBe(0);
    expect(after).toBe(-60);
  });
});
