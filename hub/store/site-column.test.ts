import { Migrator, sql, type Kysely, type Migration } from "kysely";
import { describe, expect, it } from "vitest";
import { findPackage } from "#hub/ledger/catalog.js";
import { fullPackageHistory } from "#hub/ledger/history.js";
import { openTestLedger, testDialects } from "#hub/testing/ledger.js";
import { FolderMigrationProvider, hubMigrationFolders, migrateLedger } from "./migrate.js";

/** The migrations that bring sites; the ledger below is migrated up to just before them. */
const SITE_MIGRATIONS = ["0004_sites", "0102_sites", "0201_login_sites", "0301_sites"];
const TAG = "1A4060300012B7C000003001";
const AT = "2026-11-01T00:00:00.000Z";

describe.each(await testDialects())("a ledger from before sites, migrated forward (%s)", (dialect) => {
  it("gives every older row the hub's default site, keeps indexes, and makes a label unique per site", async () => {
    const ledger = await openTestLedger(dialect, { migrate: false });
    const db = ledger.db;
    try {
      const all = await new FolderMigrationProvider(hubMigrationFolders).getMigrations();
      const before: Record<string, Migration> = Object.fromEntries(
        Object.entries(all).filter(([id]) => !SITE_MIGRATIONS.includes(id)),
      );
      const older = await new Migrator({
        db,
        provider: { getMigrations: async () => before },
        allowUnorderedMigrations: true,
        ...(ledger.pgSchema ? { migrationTableSchema: ledger.pgSchema } : {}),
      }).migrateToLatest();
      expect(older.error).toBeUndefined();
      // The tables as they were before sites: written without the types of today's columns.
      const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      await raw
        .insertInto("items")
        .values({
          id: "item-1",
          name: "Blue Dream 3.5g",
          category: "flower",
          unit: "Each",
          weight_based: 0,
          updated_at: AT,
        })
        .execute();
      await raw
        .insertInto("packages")
        .values({
          label: TAG,
          item_id: "item-1",
          quantity: 24,
          unit: "Each",
          location: "Vault A-1",
          status: "active",
          lab_state: "TestPassed",
          packaged_date: "2026-11-01",
          updated_at: AT,
        })
        .execute();
      await raw
        .insertInto("movements")
        .values({
          id: "m-1",
          label: TAG,
          at: AT,
          to_location: "Vault A-1",
          to_status: "active",
          quantity: 24,
          unit: "Each",
          reason: "seed",
          actor: "system",
          site_id: null,
          audit_seq: 1,
          recorded_at: AT,
        })
        .execute();
      await raw
        .insertInto("ss_checkpoints")
        .values({ entity: "items", checkpoint: AT, last_run_at: AT, last_error: null })
        .execute();
      await raw
        .insertInto("receiving_lines")
        .values({
          manifest_number: "0000777001",
          label: TAG,
          receiving_id: "r1",
          decision: "accept",
          received_quantity: 24,
          unit: "Each",
          location: "Vault A-1",
          unexpected: 0,
          station_id: "vault-1",
          event_id: "e-1",
          decided_at: AT,
        })
        .execute();

      const results = await migrateLedger(db, { pgSchema: ledger.pgSchema, defaultSiteId: "oakland" });
      expect(results.map((r) => `${r.migrationName}:${r.status}`)).toEqual(
        SITE_MIGRATIONS.map((id) => `${id}:Success`),
      );

      for (const table of ["items", "packages", "movements", "ss_checkpoints", "receiving_lines"] as const) {
        expect([table, (await db.selectFrom(table).select("site_id").execute()).map((r) => r.site_id)]).toEqual([
          table,
          ["oakland"],
        ]);
      }
      expect((await findPackage(db, "oakland", TAG))?.item?.name).toBe("Blue Dream 3.5g");
      expect((await fullPackageHistory(db, "oakland", TAG)).map((h) => h.type)).toEqual(["movement"]);
      // The label is unique per site: another site may hold it, the same site may not twice.
      const row = {
        item_id: "item-1",
        quantity: 1,
        unit: "Each",
        location: "Vault B-1",
        status: "active",
        lab_state: "TestPassed",
        packaged_date: "2026-11-02",
        expiration_date: null,
        batch: null,
        updated_at: AT,
      };
      await db
        .insertInto("packages")
        .values({ ...row, site_id: "denver", label: TAG })
        .execute();
      await expect(
        db
          .insertInto("packages")
          .values({ ...row, site_id: "oakland", label: TAG })
          .execute(),
      ).rejects.toThrow();
      // Rebuilt tables keep their indexes and refuse a row without a site.
      const indexes =
        dialect === "sqlite"
          ? (
              await sql<{
                name: string;
              }>`select name from sqlite_master where type = 'index' and tbl_name in ('packages', 'movements')`.execute(
                db,
              )
            ).rows
          : (
              await sql<{
                name: string;
              }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename in ('packages', 'movements')`.execute(
                db,
              )
            ).rows;
      expect(indexes.map((i) => i.name)).toEqual(
        expect.arrayContaining([
          "packages_item_id",
          "packages_updated_at",
          "packages_site_item",
          "movements_label_at",
          "movements_site_label_at",
        ]),
      );
      await expect(
        raw
          .insertInto("packages")
          .values({ ...row, label: "1A4060300012B7C000003002" })
          .execute(),
      ).rejects.toThrow();
      await expect(
        raw
          .insertInto("movements")
          .values({
            id: "m-2",
            label: TAG,
            at: AT,
            to_location: "Vault A-1",
            to_status: "active",
            quantity: 24,
            unit: "Each",
            reason: "seed",
            actor: "system",
            site_id: null,
            audit_seq: 2,
            recorded_at: AT,
          })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await ledger.dispose();
    }
  });
});
