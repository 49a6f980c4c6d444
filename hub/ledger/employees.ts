import type { Kysely, Transaction } from "kysely";
import type { Employee } from "#contract/domain.js";
import type { Database } from "../store/database.js";

type Db = Kysely<Database> | Transaction<Database>;

/** Inserts or replaces employees by id (PINs only as scrypt hashes). */
export async function upsertEmployees(db: Db, employees: readonly Employee[]): Promise<void> {
  if (employees.length === 0) return;
  await db
    .insertInto("employees")
    .values(
      employees.map((e) => ({
        id: e.id,
        name: e.name,
        role: e.role,
        badge: e.badge,
        pin_hash: e.pinHash,
        active: e.active ? 1 : 0,
      })),
    )
    .onConflict((oc) =>
      oc.column("id").doUpdateSet((eb) => ({
        name: eb.ref("excluded.name"),
        role: eb.ref("excluded.role"),
        badge: eb.ref("excluded.badge"),
        pin_hash: eb.ref("excluded.pin_hash"),
        active: eb.ref("excluded.active"),
      })),
    )
    .execute();
}

/** All employees, for the stations' `employees` command. */
export async function listEmployees(db: Db): Promise<Employee[]> {
  const rows = await db.selectFrom("employees").selectAll().orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role as Employee["role"],
    badge: r.badge,
    pinHash: r.pin_hash,
    active: Number(r.active) === 1,
  }));
}
