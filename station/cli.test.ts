import { describe, expect, it } from "vitest";
import { runStationCli, type CliIo } from "./cli.js";

function captureIo(): CliIo & { outs: string[]; errs: string[] } {
  const outs: string[] = [];
  const errs: string[] = [];
  return { outs, errs, out: (l) => outs.push(l), err: (l) => errs.push(l) };
}

describe("runStationCli", () => {
  it("prints usage for help", async () => {
    const io = captureIo();
    expect(await runStationCli(["--help"], io)).toBe(0);
    expect(io.outs.join("\n")).toContain("vaultline-station probe");
  });

  it("rejects an unknown command with usage", async () => {
    const io = captureIo();
    expect(await runStationCli(["fly"], io)).toBe(2);
    expect(io.errs.join("\n")).toContain('unknown command "fly"');
  });

  it("hands probe to the device bring-up tool", async () => {
    const io = captureIo();
    expect(await runStationCli(["probe", "kettle"], io)).toBe(2);
    expect(io.errs.join("\n")).toContain("usage: vaultline-station probe");
  });

  it("names the variable of a bad configuration and exits 1", async () => {
    const io = captureIo();
    expect(await runStationCli([], io, { STATION_PORT: "not-a-port" })).toBe(1);
    expect(io.errs).toEqual([expect.stringMatching(/^config: STATION_PORT \(port\): /)]);
  });
});
