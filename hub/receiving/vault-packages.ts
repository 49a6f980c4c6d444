/**
 * What a receiving decision does to the ledger's packages, through the ledger (movements,
 * adjustments and the decision's audit entry together): an accepted package joins the vault at
 * the shelf the station chose, with the quantity verified there, status active; a rejected or
 * unexpected one goes to quarantine (status quarantine), never into sellable stock.
 */
import type { Transaction } from "kysely";
import type { Item, Package } from "#contract/domain.js";
import { isMetrcTag } from "#contract/metrc-tag.js";
import type { LineDecision } from "#contract/receiving.js";
import { upsertItems } from "#hub/ledger/catalog.js";
import { recordPackageChanges } from "#hub/ledger/package-state.js";
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
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 48);
}

/** The item of a package: the catalog's, else the catalog item named as on the manifest, else a new one. */
async function itemFor(
  trx: Trx,
  site: string,
  line: LineDecision,
  manifestNumber: string,
  at: string,
  delta: CatalogDelta,
): Promise<string> {
  const known = await trx
    .selectFrom("packages")
    .select("item_id")
    .where("site_id", "=", site)
    .where("label", "=", line.label)
    .executeTakeFirst();
  if (known) return known.item_id;
  const shipped = await trx
    .selectFrom("ss_transfer_packages as p")
    .innerJoin("ss_deliveries as d", (j) =>
      j.onRef("d.site_id", "=", "p.site_id").onRef("d.state_id", "=", "p.delivery_id"),
    )
    .innerJoin("ss_transfers as t", (j) =>
      j.onRef("t.site_id", "=", "d.site_id").onRef("t.state_id", "=", "d.transfer_id"),
    )
    .select(["p.item_name", "p.item_category"])
    .where("p.site_id", "=", site)
    .where("p.label", "=", line.label)
    .where("t.manifest_number", "=", manifestNumber)
    .executeTakeFirst();
  const name = shipped?.item_name ?? "Unidentified package (not on the manifest)";
  const byName = await trx
    .selectFrom("items")
    .select("id")
    .where("site_id", "=", site)
    .where("name", "=", name)
    .executeTakeFirst();
  if (byName) return byName.id;
  const item: Item = {
    id: shipped ? `state-${slug(name)}` : UNIDENTIFIED_ITEM_ID,
    name,
    category: "flower",
    unit: line.unit,
    weightBased: line.unit !== "Each",
  };
  await upsertItems(trx, site, [item], at);
  delta.items.push(item);
  return item.id;
}

/**
 * The adjustment reason when the vault's verified quantity replaces one the ledger held (a
 * corrected decision, or a package a sync brought in first). The state system takes the received
 * quantity with the receipt itself, so this is the ledger's reason, never sent as an adjustment.
 */
export const RECEIVING_ADJUSTMENT_REASON = "Receiving verification";

/** Who decided, and when: the receive event's envelope. */
export interface Decider {
  at: string;
  stationId: string;
  employeeId?: string | undefined;
}

/** Why the package moves, in the ledger's words. */
function whyOf(line: LineDecision): string {
  if (line.unexpected) return "receiving.unexpected";
  return line.decision === "reject" ? "receiving.rejected" : "receiving.accepted";
}

/**
 * Writes the package a decision is about through the ledger, with `audit` as the entry that
 * records the decision (the ledger writes its own when none is given); returns it for the
 * stations in `delta` (labels that are not METRC tags are stored but not published, as the
 * contract's package label is the 24-character tag).
 */
export async function applyToPackages(
  trx: Trx,
  site: string,
  manifestNumber: string,
  line: LineDecision,
  by: Decider,
  delta: CatalogDelta,
  opts: { audit?: { action: string; detail: Record<string, unknown> }; why?: string } = {},
): Promise<void> {
  const itemId = await itemFor(trx, site, line, manifestNumber, by.at, delta);
  const existing = await trx
    .selectFrom("packages")
    .select(["packaged_date"])
    .where("site_id", "=", site)
    .where("label", "=", line.label)
    .executeTakeFirst();
  const labs = (await labRowsByLabel(trx, site, [line.label])).get(line.label) ?? [];
  const accepted = line.decision !== "reject" && !line.unexpected;
  const [done] = await recordPackageChanges(trx, site, [
    {
      label: line.label,
      at: by.at,
      why: opts.why ?? whyOf(line),
      to: {
        itemId,
        quantity: line.receivedQuantity,
        unit: line.unit,
        location: line.location,
        status: accepted ? "active" : "quarantine",
        labState: labStateOf(labs),
        ...(existing ? {} : { packagedDate: by.at.slice(0, 10) }),
      },
      by: { actor: by.employeeId ?? by.stationId, employeeId: by.employeeId ?? null, stationId: by.stationId },
      source: { kind: "manifest", ref: manifestNumber },
      adjustment: { reason: RECEIVING_ADJUSTMENT_REASON, ...(line.note ? { note: line.note } : {}) },
      ...(opts.audit ? { audit: { ...opts.audit, subject: `package ${line.label}` } } : {}),
    },
  ]);
  if (done && isMetrcTag(done.after.label)) delta.packages.push(done.after);
}
