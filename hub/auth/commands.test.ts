import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stationCommand } from "./commands.js";

describe("vaultline-hub station (subcommand map entry)", () => {
  it("issues credentials into the configured ledger and lists them on a later run", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "vl-hub-cli-"));
    const out: string[] = [];
    const err: string[] = [];
    const io = { env: { HUB_DATA_DIR: dataDir }, out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await stationCommand.run(["add", "vault-3"], io)).toBe(0);
    expect(JSON.parse(out[0] ?? "{}")).toMatchObject({ id: "vault-3", username: "vault-3" });
    expect(await stationCommand.run(["list"], io)).toBe(0);
    expect(JSON.parse(out[1] ?? "{}")).toMatchObject({ id: "vault-3" });
    expect(await stationCommand.run(["remove", "vault-3"], io)).toBe(2);
    expect(err).toEqual([expect.stringContaining("usage: station add <id>")]);
  });
});
