/** Item and employee names for the report pages (ids in the data, names on the screen). */
import type { Db } from "#hub/store/database.js";

export interface Names {
  item(id: string): string;
  employee(id: string | null): string;
}

export async function namesOf(db: Db, site: string): Promise<Names> {
  const [items, employees] = await Promise.all([
    db.selectFrom("items").select(["id", "name"]).where("site_id", "=", site).execute(),
    db.selectFrom("employees").select(["id", "name"]).execute(),
  ]);
  const i = new Map(items.map((r) => [r.id, r.name]));
  const e = new Map(employees.map((r) => [r.id, r.name]));
  return { item: (id) => i.get(id) ?? id, employee: (id) => (id === null ? "—" : (e.get(id) ?? id)) };
}
