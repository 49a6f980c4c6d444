import { execFile, execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { migrateLedger } from "#hub/store/migrate.js";
import { openTestLedger, PG_TEST_URL, postgresAvailable } from "#hub/testing/ledger.js";

/**
 * backup.sh and restore.sh on a PostgreSQL ledger (a chain's): pg_dump of the hub's schema
 * while it is written to, then pg_restore into it after rows were lost, and the migrations
 * find nothing left to do on the restored ledger.
 */
const run = promisify(execFile);
const HERE = new URL("./", import.meta.url).pathname;

function missingTools(): string | undefined {
  for (const bin of ["pg_dump", "pg_restore", "tar", "bash"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${bin}`], { stdio: "ignore" });
    } catch {
      return `${bin} is not installed`;
    }
  }
  return undefined;
}
const missing =
  missingTools() ?? ((await postgresAvailable()) ? undefined : "PostgreSQL does not answer at 127.0.0.1:5432");
if (missing) console.warn(`PostgreSQL backup tests skipped: ${missing}`);

describe.skipIf(missing !== undefined)("hub backup and restore on PostgreSQL", () => {
  it("dumps the hub's schema, restores it after a loss, and the restored ledger is at the latest migration", async () => {
    const ledger = await openTestLedger("postgres");
    const root = mkdtempSync(join(tmpdir(), "vl-backup-pg-"));
    try {
      const systemctl = join(root, "systemctl");
      writeFileSync(systemctl, "#!/bin/sh\nexit 0\n");
      chmodSync(systemctl, 0o755);
      mkdirSync(join(root, "data", "hub"), { recursive: true });
      const env = {
        ...process.env,
        VAULTLINE_ENV_DIR: join(root, "etc"),
        VAULTLINE_SYSTEMCTL: systemctl,
        HUB_DATA_DIR: join(root, "data", "hub"),
        HUB_DB_URL: PG_TEST_URL,
        HUB_DB_SCHEMA: ledger.pgSchema!,
      };
      const at = new Date().toISOString();
      const rows = Array.from({ length: 500 }, (_, i) => ({
        id: `st-${i}`,
        site_id: "default",
        online: 1,
        last_seen: at,
        status: "{}",
      }));
      await ledger.db.insertInto("stations").values(rows).execute();
      const archive = (await run(join(HERE, "backup.sh"), ["hub", "--out", join(root, "out")], { env })).stdout.trim();
      await ledger.db.deleteFrom("stations").execute();
      await ledger.db
        .insertInto("stations")
        .values({ id: "after-backup", site_id: "default", online: 0, last_seen: at, status: "{}" })
        .execute();
      await run(join(HERE, "restore.sh"), [archive, "--no-restart"], { env });
      const back = await ledger.db.selectFrom("stations").select("id").orderBy("id").execute();
      expect(back).toHaveLength(500);
      expect(back.some((r) => r.id === "after-backup")).toBe(false);
      const again = await migrateLedger(ledger.db, { pgSchema: ledger.pgSchema });
      expect(again).toEqual([]);
    } finally {
      await ledger.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
