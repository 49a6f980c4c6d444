import { execFile, execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";

/**
 * backup.sh and restore.sh on real files: the hub ledger is written to all through the backup,
 * the station's stores are copied whole, and a restore swaps the folder with the service stopped.
 */
const run = promisify(execFile);
const HERE = new URL("./", import.meta.url).pathname;

function missingTools(): string | undefined {
  for (const bin of ["sqlite3", "tar", "bash"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${bin}`], { stdio: "ignore" });
    } catch {
      return `${bin} is not installed`;
    }
  }
  return undefined;
}
const missing = missingTools();
if (missing) console.warn(`backup script tests skipped: ${missing}`);

/** A temp root with a data folder, an empty env folder and a systemctl stand-in that logs its calls. */
function sandbox(role: "hub" | "station") {
  const root = mkdtempSync(join(tmpdir(), `vl-backup-${role}-`));
  const data = join(root, "data", role);
  mkdirSync(data, { recursive: true });
  const calls = join(root, "systemctl.log");
  const systemctl = join(root, "systemctl");
  writeFileSync(systemctl, `#!/bin/sh\necho "$@" >> ${calls}\n`);
  chmodSync(systemctl, 0o755);
  const env = {
    ...process.env,
    VAULTLINE_ENV_DIR: join(root, "etc"),
    VAULTLINE_SYSTEMCTL: systemctl,
    HUB_DATA_DIR: join(root, "data", "hub"),
    STATION_DATA_DIR: join(root, "data", "station"),
  };
  return { root, data, env, calls: () => (existsSync(calls) ? readFileSync(calls, "utf8").trim().split("\n") : []) };
}

describe.skipIf(missing !== undefined)("hub backup and restore", () => {
  it("takes a consistent SQLite snapshot while the ledger is being written, and restores it", async () => {
    const box = sandbox("hub");
    const db = new SQLite(join(box.data, "ledger.sqlite"));
    db.pragma("journal_mode = WAL");
    db.exec("create table events (id integer primary key, payload text not null)");
    const insert = db.prepare("insert into events (payload) values (?)");
    for (let i = 0; i < 2_000; i++) insert.run(`before-${i}`);
    let during = 0;
    const writer = setInterval(() => {
      db.transaction(() => {
        for (let i = 0; i < 50; i++) insert.run(`during-${during++}`);
      })();
    }, 1);
    let archive: string;
    try {
      archive = (
        await run(join(HERE, "backup.sh"), ["hub", "--out", join(box.root, "out")], { env: box.env })
      ).stdout.trim();
    } finally {
      clearInterval(writer);
    }
    expect(during).toBeGreaterThan(0);
    const unpacked = join(box.root, "unpacked");
    mkdirSync(unpacked);
    execFileSync("tar", ["-C", unpacked, "-xzf", archive]);
    const copy = new SQLite(join(unpacked, "data", "ledger.sqlite"), { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const copied = (copy.prepare("select count(*) as n from events").get() as { n: number }).n;
    copy.close();
    expect(copied).toBeGreaterThanOrEqual(2_000);

    insert.run("after-backup");
    db.close();
    await run(join(HERE, "restore.sh"), [archive], { env: box.env });
    const restored = new SQLite(join(box.data, "ledger.sqlite"), { readonly: true });
    expect((restored.prepare("select count(*) as n from events").get() as { n: number }).n).toBe(copied);
    restored.close();
    expect(box.calls()).toEqual(["stop vaultline-hub.service", "start vaultline-hub.service"]);
    expect(readdirSync(join(box.root, "data")).some((d) => d.startsWith("hub.before-restore-"))).toBe(true);
  });

  it("refuses an archive that is not a Vaultline backup, leaving the data alone", async () => {
    const box = sandbox("hub");
    writeFileSync(join(box.data, "keep.txt"), "x");
    const bogus = join(box.root, "bogus.tar.gz");
    execFileSync("tar", ["-C", box.data, "-czf", bogus, "keep.txt"]);
    await expect(run(join(HERE, "restore.sh"), [bogus], { env: box.env })).rejects.toThrow(/not a Vaultline backup/);
    expect(readFileSync(join(box.data, "keep.txt"), "utf8")).toBe("x");
    expect(box.calls()).toEqual([]);
  });
});

describe.skipIf(missing !== undefined)("station backup and restore", () => {
  it("copies every store file and puts them back", async () => {
    const box = sandbox("station");
    const files = {
      "replica.json": '{"packages":[]}',
      "session.json": '{"open":null}',
      "outbox.journal": '+{"id":"1"}\n-1\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(box.data, name), text);
    const archive = (
      await run(join(HERE, "backup.sh"), ["station", "--out", join(box.root, "out")], { env: box.env })
    ).stdout.trim();
    expect(archive).toMatch(/vaultline-station-.+\.tar\.gz$/);
    writeFileSync(join(box.data, "replica.json"), '{"packages":["changed"]}');
    await run(join(HERE, "restore.sh"), [archive, "--no-restart"], { env: box.env });
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(box.data, name), "utf8")).toBe(text);
    expect(box.calls()).toEqual(["stop vaultline-station.service"]);
  });
});
