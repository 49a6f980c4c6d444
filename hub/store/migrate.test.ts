import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrateLedger } from "./migrate.js";
import { openLedger } from "./open.js";

function migrationFile(dir: string, name: string, table: string): void {
  writeFileSync(
    join(dir, name),
    `export async function up(db) { await db.schema.createTable(${JSON.stringify(table)}).addColumn("id", "text", (c) => c.primaryKey()).execute(); }\n`,
  );
}

describe("ledger migrations", () => {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-migrations-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("applies a file added later that sorts before one already applied", async () => {
    migrationFile(dir, "0001_first.mjs", "first_table");
    migrationFile(dir, "0200_logins.mjs", "logins_table");
    writeFileSync(join(dir, "README.md"), "not a migration");
    const ledger = openLedger({ dataDir: dir, sqliteFile: ":memory:" });
    try {
      const first = await migrateLedger(ledger.db, { folder: dir });
      expect(first.map((r) => `${r.migrationName}:${r.status}`)).toEqual(["0001_first:Success", "0200_logins:Success"]);
      migrationFile(dir, "0100_statesystem.mjs", "statesystem_table");
      const second = await migrateLedger(ledger.db, { folder: dir });
      expect(second.map((r) => `${r.migrationName}:${r.status}`)).toEqual(["0100_statesystem:Success"]);
      const tables = (await ledger.db.introspection.getTables()).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(["first_table", "logins_table", "statesystem_table"]));
    } finally {
      await ledger.close();
    }
  });

  it("names the migration that failed", async () => {
    const bad = mkdtempSync(join(tmpdir(), "vaultline-migrations-bad-"));
    writeFileSync(
      join(bad, "0001_broken.mjs"),
      "export async function up(db) { await db.schema.createTable('x').execute(); }\n",
    );
    const ledger = openLedger({ dataDir: bad, sqliteFile: ":memory:" });
    try {
      await expect(migrateLedger(ledger.db, { folder: bad })).rejects.toThrow(/ledger migration 0001_broken failed/);
    } finally {
      await ledger.close();
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it("applies every module's folder as one list, and refuses one id in two folders", async () => {
    const a = mkdtempSync(join(tmpdir(), "vaultline-migrations-a-"));
    const b = mkdtempSync(join(tmpdir(), "vaultline-migrations-b-"));
    migrationFile(a, "0001_ledger.mjs", "ledger_table");
    migrationFile(b, "0300_receiving.mjs", "receiving_table");
    const ledger = openLedger({ dataDir: a, sqliteFile: ":memory:" });
    try {
      expect((await migrateLedger(ledger.db, { folders: [b, a] })).map((r) => r.migrationName)).toEqual([
        "0001_ledger",
        "0300_receiving",
      ]);
      migrationFile(b, "0001_ledger.mjs", "ledger_table_again");
      await expect(migrateLedger(ledger.db, { folders: [a, b] })).rejects.toThrow(
        /migration 0001_ledger is in two places/,
      );
    } finally {
      await ledger.close();
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});
