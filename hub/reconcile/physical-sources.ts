/**
 * The physical side of a run, from the counts module's figures (the arbiter): each counted
 * package against the ledger's figure when it was counted, packages the last full count did not
 * find, and counted tags nobody else knows. A package never counted is not a difference.
 */
import type { FullCount, PhysicalFigure } from "#hub/modules.js";
import type { Db } from "#hub/store/database.js";
import { unitName, type DayFacts } from "./facts.js";

/** The physical figures a run compares (counts' physicalAsOf), or none without the counts module. */
export interface PhysicalInput {
  figures: readonly PhysicalFigure[];
  lastFullCount: FullCount | null;
}

const CHUNK = 500;

function* chunks<T>(all: readonly T[]): Generator<T[]> {
  for (let i = 0; i < all.length; i += CHUNK) yield all.slice(i, i + CHUNK);
}

/** Past this many labels one read of the site's packages beats reading them by label. */
export const WHOLE_SITE = 2_000;

/** The ledger's on-hand quantity of each of `labels` it holds, in its unit. */
export async function ledgerOnHand(db: Db, site: string, labels: readonly string[]) {
  const out = new Map<string, { quantity: number; unit: string }>();
  const wanted = [...new Set(labels)];
  const base = db.selectFrom("packages").select(["label", "quantity", "unit"]).where("site_id", "=", site);
  const parts =
    wanted.length > WHOLE_SITE ? [base] : [...chunks(wanted)].map((part) => base.where("label", "in", part));
  const keep = wanted.length > WHOLE_SITE ? new Set(wanted) : undefined;
  for (const rows of await Promise.all(parts.map((q) => q.execute())))
    for (const r of rows)
      if (!keep || keep.has(r.label)) out.set(r.label, { quantity: Number(r.quantity), unit: r.unit });
  return out;
}

async function stateKnows(db: Db, site: string, labels: readonly string[]): Promise<Set<string>> {
  const base = db.selectFrom("ss_packages").select("label").where("site_id", "=", site);
  const parts = await Promise.all([...chunks(labels)].map((part) => base.where("label", "in", part).execute()));
  return new Set(parts.flat().map((r) => r.label));
}

type Adjustment = {
  label: string;
  at: string;
  quantity_before: number;
  source_kind: string | null;
  source_ref: string | null;
};

/** Adjustments of `labels` since `since`, oldest first (the site's, filtered here, for many labels). */
async function adjustmentsSince(db: Db, site: string, labels: readonly string[], since: string): Promise<Adjustment[]> {
  const base = db
    .selectFrom("adjustments")
    .select(["label", "at", "quantity_before", "source_kind", "source_ref"])
    .where("site_id", "=", site)
    .where("at", ">=", since)
    .orderBy("at")
    .orderBy("id");
  if (labels.length > WHOLE_SITE) {
    const keep = new Set(labels);
    return (await base.execute()).filter((a) => keep.has(a.label));
  }
  const parts = await Promise.all([...chunks(labels)].map((part) => base.where("label", "in", part).execute()));
  return parts.flat().sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * Each counted package the ledger holds, with the ledger's figure when it was counted: the
 * quantity before the first adjustment after the count, else the quantity now. A count whose
 * difference the ledger already booked (an adjustment from that count) is left out.
 */
/**
 * How the physical side looks packages up: by label in the database, or in one read of the whole
 * site (the SiteSnapshot sources.ts takes when a full count makes every package a question).
 */
export interface PackageLookups {
  ledger(labels: readonly string[]): Promise<Map<string, { quantity: number; unit: string }>>;
  stateKnows(labels: readonly string[]): Promise<Set<string>>;
  /** Active state-system packages (with a full count, else unused). */
  active: readonly ActiveStatePackage[];
}

/** Lookups that ask the database, label by label (few figures, no full count). */
export function databaseLookups(db: Db, site: string, active: readonly ActiveStatePackage[]): PackageLookups {
  return {
    ledger: (labels) => ledgerOnHand(db, site, labels),
    stateKnows: (labels) => stateKnows(db, site, labels),
    active,
  };
}

async function countedVsBooks(db: Db, site: string, figures: readonly PhysicalFigure[], look: PackageLookups) {
  const labels = figures.map((f) => f.label);
  const held = await look.ledger(labels);
  const since = figures.reduce((min, f) => (f.countedAt < min ? f.countedAt : min), figures[0]?.countedAt ?? "");
  const adjustments = figures.length ? await adjustmentsSince(db, site, labels, since) : [];
  const byLabel = new Map<string, Adjustment[]>();
  for (const a of adjustments) byLabel.set(a.label, [...(byLabel.get(a.label) ?? []), a]);
  const physical: DayFacts["physical"][number][] = [];
  for (const f of figures) {
    const pkg = held.get(f.label);
    if (!pkg) continue;
    const adj = byLabel.get(f.label) ?? [];
    if (adj.some((a) => a.source_kind === "count" && a.source_ref === f.countId)) continue;
    const after = adj.find((a) => a.at > f.countedAt);
    const book = after ? Number(after.quantity_before) : pkg.quantity;
    physical.push({ label: f.label, counted: f.quantity, book, unit: unitName(pkg.unit) });
  }
  return { physical, held };
}

/** A package active in the state system with stock there. */
export interface ActiveStatePackage {
  label: string;
  quantity: number;
}

/**
 * Active with stock in the state system, not found by the full count, and already in the ledger
 * when the count was made (a package that arrived later could not have been found): the few not
 * found are looked up, not every active package.
 */
async function missedByFullCount(
  db: Db,
  site: string,
  full: FullCount,
  look: PackageLookups,
): Promise<DayFacts["notInVault"]> {
  const found = new Set(full.labels);
  const missed = look.active.filter((p) => p.quantity > 0 && !found.has(p.label)).map((p) => p.label);
  if (missed.length === 0) return [];
  const arrivals = db
    .selectFrom("movements")
    .select("label")
    .where("site_id", "=", site)
    .where("from_status", "is", null)
    .where("at", ">", full.countedAt);
  const [parts, held] = await Promise.all([
    Promise.all([...chunks(missed)].map((part) => arrivals.where("label", "in", part).execute())),
    look.ledger(missed),
  ]);
  const later = new Set(parts.flat().map((r) => r.label));
  return missed.filter((l) => !later.has(l)).map((label) => ({ label, ledger: held.get(label)?.quantity ?? null }));
}

/** The physical facts of a run; all empty without figures. */
export async function physicalFacts(
  db: Db,
  site: string,
  input: PhysicalInput | undefined,
  look: PackageLookups,
): Promise<Pick<DayFacts, "physical" | "notInVault" | "unknownVault">> {
  if (!input) return { physical: [], notInVault: [], unknownVault: [] };
  const { physical, held } = await countedVsBooks(db, site, input.figures, look);
  const foundOnly = [...new Set([...input.figures.map((f) => f.label), ...(input.lastFullCount?.labels ?? [])])].filter(
    (l) => !held.has(l),
  );
  const known = await look.stateKnows(foundOnly);
  const strangers = foundOnly.filter((l) => !known.has(l));
  const inLedger = await look.ledger(strangers);
  return {
    physical,
    notInVault: input.lastFullCount ? await missedByFullCount(db, site, input.lastFullCount, look) : [],
    unknownVault: strangers.filter((l) => !inLedger.has(l)).map((label) => ({ label, ledger: null })),
  };
}
