/**
 * Shared by the POS tests: the fixture files, the packages they name (with several packages of
 * one SKU for FIFO), and a fixed clock.
 */
import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import type { Item, Package } from "#contract/domain.js";
import type { Clock } from "#hub/clock.js";
import { upsertItems, upsertPackages } from "#hub/ledger/catalog.js";
import type { Database } from "#hub/store/database.js";

export const TZ = "America/Los_Angeles";
export const SITE = "green-leaf-oakland";
/** Item item-001 (Each): three packages, oldest first. */
export const T1 = "1A4060300012B7C000003001";
export const T2 = "1A4060300012B7C000003002";
export const T3 = "1A4060300012B7C000003003";
/** Item item-009 (bulk, Grams). */
export const T9 = "1A4060300012B7C000003009";

export const fixedClock: Pick<Clock, "now"> = { now: () => Date.parse("2026-11-02T16:00:00Z") };

/** A fixture file's text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../pos/fixtures/${name}`, import.meta.url), "utf8");
}

const items: Item[] = [
  { id: "item-001", name: "Coastal Farms Blue Dream 3.5g", category: "flower", unit: "Each", weightBased: false },
  { id: "item-009", name: "Bulk Gorilla Glue #4", category: "flower", unit: "Grams", weightBased: true },
];

const pkg = (
  label: string,
  itemId: string,
  quantity: number,
  unit: Package["unit"],
  packagedDate: string,
): Package => ({
  label,
  itemId,
  quantity,
  unit,
  location: "Sales Floor",
  status: "active",
  labState: "TestPassed",
  packagedDate,
});

/** Seeds the items and packages the fixtures name into `site`'s catalog (default SITE). */
export async function seedPosCatalog(db: Kysely<Database>, site = SITE): Promise<void> {
  await upsertItems(db, site, items, "2026-10-01T00:00:00Z");
  await upsertPackages(
    db,
    site,
    [
      pkg(T3, "item-001", 5, "Each", "2026-10-01"),
      pkg(T1, "item-001", 2, "Each", "2026-09-01"),
      pkg(T2, "item-001", 10, "Each", "2026-09-15"),
      pkg(T9, "item-009", 900, "Grams", "2026-09-20"),
    ],
    "2026-10-01T00:00:00Z",
  );
}
