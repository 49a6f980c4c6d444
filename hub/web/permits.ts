import type { Context } from "hono";
import { refusal } from "#hub/auth/policy.js";
import type { Principal } from "#hub/auth/schema.js";

/** True when the signed-in person may `method` `path` (hub/auth/policy.ts decides). */
export type Permits = (method: string, path: string) => boolean;

/**
 * What the request's signed-in person may do, for pages that show a link or button only to those
 * it would not refuse. A hub without logins (tests, a bench hub) refuses nobody.
 */
export function permitsOf(c: Context): Permits {
  const who = c.get("principal") as Principal | undefined;
  return who ? (method, path) => refusal(who, method, path) === undefined : () => true;
}

/** Who is signed in, as the dashboard's header shows it; undefined on a hub without logins. */
export interface SignedIn {
  name: string;
  role: string;
  csrfToken: string;
}

/** The request's signed-in person (cookie sessions only: tokens never see pages). */
export function signedInOf(c: Context): SignedIn | undefined {
  const who = c.get("principal") as Principal | undefined;
  return who?.kind === "session" ? { name: who.name, role: who.role, csrfToken: who.csrfToken ?? "" } : undefined;
}
