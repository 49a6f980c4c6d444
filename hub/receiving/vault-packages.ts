/**
 * What a receiving decision does to the ledger's packages: an accepted package joins the vault at
 * the shelf the station chose, with the quantity verified there, status active; a rejected or
 * unexpected one goes to quarantine (status quarantine), never into sellable stock.
 */
import type { Transaction } from "kysely";
import type { Item, Package } from "#contract/domain.js";
import { isMetrcTag } from "#contract/metrc-tag.js";
import type { LineDecision } from "#contract/receiving.js";
import { upsertItems, upsertPackages } from "#hub/ledger/catalog.js";
import { labStateOf } from "./lab.js";
import { labRowsByLabel } from "./manifests.js";
import type { Database } from "#hub/store/database.js";

/** The catalog item of a package scanned at the vault that no manifest and no catalog knows. */
export const UNIDENTIFIED_ITEM_ID = "receiving-unidentified";

type Trx = Transaction<Database>;

/** What changed in the catalog, to publish to the stations after the transaction commits. */
export interface CatalogDelta {
  items: Item[];
  packages: Package[];
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 48);
}

/** The item of a package: the catalog's, else the catalog item named as on the manifest, else a new one. */
async function itemFor(trx: Trx, line: LineDecision, manifestNumber: string, at: string, delta: CatalogDelta): Promise<string> {
  const known = await trx.selectFrom("packages").select("item_id").where("label", "=", line.label).executeTakeFirst();
  if (known) return known.item_id;
  const shipped = await trx.selectFrom("ss_transfer_packages as p")
    .innerJoin("ss_deliveries as d", "d.state_id", "p.delivery_id")
    .innerJoin("ss_transfers as t", "t.state_id", "d.transfer_id")
    .select(["p.item_name", "p.item_category"])
    .where("p.label", "=", line.label).where("t.manifest_number", "=", manifestNumber)
    .executeTakeFirst();
  const name = shipped?.item_name ?? "Unidentified package (not on the manifest)";
  const byName = await trx.selectFrom("items").select("id").where("name", "=", name).executeTakeFirst();
  if (byName) return byName.id;
  const item: Item = {
    id: shipped ? `state-${slug(name)}` : UNIDENTIFIED_ITEM_ID, name, category: "flower", unit: line.unit, weightBased: line.unit !== "Each",
  };
  await upsertItems(trx, [item], at);
  delta.items.push(item);
  return item.id;
}

/**
 * Writes the package a decision is about; returns it for the stations (labels that are not METRC
 * tags are stored but not published, as the contract's package label is the 24-character tag).
 */
export async function applyToPackages(trx: Trx, manifestNumber: string, line: LineDecision, at: string, delta: CatalogDelta): Promise<void> {
  const itemId = await itemFor(trx, line, manifestNumber, at, delta);
  const existing = await trx.selectFrom("packages").select(["packaged_date", "expiration_date", "batch"]).where("label", "=", line.label).executeTakeFirst();
  const labs = (await labRowsByLabel(trx, [line.label])).get(line.label) ?? [];
  const accepted = line.decision !== "reject" && !line.unexpected;
  const pkg: Package = {
    label: line.label, itemId, quantity: line.receivedQuantity, unit: line.unit,
    location: line.location, status: accepted ? "active" : "quarantine", labState: labStateOf(labs),
    packagedDate: existing?.packaged_date ?? at.slice(0, 10),
    ...(existing?.expiration_date ? { expirationDate: existing.expiration_date } : {}),
    ...(existing?.batch ? { batch: existing.batch } : {}),
  };
  await upsertPackages(trx, [pkg], at);
  if (isMetrcTag(pkg.label)) delta.packages.push(pkg);
}
