import type { Role } from "#contract/domain.js";
import type { Principal } from "./schema.js";

/**
 * Who may do what in the dashboard and the JSON API: one table of path prefix × (read | write)
 * → roles. The longest matching prefix wins; paths no rule names fall back to the "/" rule.
 * GET, HEAD and OPTIONS read; every other method writes. Auditors appear in no `write` list,
 * and read-only principals are refused every write whatever the table says, except on their own
 * things (signing out, their own read-only API tokens).
 */
export interface PolicyRule {
  prefix: string;
  read: readonly Role[];
  write: readonly Role[];
  /** The signed-in person's own things (sign-out, own API tokens): read-only principals may post here too. */
  own?: boolean;
}

const everyone: readonly Role[] = ["coordinator", "budtender", "manager", "auditor", "admin"];
const office: readonly Role[] = ["manager", "auditor", "admin"];
const managers: readonly Role[] = ["manager", "admin"];
/** Who keeps the books of sales: the coordinator imports POS files next to the managers. */
const posReaders: readonly Role[] = ["coordinator", "manager", "auditor", "admin"];
const posWriters: readonly Role[] = ["coordinator", "manager", "admin"];
/** Who asks for a restock: the budtenders on the floor too. */
const restockAskers: readonly Role[] = ["coordinator", "budtender", "manager", "admin"];

/** Paths that need no sign-in at all (liveness, the login form, static files). */
export const PUBLIC_PATHS: readonly string[] = ["/api/health", "/login", "/static/"];

export const policyRules: readonly PolicyRule[] = [
  { prefix: "/", read: office, write: managers },
  { prefix: "/logout", read: everyone, write: everyone, own: true },
  { prefix: "/account", read: everyone, write: everyone, own: true },
  { prefix: "/admin", read: ["admin"], write: ["admin"] },
  { prefix: "/api", read: office, write: managers },
  { prefix: "/api/packages", read: everyone, write: managers },
  { prefix: "/packages", read: everyone, write: managers },
  { prefix: "/api/stations", read: office, write: ["admin"] },
  { prefix: "/stations", read: office, write: ["admin"] },
  { prefix: "/api/reports", read: office, write: managers },
  { prefix: "/reports", read: office, write: managers },
  { prefix: "/audit", read: office, write: [] },
  { prefix: "/api/audit", read: office, write: [] },
  { prefix: "/reconcile", read: office, write: managers },
  { prefix: "/adjustments", read: office, write: managers },
  // The coordinator works investigations next to the managers; only managers and admins approve resolutions.
  { prefix: "/investigations", read: posReaders, write: posWriters },
  { prefix: "/investigations/approvals", read: posReaders, write: managers },
  { prefix: "/api/investigations", read: posReaders, write: managers },
  { prefix: "/investigations", read: office, write: managers },
  { prefix: "/chain", read: office, write: [] },
  { prefix: "/pos", read: posReaders, write: posWriters },
  { prefix: "/api/pos", read: posReaders, write: posWriters },
  { prefix: "/restock", read: everyone, write: restockAskers },
  { prefix: "/restock/minimums", read: everyone, write: posWriters },
  { prefix: "/api/restock", read: everyone, write: [] },
  { prefix: "/quarantine", read: posReaders, write: posWriters },
  { prefix: "/quarantine/approvals", read: posReaders, write: managers },
  { prefix: "/api/quarantine", read: posReaders, write: [] },
  { prefix: "/reconciliation", read: posReaders, write: posWriters },
  { prefix: "/api/reconciliations", read: posReaders, write: posWriters },
];

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True for methods that only read. */
export function isReadMethod(method: string): boolean {
  return READ_METHODS.has(method.toUpperCase());
}

function matches(prefix: string, path: string): boolean {
  if (prefix === "/") return true;
  return path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`);
}

/** True when `path` needs no sign-in. */
export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.some((p) => matches(p, path));
}

/** The rule that governs `path` (longest matching prefix). */
export function ruleFor(path: string, rules: readonly PolicyRule[] = policyRules): PolicyRule {
  let best: PolicyRule | undefined;
  for (const r of rules) {
    if (matches(r.prefix, path) && (!best || r.prefix.length > best.prefix.length)) best = r;
  }
  return best ?? { prefix: "/", read: [], write: [] };
}

/** Why `who` may not `method` `path`, or undefined when allowed. */
export function refusal(
  who: Pick<Principal, "role" | "readOnly">,
  method: string,
  path: string,
  rules = policyRules,
): string | undefined {
  const read = isReadMethod(method);
  const rule = ruleFor(path, rules);
  if (!read && who.readOnly && !rule.own) return "this sign-in is read-only";
  const allowed = read ? rule.read : rule.write;
  if (!allowed.includes(who.role)) return `role "${who.role}" may not ${read ? "read" : "change"} ${rule.prefix}`;
  return undefined;
}
