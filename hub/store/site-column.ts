/**
 * The one schema change every module makes for sites (design.md, Sites): a `site_id` column,
 * not null, existing rows given the site the hub served before, and where a key was unique per
 * hub (a package's label) it becomes unique per site (site_id first in the primary key).
 *
 *   PostgreSQL: ALTER TABLE … ADD COLUMN site_id … DEFAULT 'x', DROP DEFAULT; primary key swapped in place
 *   SQLite:     ADD COLUMN keeps its DEFAULT (SQLite cannot drop one); a new primary key or NOT NULL on an
 *               existing column rebuilds the table (sqlite.org/lang_altertable.html §7: create, copy,
 *               drop, rename, indexes again), in the migration's transaction
 *
 * Code always writes site_id itself (the table types require it); the default only fills old rows.
 */
import { SqliteAdapter, sql, type Kysely } from "kysely";
import { HubError } from "#hub/errors.js";

/** What to do to one table. */
interface SiteColumnChange {
  table: string;
  /** The primary key after the change, `site_id` among its columns; unchanged when left out. */
  primaryKey?: readonly string[];
  /** Indexes to add, by name. */
  indexes?: Record<string, readonly string[]>;
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;

async function sqliteColumns(db: Kysely<unknown>, table: string): Promise<ColumnInfo[]> {
  const r = await sql<ColumnInfo>`select name, type, "notnull", dflt_value from pragma_table_info(${table})`.execute(
    db,
  );
  if (r.rows.length === 0) throw new HubError(`table ${table} not found`, "MIGRATION_FAILED");
  return r.rows;
}

/** Rebuilds a SQLite table with site_id not null (filled with `site` where missing) and `primaryKey`. */
async function rebuildSqlite(
  db: Kysely<unknown>,
  table: string,
  primaryKey: readonly string[],
  site: string,
): Promise<void> {
  const cols = await sqliteColumns(db, table);
  const unique = await sql<{
    origin: string;
  }>`select origin from pragma_index_list(${table}) where origin = 'u'`.execute(db);
  // A UNIQUE column constraint would be lost with the old table; none of the rebuilt tables has one.
  if (unique.rows.length > 0)
    throw new HubError(`table ${table} has a UNIQUE constraint the rebuild would lose`, "MIGRATION_FAILED");
  const indexes = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
  const had = cols.some((c) => c.name === "site_id");
  const defs = cols.map((c) => {
    const notNull = c.notnull === 1 || c.name === "site_id" ? " not null" : "";
    const dflt = c.dflt_value !== null && c.name !== "site_id" ? ` default ${c.dflt_value}` : "";
    return `${quote(c.name)} ${c.type}${notNull}${dflt}`;
  });
  if (!had) defs.push(`"site_id" text not null`);
  const fresh = `${table}__sites`;
  await sql
    .raw(`create table ${quote(fresh)} (${defs.join(", ")}, primary key (${primaryKey.map(quote).join(", ")}))`)
    .execute(db);
  const names = cols.map((c) => quote(c.name));
  const values = cols.map((c) => (c.name === "site_id" ? `coalesce("site_id", ${literal(site)})` : quote(c.name)));
  const target = had ? names : [...names, `"site_id"`];
  const source = had ? values : [...values, literal(site)];
  await sql
    .raw(`insert into ${quote(fresh)} (${target.join(", ")}) select ${source.join(", ")} from ${quote(table)}`)
    .execute(db);
  await sql.raw(`drop table ${quote(table)}`).execute(db);
  await sql.raw(`alter table ${quote(fresh)} rename to ${quote(table)}`).execute(db);
  for (const ix of indexes.rows) await sql.raw(ix.sql).execute(db);
}

async function changeSqlite(db: Kysely<unknown>, c: SiteColumnChange, site: string): Promise<void> {
  const cols = await sqliteColumns(db, c.table);
  const existing = cols.find((x) => x.name === "site_id");
  if (c.primaryKey || (existing && existing.notnull !== 1)) {
    const pk =
      c.primaryKey ??
      (
        await sql<{ name: string }>`select name from pragma_table_info(${c.table}) where pk > 0 order by pk`.execute(db)
      ).rows.map((r) => r.name);
    await rebuildSqlite(db, c.table, pk, site);
  } else if (!existing) {
    await sql
      .raw(`alter table ${quote(c.table)} add column "site_id" text not null default ${literal(site)}`)
      .execute(db);
  }
}

async function changePostgres(db: Kysely<unknown>, c: SiteColumnChange, site: string): Promise<void> {
  const t = quote(c.table);
  const found = await sql<{ is_nullable: string }>`select is_nullable from information_schema.columns
    where table_schema = current_schema() and table_name = ${c.table} and column_name = 'site_id'`.execute(db);
  if (found.rows.length === 0) {
    await sql.raw(`alter table ${t} add column "site_id" text not null default ${literal(site)}`).execute(db);
    await sql.raw(`alter table ${t} alter column "site_id" drop default`).execute(db);
  } else if (found.rows[0]!.is_nullable === "YES") {
    await sql.raw(`update ${t} set "site_id" = ${literal(site)} where "site_id" is null`).execute(db);
    await sql.raw(`alter table ${t} alter column "site_id" set not null`).execute(db);
  }
  if (!c.primaryKey) return;
  const pk = await sql<{
    conname: string;
  }>`select conname from pg_constraint where conrelid = to_regclass(${c.table}) and contype = 'p'`.execute(db);
  const drop = pk.rows[0] ? `drop constraint ${quote(pk.rows[0].conname)}, ` : "";
  await sql
    .raw(
      `alter table ${t} ${drop}add constraint ${quote(`${c.table}_pkey`)} primary key (${c.primaryKey.map(quote).join(", ")})`,
    )
    .execute(db);
}

/** Gives each table its site_id (existing rows: `site`), its new primary key and indexes, on SQLite or PostgreSQL. */
export async function addSiteColumns(
  db: Kysely<unknown>,
  changes: readonly SiteColumnChange[],
  site: string,
): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const c of changes) {
    if (c.primaryKey && !c.primaryKey.includes("site_id"))
      throw new HubError(`${c.table}: a per-site primary key includes site_id`, "MIGRATION_FAILED");
    await (sqlite ? changeSqlite(db, c, site) : changePostgres(db, c, site));
    for (const [name, columns] of Object.entries(c.indexes ?? {})) {
      await db.schema
        .createIndex(name)
        .on(c.table)
        .columns([...columns])
        .execute();
    }
  }
}

/**
 * What migrateLedger hands each migration besides the database (its second argument; Kysely's
 * own migrations take one): the site that rows written before sites existed belong to.
 */
export interface MigrationContext {
  defaultSiteId: string;
}
