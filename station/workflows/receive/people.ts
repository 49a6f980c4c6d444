import type { Role } from "#contract/domain.js";
import type { Outcome, Person } from "./types.js";

/** Roles that may receive a manifest into the vault. */
export const RECEIVERS: ReadonlySet<Role> = new Set(["coordinator", "manager", "admin"]);

/** Only a signed-in coordinator, manager or admin receives; anyone else is told why, in words. */
export function mayReceive(person: Person | null, what: string): Outcome {
  if (!person) return { ok: false, reason: `Sign in with your badge to ${what}` };
  if (!RECEIVERS.has(person.role)) return { ok: false, reason: `${person.name} (${person.role}) may not ${what}` };
  return { ok: true };
}
