import type { Kysely } from "kysely";

/**
 * Logins and credentials, kept apart from the ledger tables. Portable between SQLite and
 * PostgreSQL: text ids and ISO-8601 UTC times (which sort as text), integer flags. Secrets are
 * never stored: passwords as scrypt hashes, session ids and API tokens as SHA-256 digests,
 * station MQTT passwords in Mosquitto's PBKDF2 `$7$` format.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("dashboard_users")
    .addColumn("employee_id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("password_changed_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id_digest", "text", (c) => c.primaryKey())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_employee_id").on("sessions").column("employee_id").execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_digest", "text", (c) => c.notNull().unique())
    .addColumn("read_only", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("api_tokens_employee_id").on("api_tokens").column("employee_id").execute();

  await db.schema
    .createTable("station_credentials")
    .addColumn("station_id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("ok", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempts_subject_at").on("login_attempts").columns(["subject", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["login_attempts", "station_credentials", "api_tokens", "sessions", "dashboard_users"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
