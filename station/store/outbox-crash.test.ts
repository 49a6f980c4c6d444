import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { quietLog, tempDir } from "#station/testing/helpers.js";
import { Outbox } from "./outbox.js";

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const writer = fileURLToPath(new URL("./fixtures/outbox-writer.ts", import.meta.url));

/** Runs the writer until it has confirmed `target` events, then SIGKILLs it; returns the confirmed ids. */
function runAndKill(file: string, target: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", writer, file], { stdio: ["ignore", "pipe", "pipe"] });
    const confirmed: string[] = [];
    let partial = "";
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on("data", (d: Buffer) => {
      const lines = (partial + d.toString()).split("\n");
      partial = lines.pop() ?? "";
      confirmed.push(...lines.filter(Boolean));
      if (confirmed.length >= target) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) =>
      signal === "SIGKILL" ? resolve(confirmed) : reject(new Error(`writer exited early: ${stderr}`)),
    );
  });
}

describe("Outbox after SIGKILL mid-stream", () => {
  it("still holds every event whose append had resolved", async () => {
    const file = join(dir, "outbox.journal");
    const confirmed = await runAndKill(file, 2000);
    const box = await Outbox.open({ file, log: quietLog });
    const pending = new Set([...box.entries()].map((e) => e.id));
    const lost = confirmed.filter((id) => !pending.has(id));
    expect(confirmed.length).toBeGreaterThanOrEqual(2000);
    expect(lost).toEqual([]);
    await box.close();
  }, 60_000);
});
