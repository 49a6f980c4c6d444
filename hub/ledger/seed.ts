import type { Kysely } from "kysely";
import type { Employee, Item, Package } from "#contract/domain.js";
import type { Database } from "../store/database.js";
import { upsertEmployees } from "./employees.js";
import { upsertItems, upsertPackages } from "./catalog.js";

/** What seeding needs from a store description (the demo store satisfies it). */
export interface SeedSource {
  items: readonly Item[];
  packages: readonly Package[];
  /** Employees; any extra fields (such as a demo PIN in clear) are never stored. */
  employees: readonly Employee[];
}

/**
 * Loads items and packages into `site`'s catalog and the employees (who work at every site) into
 * the ledger, in one transaction. Idempotent: running it again replaces the same rows. `at`
 * (ISO-8601) becomes the rows' updated_at.
 */
export async function seedLedger(
  db: Kysely<Database>,
  site: string,
  store: SeedSource,
  at = new Date().toISOString(),
): Promise<void> {
  const employees: Employee[] = store.employees.map((e) => ({
    id: e.id,
    name: e.name,
    role: e.role,
    badge: e.badge,
    pinHash: e.pinHash,
    active: e.active,
  }));
  await db.transaction().execute(async (trx) => {
    await upsertItems(trx, site, store.items, at);
    await upsertPackages(trx, site, store.packages, at);
    await upsertEmployees(trx, employees);
  });
}
