import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHubCli } from "./cli.js";
import { appendAudit } from "./ledger/audit.js";
import { migrateLedger } from "./store/migrate.js";
import { openLedger } from "./store/open.js";
import { capturedIo as io } from "./testing/cli-kit.js";

describe("vaultline-hub CLI", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vaultline-cli-"));
    const ledger = openLedger({ dataDir: dir });
    await migrateLedger(ledger.db);
    await appendAudit(ledger.db, {
      actor: "emp-001",
      action: "count.close",
      subject: "count-7",
      detail: { lines: 12 },
    });
    await appendAudit(ledger.db, {
      actor: "emp-002",
      action: "package.quarantine",
      subject: "1A4060300002199000003445",
    });
    await ledger.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists its subcommands and refuses unknown ones", async () => {
    const help = io();
    expect(await runHubCli(["help"], help)).toBe(0);
    expect(help.lines.join("\n")).toMatch(
      /statesystem[\s\S]*station add <id>[\s\S]*user passwd[\s\S]*audit export --out FILE/,
    );
    const bad = io();
    expect(await runHubCli(["frobnicate"], bad)).toBe(2);
    expect(bad.errors[0]).toContain('unknown subcommand "frobnicate"');
  });

  it("dispatches to the subcommands other modules register", async () => {
    const out = io({ HUB_DATA_DIR: dir });
    expect(await runHubCli(["station", "add", "Not A Station!"], out)).not.toBe(0);
    expect(out.errors.join("\n")).toMatch(/station id: lowercase letters/);
  });

  it("exports the audit trail and verifies it; a tampered file exits 1 naming the entry", async () => {
    const file = join(dir, "audit.jsonl");
    const exp = io({ HUB_DATA_DIR: dir });
    expect(await runHubCli(["audit", "export", "--out", file], exp)).toBe(0);
    expect(exp.lines[0]).toContain("exported 3 audit entries");
    const ok = io();
    expect(await runHubCli(["audit", "verify", file], ok)).toBe(0);
    writeFileSync(file, readFileSync(file, "utf8").replace("count-7", "count-8"));
    const bad = io();
    expect(await runHubCli(["audit", "verify", file], bad)).toBe(1);
    expect(bad.lines[0]).toMatch(/^tampered: entry 1 \(line 1\)/);
  });

  it("rejects a malformed date range", async () => {
    const out = io({ HUB_DATA_DIR: dir });
    expect(await runHubCli(["audit", "export", "--out", join(dir, "x"), "--from", "last tuesday"], out)).toBe(2);
    expect(out.errors[0]).toContain("--from takes a date");
  });

  describe("when a port is taken", () => {
    let busy: Server;
    let port: number;
    beforeAll(async () => {
      busy = createServer();
      await new Promise<void>((r) => busy.listen(0, "0.0.0.0", r));
      port = (busy.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => busy.close(() => r())));

    it("prints one line naming the variable to change", async () => {
      const out = io({ HUB_DATA_DIR: dir, HUB_PORT: "0", MQTT_PORT: String(port) });
      expect(await runHubCli([], out)).toBe(1);
      expect(out.errors).toEqual([expect.stringMatching(/MQTT port \d+ is already in use: set MQTT_PORT/)]);
      const http = io({ HUB_DATA_DIR: dir, HUB_PORT: String(port), MQTT_PORT: "0" });
      expect(await runHubCli([], http)).toBe(1);
      expect(http.errors).toEqual([expect.stringMatching(/HTTP port \d+ is already in use: set HUB_PORT/)]);
    });

    it("says which database did not answer, without its password", async () => {
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((r) => closed.close(() => r()));
      const out = io({
        HUB_DATA_DIR: dir,
        HUB_PORT: "0",
        MQTT_PORT: "0",
        HUB_DB_URL: `postgres://postgres:s3cret@127.0.0.1:${closedPort}/none`,
      });
      expect(await runHubCli([], out)).toBe(1);
      expect(out.errors).toEqual([
        expect.stringMatching(
          /^ledger not reachable: .*\(postgres:\/\/postgres@127\.0\.0\.1:\d+\/none\): check HUB_DB_URL$/,
        ),
      ]);
      expect(out.errors[0]).not.toContain("s3cret");
    });

    it("names each bad configuration variable", async () => {
      const out = io({ HUB_PORT: "eighty", HUB_DB_URL: "mysql://x" });
      expect(await runHubCli([], out)).toBe(2);
      expect(out.errors.join("\n")).toMatch(/HUB_PORT[\s\S]*HUB_DB_URL must start with postgres/);
    });
  });
});
