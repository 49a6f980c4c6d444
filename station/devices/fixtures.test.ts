import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { hexLine, loadHex, section, splitFrames } from "./fixtures.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
/** A fresh folder, removed after the test. */
const tempFolder = () => {
  const d = mkdtempSync(join(tmpdir(), "fx-"));
  dirs.push(d);
  return d;
};

describe("recorded-frame files", () => {
  it("round-trips what the recorder writes", () => {
    const dir = tempFolder();
    const file = join(dir, "rec.hex");
    const frames = [Uint8Array.of(0x53, 0x20, 0x53, 0x0d, 0x0a), Uint8Array.of(0x06)];
    writeFileSync(file, ["# bench: recorded 2026-11-27", hexLine(frames[0]!, "+0 ms"), hexLine(frames[1]!)].join("\n"));
    const loaded = loadHex(pathToFileURL(file));
    expect(section(loaded, "bench")).toEqual(frames);
    expect(loaded[0]?.note).toBe("+0 ms");
  });

  it("splits a stream on frame ends and keeps the tail", () => {
    const s = Buffer.from("S S 1 g\r\nS S 2 g\r\nS S", "latin1");
    const { frames, rest } = splitFrames(s, [0x0a]);
    expect(frames.map((f) => Buffer.from(f).toString("latin1"))).toEqual(["S S 1 g\r\n", "S S 2 g\r\n"]);
    expect(Buffer.from(rest).toString("latin1")).toBe("S S");
  });

  it("rejects a malformed line with its text", () => {
    const dir = tempFolder();
    const file = join(dir, "bad.hex");
    writeFileSync(file, "0g 12\n");
    expect(() => loadHex(pathToFileURL(file))).toThrow(/bad hex line "0g 12"/);
  });
});
