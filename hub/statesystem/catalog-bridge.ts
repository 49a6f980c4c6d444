/**
 * Brings packages the state system knows into the hub's catalog (ledger `items`/`packages`),
 * so `GET /api/packages/:label` answers for them with item, quantity and unit.
 *
 * A label the ledger does not know yet is added whole. For a label it knows, only the state
 * system's own facts — status and lab state — are taken over: quantity and location in the
 * ledger are what the vault recorded, and differences are for reconciliation to show, not for
 * a sync to overwrite.
 */
import type { Kysely } from "kysely";
import { itemCategories, labStates, unitsOfMeasure, type Item, type Package } from "#contract/domain.js";
import { isMetrcTag } from "#contract/metrc-tag.js";
import { upsertItems, upsertPackages } from "#hub/ledger/catalog.js";
import type { Database } from "#hub/store/database.js";
import type { StatePackage } from "./port.js";

const CATEGORY: Record<string, Item["category"]> = {
  buds: "flower", flower: "flower", shake: "flower", "pre-roll flower": "pre-roll", "pre-roll": "pre-roll",
  "vape cartridge": "vape", vape: "vape", edible: "edible", concentrate: "concentrate", extract: "concentrate",
  tincture: "tincture", topical: "topical",
};

function hubCategory(c: string | null): Item["category"] {
  const k = (c ?? "").toLowerCase();
  return CATEGORY[k] ?? (itemCategories as readonly string[]).find((x) => k.includes(x)) as Item["category"] ?? "flower";
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

/**
 * Adds unknown packages (and their items) to the catalog and updates status and lab state of
 * known ones. Only METRC-form tags go in: the contract's package label is the 24-character tag,
 * so BioTrack's 16-digit ids stay in the state view (ss_packages) until the contract takes them.
 */
export async function applyToCatalog(db: Kysely<Database>, all: StatePackage[], at: string): Promise<{ added: number; updated: number }> {
  const pkgs = all.filter((p) => isMetrcTag(p.label));
  if (pkgs.length === 0) return { added: 0, updated: 0 };
  const known = new Set((await db.selectFrom("packages").select("label").where("label", "in", pkgs.map((p) => p.label)).execute()).map((r) => r.label));
  const fresh = pkgs.filter((p) => !known.has(p.label));
  if (fresh.length > 0) {
    const itemIds = await itemIdsFor(db, fresh, at);
    await upsertPackages(db, fresh.map((p) => ({
      label: p.label, itemId: itemIds.get(p.itemName.toLowerCase())!, quantity: p.quantity, unit: hubUnit(p.unit),
      location: p.location ?? "Unassigned", status: hubStatus(p), labState: hubLabState(p.labState),
      packagedDate: p.packagedDate ?? at.slice(0, 10),
    })), at);
  }
  for (const p of pkgs.filter((x) => known.has(x.label))) {
    const status = hubStatus(p);
    // Quarantine is the vault's own hold, which METRC does not record: a package METRC lists as
    // active stays in quarantine until the vault releases it; finished or gone ends it.
    await db.updateTable("packages").set({ lab_state: hubLabState(p.labState), updated_at: at }).where("label", "=", p.label).execute();
    await db.updateTable("packages").set({ status }).where("label", "=", p.label)
      .where((eb) => (status === "active" || status === "on-hold" ? eb("status", "!=", "quarantine") : eb.lit(true)))
      .execute();
  }
  return { added: fresh.length, updated: pkgs.length - fresh.length };
}

/** Item ids by lower-cased name: the catalog's item of that name, or a new one. */
async function itemIdsFor(db: Kysely<Database>, pkgs: StatePackage[], at: string): Promise<Map<string, string>> {
  const names = [...new Set(pkgs.map((p) => p.itemName))];
  const rows = await db.selectFrom("items").select(["id", "name"]).execute();
  const ids = new Map(rows.map((r) => [r.name.toLowerCase(), r.id]));
  const missing: Item[] = [];
  for (const name of names) {
    if (ids.has(name.toLowerCase())) continue;
    const sample = pkgs.find((p) => p.itemName === name)!;
    const id = `state-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 48)}`;
    ids.set(name.toLowerCase(), id);
    missing.push({ id, name, category: hubCategory(sample.itemCategory), unit: hubUnit(sample.unit), weightBased: sample.unit !== "Each" });
  }
  if (missing.length > 0) await upsertItems(db, missing, at);
  return ids;
}
