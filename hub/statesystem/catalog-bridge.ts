/**
 * Brings packages the state system knows into the hub's catalog (ledger `items`/`packages`),
 * so `GET /api/packages/:label` answers for them with item, quantity and unit.
 *
 * A label the ledger does not know yet is added whole. For a label it knows, only the state
 * system's own facts — status and lab state — are taken over: quantity and location in the
 * ledger are what the vault recorded, and differences are for reconciliation to show, not for
 * a sync to overwrite.
 */
import { itemCategories, labStates, unitsOfMeasure, type Item, type Package } from "#contract/domain.js";
import { isMetrcTag } from "#contract/metrc-tag.js";
import { upsertItems } from "#hub/ledger/catalog.js";
import { recordPackageChanges, type PackageChange } from "#hub/ledger/package-state.js";
import type { Db } from "#hub/store/database.js";
import type { StatePackage } from "./port.js";

const CATEGORY: Record<string, Item["category"]> = {
  buds: "flower",
  flower: "flower",
  shake: "flower",
  "pre-roll flower": "pre-roll",
  "pre-roll": "pre-roll",
  "vape cartridge": "vape",
  vape: "vape",
  edible: "edible",
  concentrate: "concentrate",
  extract: "concentrate",
  tincture: "tincture",
  topical: "topical",
};

/** The sync writes as the state system, from the state system. */
const BY_SYNC = { actor: "statesystem" } as const;
const FROM_SYNC = { kind: "state-system" } as const;

function hubCategory(c: string | null): Item["category"] {
  const k = (c ?? "").toLowerCase();
  return (
    CATEGORY[k] ?? ((itemCategories as readonly string[]).find((x) => k.includes(x)) as Item["category"]) ?? "flower"
  );
}

function hubUnit(u: string): Package["unit"] {
  return (unitsOfMeasure as readonly string[]).includes(u) ? (u as Package["unit"]) : "Each";
}

function hubStatus(p: StatePackage): Package["status"] {
  if (p.status === "inactive") return p.finishedDate ? "finished" : "inactive";
  return p.status;
}

function hubLabState(s: string | null): Package["labState"] {
  return (labStates as readonly string[]).includes(s ?? "") ? (s as Package["labState"]) : "NotSubmitted";
}

/** The sync's change to a package the ledger holds: METRC's status (never lifting the vault's quarantine) and lab state. */
function knownChange(p: StatePackage, at: string): PackageChange {
  const status = hubStatus(p);
  return {
    label: p.label,
    at,
    why: "statesystem.status",
    by: BY_SYNC,
    source: FROM_SYNC,
    to: { status, labState: hubLabState(p.labState) },
    // Quarantine is the vault's own hold, which METRC does not record: a package METRC lists as
    // active stays in quarantine until the vault releases it; finished or gone ends it.
    ...(status === "active" || status === "on-hold" ? { keepStatus: ["quarantine"] as const } : {}),
  };
}

/** A package the ledger does not hold yet, whole, as the state system has it. */
function freshChange(p: StatePackage, itemId: string, at: string): PackageChange {
  return {
    label: p.label,
    at,
    why: "statesystem.added",
    by: BY_SYNC,
    source: FROM_SYNC,
    to: {
      itemId,
      quantity: p.quantity,
      unit: hubUnit(p.unit),
      location: p.location ?? "Unassigned",
      status: hubStatus(p),
      labState: hubLabState(p.labState),
      packagedDate: p.packagedDate ?? at.slice(0, 10),
    },
  };
}

/**
 * Adds unknown packages (and their items) to `site`'s catalog and updates status and lab state of
 * known ones, through the ledger (a movement and an audit entry for each package added or moved).
 * Only METRC-form tags go in: the contract's package label is the 24-character tag, so BioTrack's
 * 16-digit ids stay in the state view (ss_packages) until the contract takes them.
 */
export async function applyToCatalog(
  db: Db,
  site: string,
  all: StatePackage[],
  at: string,
): Promise<{ added: number; updated: number }> {
  const pkgs = all.filter((p) => isMetrcTag(p.label));
  if (pkgs.length === 0) return { added: 0, updated: 0 };
  const known = new Set(
    (
      await db
        .selectFrom("packages")
        .select("label")
        .where("site_id", "=", site)
        .where(
          "label",
          "in",
          pkgs.map((p) => p.label),
        )
        .execute()
    ).map((r) => r.label),
  );
  const fresh = pkgs.filter((p) => !known.has(p.label));
  const itemIds = fresh.length > 0 ? await itemIdsFor(db, site, fresh, at) : new Map<string, string>();
  await recordPackageChanges(
    db,
    site,
    pkgs.map((p) =>
      known.has(p.label) ? knownChange(p, at) : freshChange(p, itemIds.get(p.itemName.toLowerCase())!, at),
    ),
  );
  return { added: fresh.length, updated: pkgs.length - fresh.length };
}

/** Item ids by lower-cased name: the site catalog's item of that name, or a new one. */
async function itemIdsFor(db: Db, site: string, pkgs: StatePackage[], at: string): Promise<Map<string, string>> {
  const names = [...new Set(pkgs.map((p) => p.itemName))];
  const rows = await db.selectFrom("items").select(["id", "name"]).where("site_id", "=", site).execute();
  const ids = new Map(rows.map((r) => [r.name.toLowerCase(), r.id]));
  const missing: Item[] = [];
  for (const name of names) {
    if (ids.has(name.toLowerCase())) continue;
    const sample = pkgs.find((p) => p.itemName === name)!;
    const id = `state-${name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, 48)}`;
    ids.set(name.toLowerCase(), id);
    missing.push({
      id,
      name,
      category: hubCategory(sample.itemCategory),
      unit: hubUnit(sample.unit),
      weightBased: sample.unit !== "Each",
    });
  }
  if (missing.length > 0) await upsertItems(db, site, missing, at);
  return ids;
}
