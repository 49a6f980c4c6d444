import { randomBytes } from "node:crypto";
import pg from "pg";
import type { SeedSource } from "#hub/ledger/seed.js";
import { DEFAULT_SITE_ID } from "#hub/sites/site.js";
import { migrateLedger } from "#hub/store/migrate.js";
import { openLedger, type Ledger, type LedgerDialect } from "#hub/store/open.js";

/** The site of a ledger test that names none: the one a hub without a sites list serves. */
export const TEST_SITE = DEFAULT_SITE_ID;

/** The tag of ONE_PACKAGE's package. */
export const TEST_TAG = "1A4060300002199000003445";

/** A catalog for seedLedger: one item and 4 units of it in Vault A-1 (lab passed) under TEST_TAG; no employees. */
export const ONE_PACKAGE: SeedSource = {
  items: [{ id: "item-1", name: "Blue Dream 3.5 g", category: "flower", unit: "Each", weightBased: false }],
  packages: [
    {
      label: TEST_TAG,
      itemId: "item-1",
      quantity: 4,
      unit: "Each",
      location: "Vault A-1",
      status: "active",
      labState: "TestPassed",
      packagedDate: "2026-10-01",
    },
  ],
  employees: [],
};

/** PostgreSQL the test suites use when it answers (trust auth on this machine and in CI). */
export const PG_TEST_URL = process.env.HUB_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** True when PostgreSQL answers a query within `timeoutMs`. */
export async function postgresAvailable(url = PG_TEST_URL, timeoutMs = 1_500): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A migrated ledger for one test file; `dispose` closes it and drops the PostgreSQL schema. */
export interface TestLedger extends Ledger {
  dispose(): Promise<void>;
}

/**
 * Opens a fresh ledger, migrated unless `migrate` is false: SQLite in memory, or a new
 * PostgreSQL schema per call.
 */
export async function openTestLedger(dialect: LedgerDialect, opts: { migrate?: boolean } = {}): Promise<TestLedger> {
  const migrate = opts.migrate ?? true;
  if (dialect === "sqlite") {
    const ledger = openLedger({ dataDir: ".", sqliteFile: ":memory:" });
    if (migrate) await migrateLedger(ledger.db);
    return { ...ledger, dispose: () => ledger.close() };
  }
  const schema = `vl_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_TEST_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const ledger = openLedger({ dataDir: ".", dbUrl: PG_TEST_URL, pgSchema: schema });
  if (migrate) await migrateLedger(ledger.db, { pgSchema: schema });
  return {
    ...ledger,
    dispose: async () => {
      await ledger.close();
      const drop = new pg.Client({ connectionString: PG_TEST_URL });
      await drop.connect();
      await drop.query(`drop schema if exists ${schema} cascade`);
      await drop.end();
    },
  };
}

/** The dialects to test here, with a printed reason when PostgreSQL is skipped. */
export async function testDialects(): Promise<LedgerDialect[]> {
  if (await postgresAvailable()) return ["sqlite", "postgres"];
  console.warn(`PostgreSQL ledger tests skipped: nothing answers at ${PG_TEST_URL.replace(/:[^:@/]*@/, "@")}`);
  return ["sqlite"];
}
