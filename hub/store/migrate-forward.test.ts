import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Migrator, type Migration } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { listAudit } from "#hub/ledger/audit.js";
import { verifyAuditText } from "#hub/ledger/audit-chain.js";
import { findPackage } from "#hub/ledger/catalog.js";
import { fullPackageHistory } from "#hub/ledger/history.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
import { openTestLedger, testDialects, TEST_SITE } from "#hub/testing/ledger.js";
import { FolderMigrationProvider, hubMigrationFolders, migrateLedger } from "./migrate.js";
import { openLedger, type Ledger } from "./open.js";

/** The migration ids a hub had applied before each module owned its migrations (commit b0f2e6e). */
const APPLIED_BEFORE = [
  "0001_ledger",
  "0002_audit_entries",
  "0100_statesystem",
  "0101_statesystem_items_locations",
  "0200_auth",
  "0300_receiving",
];
const LABEL = "1A4060300012B7C000003001";
const fixture = readFileSync(new URL("./fixtures/ledger-from-main.sql", import.meta.url), "utf8");

/** What a ledger written by the older hub still holds after migrating forward. */
async function expectOldRowsKept(ledger: Ledger): Promise<void> {
  expect((await findPackage(ledger.db, TEST_SITE, LABEL))?.pkg).toMatchObject({
    quantity: 24,
    location: "Vault A-1",
    status: "active",
  });
  expect((await fullPackageHistory(ledger.db, TEST_SITE, LABEL)).map((h) => h.type)).toEqual(["scan"]);
  // The package moves on through the ledger, its audit entry chained after the older ones.
  await recordPackageChanges(ledger.db, TEST_SITE, [
    {
      label: LABEL,
      at: "2026-12-01T09:00:00.000Z",
      why: "restock",
      by: { actor: "emp-001", employeeId: "emp-001" },
      to: { location: "Sales floor" },
    },
  ]);
  expect((await fullPackageHistory(ledger.db, TEST_SITE, LABEL)).map((h) => [h.type, h.employeeName])).toEqual([
    ["scan", "Dana Reyes"],
    ["movement", "Dana Reyes"],
  ]);
  const audit = await listAudit(ledger.db);
  expect(audit.map((a) => a.action)).toEqual(["receiving.line.accepted", "package.moved"]);
  expect(verifyAuditText(audit.map((a) => JSON.stringify(a)).join("\n"))).toMatchObject({ ok: true, entries: 2 });
}

describe("migration ids", () => {
  it("stay as they were when the files moved into their modules, each in one place", async () => {
    const ids = Object.keys(await new FolderMigrationProvider(hubMigrationFolders).getMigrations());
    expect(ids).toEqual(expect.arrayContaining(APPLIED_BEFORE));
    expect(ids).toEqual([...ids].sort());
  });
});

describe("a SQLite ledger written before modules owned their migrations", () => {
  const dir = mkdtempSync(join(tmpdir(), "vaultline-migrate-forward-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("migrates forward: only the newer migrations run, and its rows and audit chain are kept", async () => {
    const file = join(dir, "ledger.sqlite");
    const old = new SQLite(file);
    old.exec(fixture);
    old.close();
    const ledger = openLedger({ dataDir: dir, sqliteFile: file });
    try {
      const results = await migrateLedger(ledger.db);
      expect(results.every((r) => r.status === "Success")).toBe(true);
      expect(results.map((r) => r.migrationName).filter((n) => APPLIED_BEFORE.includes(n))).toEqual([]);
      await expectOldRowsKept(ledger);
      expect(await migrateLedger(ledger.db)).toEqual([]);
    } finally {
      await ledger.close();
    }
  });
});

describe.each(await testDialects())("a ledger migrated up to the older ids (%s)", (dialect) => {
  it("migrates forward with today's folders, running only what is new", async () => {
    const ledger = await openTestLedger(dialect, { migrate: false });
    try {
      const all = await new FolderMigrationProvider(hubMigrationFolders).getMigrations();
      const older: Record<string, Migration> = Object.fromEntries(APPLIED_BEFORE.map((id) => [id, all[id]!]));
      const before = await new Migrator({
        db: ledger.db,
        provider: { getMigrations: async () => older },
        allowUnorderedMigrations: true,
        ...(ledger.pgSchema ? { migrationTableSchema: ledger.pgSchema } : {}),
      }).migrateToLatest();
      expect(before.error).toBeUndefined();
      const results = await migrateLedger(ledger.db, { pgSchema: ledger.pgSchema });
      expect(results.map((r) => r.migrationName)).toEqual(
        Object.keys(all).filter((id) => !APPLIED_BEFORE.includes(id)),
      );
      expect(results.every((r) => r.status === "Success")).toBe(true);
    } finally {
      await ledger.dispose();
    }
  });
});
