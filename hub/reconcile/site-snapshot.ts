/**
 * Every package of one site in the ledger and in the state system, read once: with a full count
 * every package is a question (counted? found? known?), and two plain scans answer them all
 * faster than a query per question.
 */
import type { Db } from "#hub/store/database.js";
import type { DayFacts } from "./facts.js";
import type { PackageLookups } from "./physical-sources.js";

export interface SiteSnapshot {
  ledger: Map<string, { quantity: number; unit: string; status: string }>;
  state: Map<string, { quantity: number; status: string }>;
}

export async function siteSnapshot(db: Db, site: string): Promise<SiteSnapshot> {
  const [ledger, state] = await Promise.all([
    db.selectFrom("packages").select(["label", "quantity", "unit", "status"]).where("site_id", "=", site).execute(),
    db.selectFrom("ss_packages").select(["label", "quantity", "status"]).where("site_id", "=", site).execute(),
  ]);
  return {
    ledger: new Map(ledger.map((p) => [p.label, { quantity: Number(p.quantity), unit: p.unit, status: p.status }])),
    state: new Map(state.map((p) => [p.label, { quantity: Number(p.quantity), status: p.status }])),
  };
}

/** The physical side's lookups, answered from the snapshot. */
export function snapshotLookups(snap: SiteSnapshot): PackageLookups {
  return {
    ledger: async (labels) =>
      new Map(labels.flatMap((l) => (snap.ledger.has(l) ? [[l, snap.ledger.get(l)!] as const] : []))),
    stateKnows: async (labels) => new Set(labels.filter((l) => snap.state.has(l))),
    active: [...snap.state]
      .filter(([, p]) => p.status === "active")
      .map(([label, p]) => ({ label, quantity: p.quantity })),
  };
}

/** Packages on hand in the ledger that the state system has no package for, or lists as inactive. */
export function vaultVsSnapshot(
  snap: SiteSnapshot,
  held: readonly string[],
): Pick<DayFacts, "unknownVault" | "notInState"> {
  const unknownVault: { label: string; ledger: number }[] = [];
  const notInState: { label: string; ledger: number }[] = [];
  for (const [label, p] of snap.ledger) {
    if (!held.includes(p.status) || !(p.quantity > 0)) continue;
    const s = snap.state.get(label);
    if (!s) unknownVault.push({ label, ledger: p.quantity });
    else if (s.status === "inactive") notInState.push({ label, ledger: p.quantity });
  }
  return { unknownVault, notInState };
}
